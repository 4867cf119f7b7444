import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { bigFile } from '../../scripts/bench/corpus';
import {
  CODE_LENSES_REQUEST,
  lensData,
  type CodeLensesAnswer,
  type CodeLensesParams,
} from '../../server/src/lsp/features/codeLensDelta';
import { LENS_RESOLVE_THRESHOLD } from '../../server/src/lsp/features/lensResolve';
import { decodeDelta } from '../../server/src/lsp/features/objectivesDelta';
import { SERVER, startServer, type TestServer } from './lspClient';

// 120 objectives: about 600 lenses, well above the threshold, and quick to parse.
const OBJECTIVES = 120;
const SETTINGS = { today: '2026-11-23', validate: { debounceMs: 0 } };

/** A server whose lens threshold is overridden (the variable is read when the server starts). */
async function serverWithThreshold(root: string, threshold: string | undefined, settings = SETTINGS) {
  const before = process.env.OKR_LENS_RESOLVE_THRESHOLD;
  if (threshold === undefined) delete process.env.OKR_LENS_RESOLVE_THRESHOLD;
  else process.env.OKR_LENS_RESOLVE_THRESHOLD = threshold;
  try {
    return await startServer(root, settings);
  } finally {
    if (before === undefined) delete process.env.OKR_LENS_RESOLVE_THRESHOLD;
    else process.env.OKR_LENS_RESOLVE_THRESHOLD = before;
  }
}

describe('code lens resolve for big files over JSON-RPC', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'okr-lens-'));
  const root = pathToFileURL(dir).toString();
  const big = `${root}/big.okr.md`;
  const child = `${root}/child.okr.md`;
  const small = pathToFileURL(path.join(__dirname, '..', 'fixtures', 'progress', 'mixed.okr.md')).toString();
  const bigText = bigFile(OBJECTIVES);
  const objectiveCount = (bigText.match(/^## O\d+/gm) ?? []).length;
  // A file aligned to the first and the last objective: the big file also gets "N aligned below" lenses.
  const childText = [
    '---',
    'owner: Child Team',
    'period: 2026-Q4',
    'lang: en',
    '---',
    '',
    '# OKRs · Child Team',
    '',
    '## O1: Support the first objective',
    '',
    'Aligns to: [O1](big.okr.md#o1)',
    '',
    '- KR1: Close 10 deals by 2026-12-31',
    '',
    `## O2: Support the last objective`,
    '',
    `Aligns to: [O${objectiveCount}](big.okr.md#o${objectiveCount})`,
    '',
    '- KR1: Close 20 deals by 2026-12-31',
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'big.okr.md'), bigText);
  writeFileSync(path.join(dir, 'child.okr.md'), childText);

  let lazy: TestServer; // the default threshold
  let full: TestServer; // threshold raised: the full list, as before resolve existed
  const versions = new Map<TestServer, number>();
  const logs: string[] = [];

  const open = async (s: TestServer, uri: string, text: string) => {
    s.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
    await s.diagnostics(uri, 1, 60000);
  };
  const lensesOf = async (s: TestServer, uri = big) =>
    (await s.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
  const resolve = async (s: TestServer, lens: unknown) =>
    (await s.connection.sendRequest('codeLens/resolve', lens)) as CodeLens;

  before(async function () {
    this.timeout(60000);
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run "npm run build" first`);
    [lazy, full] = await Promise.all([
      serverWithThreshold(root, undefined),
      serverWithThreshold(root, String(Number.MAX_SAFE_INTEGER)),
    ]);
    lazy.connection.onNotification('window/logMessage', (m: { message: string }) => {
      logs.push(m.message);
    });
    for (const s of [lazy, full]) {
      await open(s, child, childText);
      await open(s, big, bigText);
      await open(s, small, readFileSync(path.join(__dirname, '..', 'fixtures', 'progress', 'mixed.okr.md'), 'utf8'));
      versions.set(s, 1);
    }
  });
  after(async () => {
    await Promise.all([lazy?.stop(), full?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a big file with ranges and compact data, no commands', async () => {
    const expected = await lensesOf(full);
    assert.ok(expected.length > LENS_RESOLVE_THRESHOLD, `${expected.length} lenses`);
    assert.ok(
      expected.every((l) => l.command),
      'the raised threshold gives full lenses',
    );
    const answer = await lensesOf(lazy);
    assert.equal(answer.length, expected.length);
    answer.forEach((l, i) => {
      assert.equal(l.command, undefined);
      assert.deepEqual(l.range, expected[i].range);
      assert.ok(Array.isArray(l.data) && l.data.length === 2 && l.data.every(Number.isInteger), JSON.stringify(l));
    });
    // Not a URI per lens: the data is a few bytes.
    assert.ok(JSON.stringify(answer).length < JSON.stringify(expected).length / 2);
  });

  it('resolves every lens to exactly the lens of the full answer', async () => {
    const expected = await lensesOf(full);
    const answer = await lensesOf(lazy);
    const resolved = await Promise.all(answer.map((l) => resolve(lazy, l)));
    assert.deepEqual(resolved, expected);
    // The sample the brief names: the file lens, an objective, a key result (check-in arguments
    // unchanged), an alignment lens and the last lens.
    assert.match(resolved.find((l) => l.range.start.line === 0)!.command!.title, /^Operations: .* overall$/);
    const kr = resolved.find((l) => l.command!.command === 'okr.checkIn')!;
    assert.deepEqual(kr.command!.arguments, [big, 'O1', 'KR1']);
    const aligned = resolved.filter((l) => l.command!.command === 'okr.showAligned');
    assert.equal(aligned.length, 2, 'the first and the last objective have a file aligned below');
    assert.match(aligned[0].command!.title, /^1 aligned below/);
    assert.equal(
      aligned[1].range.start.line,
      expected.filter((l) => l.command!.command === 'okr.showAligned')[1].range.start.line,
    );
    assert.deepEqual(resolved.at(-1), expected.at(-1));
  });

  it('answers a small file exactly as before: lenses with commands', async () => {
    const [a, b] = await Promise.all([lensesOf(lazy, small), lensesOf(full, small)]);
    assert.ok(a.length > 0 && a.length <= LENS_RESOLVE_THRESHOLD);
    assert.deepEqual(a, b);
    assert.ok(a.every((l) => l.command && l.data === undefined));
  });

  it('resolves lenses of an earlier answer after an edit, without an error', async () => {
    const before = await lensesOf(lazy);
    // One character at the end of the first key result's line: the same lenses, new titles.
    const lines = bigText.split('\n');
    const line = lines.findIndex((l) => l.startsWith('- KR1'));
    const v = (versions.get(lazy) ?? 1) + 1;
    versions.set(lazy, v);
    lazy.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: big, version: v },
      contentChanges: [
        {
          range: { start: { line, character: lines[line].length }, end: { line, character: lines[line].length } },
          text: 'x',
        },
      ],
    });
    await lazy.diagnostics(big, v, 60000);
    const after = await lensesOf(lazy);
    assert.equal(after.length, before.length);
    const krIndex = before.findIndex((l) => l.range.start.line === line);
    // The earlier answer's lens: the latest list has the same shape, so it gets that list's lens.
    const stale = await resolve(lazy, before[krIndex]);
    assert.deepEqual(stale.range, before[krIndex].range);
    assert.equal(stale.command!.command, 'okr.checkIn');
    assert.deepEqual(stale.command!.arguments, [big, 'O1', 'KR1']);
    const fresh = await resolve(lazy, after[krIndex]);
    assert.deepEqual(fresh.command, stale.command);
  });

  // Our VS Code client's request (client/src/features/codeLenses): the same lenses, big files' ranges
  // as runs against the last answer.
  const ours = (s: TestServer, uri: string, previousResultId: string | null) =>
    s.connection.sendRequest(CODE_LENSES_REQUEST, {
      textDocument: { uri },
      previousResultId,
    } satisfies CodeLensesParams) as Promise<CodeLensesAnswer>;
  const rangesOf = (a: CodeLensesAnswer) => {
    assert.ok('ranges' in a, 'a big file gets ranges');
    return a;
  };
  const editBig = async (s: TestServer, line: number, character: number, text: string) => {
    const v = (versions.get(s) ?? 1) + 1;
    versions.set(s, v);
    s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: big, version: v },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text }],
    });
    await s.diagnostics(big, v, 60000);
  };
  /** Ranges of the standard answer and its lenses resolved: what the delta answer must decode and resolve to. */
  const standard = async (s: TestServer) => {
    const list = await lensesOf(s);
    return { ranges: list.map((l) => l.range), resolved: await Promise.all(list.map((l) => resolve(s, l))) };
  };

  it('okr/codeLenses: a big file gets ranges that decode and resolve to the standard lenses', async () => {
    const a = rangesOf(await ours(lazy, big, null));
    const ranges = decodeDelta(a.ranges);
    assert.ok(
      a.ranges.every((r) => !Array.isArray(r)),
      'no earlier answer: every range in full',
    );
    const want = await standard(lazy);
    assert.deepEqual(ranges, want.ranges);
    const resolved = await Promise.all(ranges.map((range, i) => resolve(lazy, { range, data: lensData(a.key, i) })));
    assert.deepEqual(resolved, want.resolved);
    assert.deepEqual(a.commands, [], 'no lines in view: no commands');

    // Lines 10-40 and 100-110 in view: exactly the lenses starting there come with their commands.
    const visible = [
      { start: { line: 10, character: 0 }, end: { line: 40, character: 0 } },
      { start: { line: 100, character: 0 }, end: { line: 110, character: 0 } },
    ];
    const b = rangesOf(
      (await lazy.connection.sendRequest(CODE_LENSES_REQUEST, {
        textDocument: { uri: big },
        previousResultId: a.resultId,
        visible,
      } satisfies CodeLensesParams)) as CodeLensesAnswer,
    );
    const shown = want.resolved.flatMap((l, i) => {
      const line = l.range.start.line;
      return (line >= 10 && line <= 40) || (line >= 100 && line <= 110) ? [[i, l.command] as const] : [];
    });
    assert.ok(shown.length > 10, `${shown.length} lenses in view`);
    assert.deepEqual(b.commands, shown);
    // Malformed view ranges hold no line.
    const c = rangesOf(
      (await lazy.connection.sendRequest(CODE_LENSES_REQUEST, {
        textDocument: { uri: big },
        previousResultId: b.resultId,
        visible: [null, { start: {} }, 'x'],
      })) as CodeLensesAnswer,
    );
    assert.deepEqual(c.commands, []);
  });

  it('okr/codeLenses: after a keystroke or an Enter, only what changed travels, and decodes to the new lenses', async () => {
    const lines = bigText.split('\n');
    let a = rangesOf(await ours(lazy, big, null));
    let ranges = decodeDelta(a.ranges);
    const full = JSON.stringify(a).length;
    // A character at the end of a key result near the end, then a line break below the first objective's heading.
    const kr = lines.findLastIndex((l) => l.startsWith('- KR'));
    const heading = lines.findIndex((l) => l.startsWith('## O1'));
    for (const [line, character, text] of [
      [kr, lines[kr].length, 'x'],
      [heading, lines[heading].length, '\n'],
    ] as const) {
      await editBig(lazy, line, character, text);
      const b = rangesOf(await ours(lazy, big, a.resultId));
      const size = JSON.stringify(b).length;
      assert.ok(size < 2000 && size < full / 20, `${size} bytes after an edit, ${full} in full`);
      if (text === '\n') {
        assert.ok(
          b.ranges.some((r) => Array.isArray(r) && r[2] === 1),
          'the lenses below the Enter are a run moved by one line',
        );
      }
      ranges = decodeDelta(b.ranges, ranges);
      const want = await standard(lazy);
      assert.deepEqual(ranges, want.ranges);
      const resolved = await Promise.all(ranges.map((range, i) => resolve(lazy, { range, data: lensData(b.key, i) })));
      assert.deepEqual(resolved, want.resolved);
      a = b;
    }
    // An id the server does not know (a lost answer, a restarted server): every range in full again.
    const again = rangesOf(await ours(lazy, big, 'no-such-answer'));
    assert.ok(again.ranges.every((r) => !Array.isArray(r)));
    assert.deepEqual(decodeDelta(again.ranges), ranges);
  });

  it('okr/codeLenses: a small file gets its lenses with commands; a bad request an empty list', async () => {
    const a = await ours(lazy, small, null);
    assert.ok('lenses' in a);
    assert.deepEqual(a.lenses, await lensesOf(lazy, small));
    assert.ok(a.lenses.length > 0);
    assert.deepEqual(await ours(lazy, `${root}/not-open.okr.md`, null), { lenses: [] });
    assert.deepEqual(await lazy.connection.sendRequest(CODE_LENSES_REQUEST, {}), { lenses: [] });
    assert.deepEqual(await lazy.connection.sendRequest(CODE_LENSES_REQUEST, { textDocument: { uri: 7 } }), {
      lenses: [],
    });
  });

  it('answers unknown keys, bad data and closed documents with a valid lens', async () => {
    const range = { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } };
    for (const data of [[987654, 0], [1, -1], [1, 1e9], 'x', null, undefined, { a: 1 }, [1.5, 2]]) {
      const r = await resolve(lazy, { range, data });
      assert.deepEqual(r, { range, command: { title: '', command: '' } }, JSON.stringify(data));
    }
    const noRange = await resolve(lazy, { data: [1, 0] });
    assert.equal(typeof noRange.command?.title, 'string');
    assert.ok(noRange.range);

    const answer = await lensesOf(lazy);
    lazy.connection.sendNotification('textDocument/didClose', { textDocument: { uri: big } });
    const r = await resolve(lazy, answer[5]);
    assert.deepEqual(r, { range: answer[5].range, command: { title: '', command: '' } });
    // The server still answers everything else.
    assert.ok((await lensesOf(lazy, small)).length > 0);
    assert.deepEqual(
      logs.filter((m) => /code lens/.test(m)),
      [],
    );
  });

  it('still sends no lenses with okr.codeLens.enabled = false', async () => {
    const off = await serverWithThreshold(root, undefined, {
      ...SETTINGS,
      codeLens: { enabled: false },
    } as typeof SETTINGS);
    try {
      await open(off, big, bigText);
      assert.deepEqual(await lensesOf(off), []);
    } finally {
      await off.stop();
    }
  });
});
