import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { applyEdits, type TextEdit } from '../../server/src/core/index';
import { SERVER, startServer, type TestServer } from './lspClient';

const TEXT = [
  '---',
  'owner: Growth',
  'level: company',
  'period: 2026-Q4',
  '---',
  '',
  '## O1: Make the trial irresistible',
  '',
  '- KR1: Trial-to-paid conversion from 8% to 14%',
  '- KR1: Improve the onboarding emails',
  '- KR3: Hold 4 webinars',
  '',
  '## O2: Grow revenue by 40%',
  '',
  '- KR1: New MRR from $20k to $35k',
  '- KR2: Churn from 3% to 2%',
  '',
  '## O3: Become the tool accountants recommend',
  '',
  '- KR1: Accountant referrals from 15 to 40',
  '- KR2: Accountant partners from 20 to 60',
  '',
].join('\n');

describe('rules over JSON-RPC: quick fixes, fix-all, .okr.json', () => {
  let server: TestServer;
  let root: string;
  let rootUri: string;
  before(async function () {
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run "npm run build" first`);
    root = mkdtempSync(path.join(tmpdir(), 'okr-rules-lsp-'));
    mkdirSync(path.join(root, 'team'));
    writeFileSync(path.join(root, 'team', '.okr.json'), JSON.stringify({ rules: { 'kr-is-activity': 'off' } }));
    rootUri = pathToFileURL(root).toString();
    server = await startServer(rootUri, { today: '2026-11-23' });
  });
  after(async () => server?.stop());

  const texts = new Map<string, { text: string; version: number }>();
  function open(uri: string, text: string): void {
    texts.set(uri, { text, version: 1 });
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
  }
  function change(uri: string, text: string): number {
    const v = texts.get(uri)!.version + 1;
    texts.set(uri, { text, version: v });
    server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ text }],
    });
    return v;
  }
  async function actions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    })) as CodeAction[];
  }
  const editsOf = (a: CodeAction, uri: string) => (a.edit?.changes?.[uri] ?? []) as TextEdit[];
  /** Waits for the diagnostics of a version, skipping publishes the test does not care about. */
  async function diagnosticsUntil(
    uri: string,
    version: number | undefined,
    ok: (p: PublishDiagnosticsParams) => boolean,
  ): Promise<PublishDiagnosticsParams> {
    for (let i = 0; i < 10; i++) {
      const p = await server.diagnostics(uri, version);
      if (ok(p)) return p;
    }
    assert.fail('diagnostics never matched');
  }

  it('offers a preferred quick fix whose edit removes the diagnostic (duplicate-id)', async () => {
    const uri = `${rootUri}/a.okr.md`;
    open(uri, TEXT);
    const p = await server.diagnostics(uri, 1);
    const dup = p.diagnostics.find((d) => d.code === 'duplicate-id');
    assert.ok(dup, p.diagnostics.map((d) => d.code).join(', '));
    const list = await actions(uri, [dup]);
    const fix = list.find((a) => a.isPreferred);
    assert.ok(fix, list.map((a) => a.title).join(' | '));
    assert.equal(fix.kind, 'quickfix');
    assert.ok(list.some((a) => a.title.includes('okr-disable') || /Disable duplicate-id/.test(a.title)));
    const next = applyEdits(texts.get(uri)!.text, editsOf(fix, uri));
    // The next number nobody uses.
    assert.ok(next.includes('- KR4: Improve the onboarding emails'), next);
    const v = change(uri, next);
    const after = await server.diagnostics(uri, v);
    assert.ok(!after.diagnostics.some((d) => d.code === 'duplicate-id'));
  });

  it('moves the number of an objective into a key result (objective-has-metric)', async () => {
    const uri = `${rootUri}/a.okr.md`;
    const v0 = change(uri, texts.get(uri)!.text);
    const d = (await server.diagnostics(uri, v0)).diagnostics.find((x) => x.code === 'objective-has-metric');
    assert.ok(d);
    const fix = (await actions(uri, [d])).find((a) => a.isPreferred)!;
    const next = applyEdits(texts.get(uri)!.text, editsOf(fix, uri));
    assert.match(next, /## O2: Grow revenue\n/);
    assert.match(next, /- KR3: Grow revenue by 40%/);
    const v = change(uri, next);
    assert.ok(!(await server.diagnostics(uri, v)).diagnostics.some((x) => x.code === 'objective-has-metric'));
  });

  it('adds a target and selects the placeholder (kr-not-measurable: edit then command)', async () => {
    const uri = `${rootUri}/a.okr.md`;
    const v0 = change(uri, texts.get(uri)!.text);
    const d = (await server.diagnostics(uri, v0)).diagnostics.find((x) => x.code === 'kr-not-measurable');
    assert.ok(d);
    const fix = (await actions(uri, [d])).find((a) => a.isPreferred)!;
    assert.equal(fix.command?.command, 'okr.selectRange');
    const next = applyEdits(texts.get(uri)!.text, editsOf(fix, uri));
    const sel = fix.command!.arguments![1] as TextEdit['range'];
    assert.equal(next.split('\n')[sel.start.line].slice(sel.start.character, sel.end.character), '[number]');
  });

  it('answers source.fixAll.okr with one action over the whole file, and "Fix all <rule>"', async () => {
    const uri = `${rootUri}/b.okr.md`;
    const text = TEXT.replace('## O3: Become', '## O1: Become').replace(
      '- KR3: Hold 4 webinars',
      '- KR1: Hold 4 webinars',
    );
    open(uri, text);
    const p = await server.diagnostics(uri, 1);
    const dups = p.diagnostics.filter((d) => d.code === 'duplicate-id');
    assert.equal(dups.length, 3, p.diagnostics.map((d) => `${d.code}@${d.range.start.line}`).join(', '));
    const quick = await actions(uri, [dups[0]]);
    const all = quick.find((a) => a.title === 'Fix all duplicate-id problems in this file');
    assert.ok(all, quick.map((a) => a.title).join(' | '));
    const source = await actions(uri, [], ['source.fixAll']);
    assert.equal(source.length, 1);
    assert.equal(source[0].kind, 'source.fixAll.okr');
    const next = applyEdits(text, editsOf(source[0], uri));
    const v = change(uri, next);
    const after = await server.diagnostics(uri, v);
    const left = after.diagnostics.map((d) => d.code);
    for (const rule of ['duplicate-id', 'objective-has-metric']) assert.ok(!left.includes(rule), left.join(', '));
    // Fix-on-save leaves out fixes that need the user to type something.
    assert.ok(left.includes('kr-not-measurable'));
  });

  it('reads .okr.json nearest to the file, and re-reads it when it changes', async () => {
    const uri = `${rootUri}/team/c.okr.md`;
    open(uri, TEXT);
    // The first check may run before the folder's config is read; the re-check follows.
    const p = await diagnosticsUntil(uri, undefined, (x) => !x.diagnostics.some((d) => d.code === 'kr-is-activity'));
    assert.ok(p.diagnostics.some((d) => d.code === 'duplicate-id'));
    const cfg = path.join(root, 'team', '.okr.json');
    writeFileSync(cfg, JSON.stringify({ rules: { 'duplicate-id': 'off' } }));
    server.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToFileURL(cfg).toString(), type: 2 }],
    });
    await diagnosticsUntil(
      uri,
      undefined,
      (x) =>
        x.diagnostics.some((d) => d.code === 'kr-is-activity') && !x.diagnostics.some((d) => d.code === 'duplicate-id'),
    );
  });
});
