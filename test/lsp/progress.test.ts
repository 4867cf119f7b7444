import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens, FoldingRange, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/core/checkIn';
import { parseOkr } from '../../server/src/core/index';
import { progressLenses } from '../../server/src/lsp/features/progressLens';
import { SERVER, startServer, type TestServer } from './lspClient';

const fixtures = path.join(__dirname, '..', 'fixtures');
const root = pathToFileURL(fixtures).toString();

describe('progress over JSON-RPC: code lenses, hover, check-in, outline', () => {
  let server: TestServer;
  const uri = `${root}/progress/mixed.okr.md`;
  const text = readFileSync(path.join(fixtures, 'progress', 'mixed.okr.md'), 'utf8');

  before(async function () {
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run "npm run build" first`);
    server = await startServer(root, { today: '2026-11-23' });
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
    await server.diagnostics(uri, 1);
  });
  after(async () => server?.stop());

  const lenses = async (u = uri) =>
    (await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: u } })) as CodeLens[];
  const hover = async (line: number, character = 3) =>
    (await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line, character },
    })) as Hover | null;

  it('shows the owner, the period elapsed, objectives and key results as lenses', async () => {
    const all = await lenses();
    const at = (line: number) => all.filter((l) => l.range.start.line === line).map((l) => l.command!.title);
    assert.deepEqual(at(0), ['Fixture Team: ▰▰▱▱▱ 44% overall', '2026-Q4 · 59% elapsed']);
    // O1 (committed, line 7): 60%, 4 KRs on track, 2 off track, grade 0.6.
    assert.deepEqual(at(7), ['▰▰▰▱▱ 60% · 4 on track · 0 at risk · 2 off track · grade 0.6']);
    assert.deepEqual(at(11), ['$160,000 / $200,000 · 60% · confidence 7/10']);
    assert.deepEqual(at(14), ['4% / 2% · 33% · confidence 5/10']);
    assert.deepEqual(at(18), ['4 / 6 · 67% · confidence 7/10']);
    assert.deepEqual(at(21), ['☑ done · click to reopen']);
    assert.deepEqual(at(22), ['☐ not done · click to mark done']);
    assert.deepEqual(at(24), ['▰▱▱▱▱ 28% · 1 on track · 1 at risk · 1 off track · grade 0.3']);
    const kr = all.find((l) => l.range.start.line === 11)!;
    assert.equal(kr.command!.command, 'okr.checkIn');
    assert.deepEqual(kr.command!.arguments, [uri, 'O1', 'KR1']);
  });

  it('answers hovers on a key result and on an objective', async () => {
    const kr = (await hover(11))!.contents as MarkupContent;
    assert.equal(kr.kind, 'markdown');
    for (const part of [
      '| Start | $100,000 |',
      '| Target | $200,000 |',
      '| Current | $160,000 |',
      '| Unit | $ |',
      '| Progress | ▰▰▰▱▱ 60% |',
      '| Weight | 3 |',
      '| Grade | 0.6 |',
      '| Status | on track (expected 59% by today) |',
      '- 2026-10-15: $120,000 · 20% · confidence 6/10',
      '- 2026-11-20: $160,000 · 60% · confidence 7/10',
      'Trend: `▂▅`',
    ])
      assert.ok(kr.value.includes(part), `missing ${part} in\n${kr.value}`);
    const over = (await hover(16))!.contents as MarkupContent;
    assert.ok(over.value.includes('100% (120% achieved)'), over.value);
    const o = (await hover(24))!.contents as MarkupContent;
    for (const part of [
      '| Type | aspirational |',
      '| Grade | 0.3 |',
      '| Status | off track (expected 41% by today) |',
      '- KR1 ▰▰▱▱▱ 40% · at risk · Close a round of at least $3,000,000',
    ])
      assert.ok(o.value.includes(part), `missing ${part} in\n${o.value}`);
    assert.equal(await hover(9, 0), null); // the Type line is not an objective or KR
  });

  it('builds a check-in edit for the current version and refuses a stale one', async () => {
    const res = (await server.connection.sendRequest('okr/checkInEdit', {
      uri,
      version: 1,
      objectiveId: 'O1',
      krId: 'KR4',
      value: '5/6',
      confidence: 8,
      note: 'two more shipped',
    })) as { version: number; edits: TextEdit[] };
    assert.equal(res.version, 1);
    assert.equal(res.edits.length, 1);
    const after = applyEdits(text, res.edits);
    assert.ok(
      after.includes(
        '  - 2026-11-20: 4/6 · confidence 7/10\n  - 2026-11-23: 5/6 · confidence 8/10 · two more shipped\n',
      ),
      after,
    );
    await assert.rejects(
      server.connection.sendRequest('okr/checkInEdit', { uri, version: 0, objectiveId: 'O1', krId: 'KR4', value: '5' }),
      (e: { code: number; message: string }) => e.code === 1001 && /changed/.test(e.message),
    );
    await assert.rejects(
      server.connection.sendRequest('okr/checkInEdit', { uri, version: 1, objectiveId: 'O1', krId: 'KR4', value: 'x' }),
      (e: { code: number; message: string }) => e.code === 1003 && /cannot be read/.test(e.message),
    );
    const toggle = (await server.connection.sendRequest('okr/checkInEdit', {
      uri,
      version: 1,
      objectiveId: 'O1',
      krId: 'KR6',
      value: '',
    })) as { edits: TextEdit[] };
    assert.deepEqual(toggle.edits, [
      { range: { start: { line: 22, character: 2 }, end: { line: 22, character: 5 } }, newText: '[x]' },
    ]);
  });

  it('lists check-in targets with prefilled values and validates input', async () => {
    const t = (await server.connection.sendRequest('okr/checkInTargets', { uri })) as {
      version: number;
      targets: { objectiveId: string; krId: string; value: string; hint: string }[];
    };
    assert.equal(t.version, 1);
    const kr1 = t.targets.find((x) => x.objectiveId === 'O1' && x.krId === 'KR1')!;
    assert.equal(kr1.value, '$160,000');
    assert.equal(kr1.hint, 'Target $200,000 · now $160,000');
    const bad = await server.connection.sendRequest('okr/checkInValidate', {
      uri,
      objectiveId: 'O1',
      krId: 'KR2',
      value: 'later',
    });
    assert.equal(bad, 'This value cannot be read for this key result. Example: 2%');
    const good = await server.connection.sendRequest('okr/checkInValidate', {
      uri,
      objectiveId: 'O1',
      krId: 'KR2',
      value: '3,5%',
    });
    assert.equal(good, null);
  });

  it('gives outline details with status, folding ranges and workspace symbols', async () => {
    const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as {
      detail: string;
      children: { detail: string }[];
    }[];
    assert.equal(symbols[0].detail, '60% · on track');
    assert.equal(symbols[0].children[1].detail, '33% · off track');
    assert.equal(symbols[1].detail, '28% · off track');
    const folds = (await server.connection.sendRequest('textDocument/foldingRange', {
      textDocument: { uri },
    })) as FoldingRange[];
    const f = folds.map((x) => `${x.startLine}-${x.endLine}`);
    assert.ok(f.includes('7-22'), f.join(' ')); // O1's section, trailing blank line left out
    assert.ok(f.includes('11-13'), f.join(' ')); // KR1 with its check-ins
    assert.ok(f.includes('24-30'), f.join(' '));
    const ws = (await server.connection.sendRequest('workspace/symbol', { query: 'aspirational' })) as {
      name: string;
      location: { uri: string };
    }[];
    assert.ok(
      ws.some((s) => s.name === 'O2: Aspirational objective with direct progress' && s.location.uri === uri),
      JSON.stringify(ws),
    );
  });

  it('turns lenses off with okr.codeLens.enabled = false', async () => {
    const off = await startServer(root, { today: '2026-11-23', codeLens: { enabled: false } });
    try {
      off.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'markdown', version: 1, text },
      });
      await off.diagnostics(uri, 1);
      const l = (await off.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as CodeLens[];
      assert.deepEqual(l, []);
    } finally {
      await off.stop();
    }
  });

  it('localizes lens texts (vi, zh-cn) and writes numbers the file language way', () => {
    const vi = readFileSync(path.join(fixtures, 'progress', 'vi-decimals.okr.md'), 'utf8');
    const doc = parseOkr(vi, 'file:///vi.okr.md', 3);
    const titles = (l: 'vi' | 'zh-cn') => progressLenses(doc, '2026-11-23', l).map((x) => x.command!.title);
    assert.deepEqual(titles('vi'), [
      'Nhóm kiểm thử: ▰▰▱▱▱ 49% tổng thể',
      '2026-Q4 · đã qua 59%',
      '▰▰▱▱▱ 49% · 3 đúng tiến độ · 0 có nguy cơ · 0 chậm · điểm 0,5',
      '8,4 / 9 · 50% · độ tin cậy 6/10',
      '3,38 tỷ đồng / 3,9 tỷ đồng · 48% · độ tin cậy 6/10',
      '750 triệu đồng / 300 triệu đồng · 50% · độ tin cậy 7/10',
    ]);
    assert.deepEqual(titles('zh-cn').slice(0, 3), [
      'Nhóm kiểm thử：▰▰▱▱▱ 总体 49%',
      '2026-Q4 · 已过 59%',
      '▰▰▱▱▱ 49% · 3 项正常 · 0 项有风险 · 0 项落后 · 评分 0.5',
    ]);
  });

  it('did not write to stderr', () => {
    assert.equal(server.stderr.join(''), '');
  });
});
