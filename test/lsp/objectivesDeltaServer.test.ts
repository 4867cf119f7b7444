// `okr/objectives` over real JSON-RPC: without `previousResultId` the flat list as before (the
// new-file wizard reads it), with it the delta shape; after a one-line edit the answer holds runs
// and one item in full, and decodes to what a fresh flat request answers.
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ObjectiveInfo, ObjectivesDelta } from '../../server/src/lsp/features/objectives';
import { decodeDelta } from '../../server/src/lsp/features/objectivesDelta';
import { SERVER, startServer, type TestServer } from './lspClient';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');

/** A file of `n` objectives with two key results each. */
function objectivesFile(n: number): string {
  const parts = ['---\nlevel: team\nowner: Platform\nperiod: 2026-Q4\n---\n'];
  for (let i = 1; i <= n; i++)
    parts.push(
      `## O${i}: Objective number ${i}\n\n- KR1: Ship features from 0 to 10\n  - 2026-11-13: 4\n- KR2: Cut latency from 900 ms to ${i} ms\n`,
    );
  return parts.join('\n');
}

describe('okr/objectives delta over JSON-RPC', () => {
  let server: TestServer;
  let dir: string;
  let uri: string;
  before(async function () {
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run "npm run build" first`);
    dir = mkdtempSync(path.join(tmpdir(), 'okr-objdelta-'));
    cpSync(SAMPLES, dir, { recursive: true });
    uri = pathToFileURL(path.join(dir, 'big.okr.md')).toString();
    server = await startServer(pathToFileURL(dir).toString(), { today: '2026-11-23', validate: { debounceMs: 0 } });
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const flat = () => server.connection.sendRequest<ObjectiveInfo[]>('okr/objectives');
  const delta = (previousResultId: string | null) =>
    server.connection.sendRequest<ObjectivesDelta>('okr/objectives', { previousResultId });
  const isRun = (e: unknown) => Array.isArray(e);

  it('answers flat without previousResultId, in the delta shape with it', async () => {
    const text = objectivesFile(40);
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
    await server.diagnostics(uri, 1);
    const list = await flat();
    assert.ok(Array.isArray(list));
    assert.ok(list.length >= 40 + 5, `${list.length} objectives (the samples and the opened file)`);
    assert.equal(list.filter((o) => o.uri === uri).length, 40);
    assert.deepStrictEqual(await server.connection.sendRequest('okr/objectives', {}), list);

    const first = await delta(null);
    assert.equal(typeof first.resultId, 'string');
    assert.equal(first.items.filter(isRun).length, 0, 'first ask: every item in full');
    assert.deepStrictEqual(decodeDelta(first.items), list);

    // Nothing changed: one run.
    const same = await delta(first.resultId);
    assert.deepStrictEqual(same.items, [[0, list.length]]);
    assert.notEqual(same.resultId, first.resultId);
    // An id this server never gave (a restart, or forgotten): every item in full.
    const unknown = await delta('not-an-id');
    assert.equal(unknown.items.filter(isRun).length, 0);
    assert.deepStrictEqual(decodeDelta(unknown.items), list);
  });

  it('after one key result edit, answers runs and the changed item only', async () => {
    let kept = await delta(null);
    let items = decodeDelta(kept.items);
    const at = items.findIndex((o) => o.uri === uri && o.id === 'O20');
    const line = items[at].keyResults[0].line;
    assert.equal(items[at].keyResults[0].progress, 0.4);
    server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        {
          range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } },
          text: '- KR1: Ship features from 0 to 5\n',
        },
      ],
    });
    await server.diagnostics(uri, 2);
    const answer = await delta(kept.resultId);
    const inFull = answer.items.filter((e) => !isRun(e)) as ObjectiveInfo[];
    assert.deepStrictEqual(
      inFull.map((o) => `${o.uri === uri ? 'big' : o.uri}#${o.id}`),
      ['big#O20'],
      JSON.stringify(answer.items.map((e) => (isRun(e) ? e : (e as ObjectiveInfo).id))),
    );
    assert.ok(answer.items.length <= 3, `${answer.items.length} entries`);
    items = decodeDelta(answer.items, items);
    assert.deepStrictEqual(items, await flat());
    assert.equal(items[at].keyResults[0].progress, 0.8);
    kept = answer;

    // A new objective at the end and an Enter above O30: still decodes to the flat list.
    const lines = objectivesFile(40).split('\n').length;
    server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [
        {
          range: { start: { line: lines, character: 0 }, end: { line: lines, character: 0 } },
          text: '\n## O41: New one\n\n- Ship it: 0 → 1\n',
        },
        {
          range: {
            start: { line: items[at + 10].line, character: 0 },
            end: { line: items[at + 10].line, character: 0 },
          },
          text: '\n',
        },
      ],
    });
    await server.diagnostics(uri, 3);
    const next = await delta(kept.resultId);
    // O30 .. O40 moved one line down: one run with a shift; O41 is new.
    const moved = next.items.filter((e) => isRun(e) && (e as number[]).length === 3) as number[][];
    assert.deepStrictEqual(
      moved.map((r) => r[2]),
      [1],
      JSON.stringify(next.items.map((e) => (isRun(e) ? e : (e as ObjectiveInfo).id))),
    );
    assert.ok(next.items.length <= 5, `${next.items.length} entries`);
    assert.deepStrictEqual(decodeDelta(next.items, items), await flat());
  });
});
