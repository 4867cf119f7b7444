import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER, startServer, type TestServer } from './lspClient';

const samples = pathToFileURL(path.join(__dirname, '..', '..', 'samples')).toString();

describe('language server over JSON-RPC', () => {
  let server: TestServer;
  before(async function () {
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run "npm run build" first`);
    server = await startServer(samples, { today: '2026-11-23' });
  });
  after(async () => server?.stop());

  const uri = `${samples}/scratch.okr.md`;

  it('publishes diagnostics with rule ids and ranges for an opened OKR file', async () => {
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri,
        languageId: 'markdown',
        version: 1,
        text: '## O1: Grow revenue\n\nNo list here.\n\n## O2: Ship\n- Ship [number] features\n',
      },
    });
    const p = await server.diagnostics(uri, 1);
    const byRule = p.diagnostics.map(
      (d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.character}`,
    );
    assert.ok(byRule.includes('objective-without-krs@0:7-19'), byRule.join(', '));
    assert.ok(byRule.includes('template-placeholder@5:7-15'), byRule.join(', '));
    assert.ok(p.diagnostics.every((d) => d.source === 'okr'));
  });

  it('re-checks on change and clears a fixed finding', async () => {
    server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 5, character: 7 }, end: { line: 5, character: 15 } }, text: '3' }],
    });
    const p = await server.diagnostics(uri, 2);
    assert.ok(!p.diagnostics.some((d) => d.code === 'template-placeholder'));
  });

  it('reports invalid front matter', async () => {
    const u = `${samples}/bad-front-matter.okr.md`;
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: u,
        languageId: 'markdown',
        version: 1,
        text: '---\nlevel: galaxy\nperiod: someday\n---\n## O1: X\n- Ship 3 things\n',
      },
    });
    const p = await server.diagnostics(u, 1);
    const fm = p.diagnostics.filter((d) => d.code === 'front-matter-invalid');
    assert.equal(fm.length, 2);
    assert.deepEqual(fm[0].range.start, { line: 1, character: 7 });
  });

  it('gives a non-OKR Markdown file no diagnostics', async () => {
    const u = `${samples}/notes.md`;
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: u, languageId: 'markdown', version: 1, text: '## O1: Not an OKR file\n\n[number]\n' },
    });
    const p = await server.diagnostics(u, undefined);
    assert.equal(p.diagnostics.length, 0);
  });

  it('answers document symbols from the shared parse', async () => {
    const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as {
      name: string;
      children: { name: string }[];
    }[];
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['O1: Grow revenue', 'O2: Ship'],
    );
    assert.equal(symbols[1].children[0].name, 'KR1: Ship 3 features');
  });

  it('offers quick fixes and disable comments as code actions', async () => {
    const u = `${samples}/fixes.okr.md`;
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: u, languageId: 'markdown', version: 1, text: '## O1: X\n- Ship [number] features\n' },
    });
    const p = await server.diagnostics(u, 1);
    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: u },
      range: p.diagnostics[0].range,
      context: { diagnostics: p.diagnostics },
    })) as { title: string; isPreferred?: boolean }[];
    const titles = actions.map((a) => a.title);
    assert.ok(
      titles.some((t) => t.startsWith('Select the placeholder')),
      titles.join(' | '),
    );
    assert.ok(titles.includes('Disable template-placeholder for this line'), titles.join(' | '));
    assert.ok(titles.includes('Disable template-placeholder for this file'), titles.join(' | '));
  });

  it('did not write to stderr', () => {
    assert.equal(server.stderr.join(''), '');
  });
});
