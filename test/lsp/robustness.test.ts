// The server survives hostile documents and rapid edits, and never applies an edit to a newer text.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import type { CodeAction, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { SERVER, startServer, type TestServer } from './lspClient';

const ROOT = 'file:///robustness-ws';

async function symbols(server: TestServer, uri: string): Promise<unknown[]> {
  const t0 = performance.now();
  const r = await Promise.race([
    server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }),
    new Promise((_, reject) => setTimeout(() => reject(new Error(`no documentSymbol answer for ${uri}`)), 10_000)),
  ]);
  console.log(`      documentSymbol after ${uri.split('/').pop()}: ${(performance.now() - t0).toFixed(0)} ms`);
  return (r as unknown[] | null) ?? [];
}

const HOSTILE: Record<string, string> = {
  'binary.okr.md': String.fromCharCode(...Array.from({ length: 2048 }, (_, i) => (i * 31) % 256)),
  'nul.okr.md': '## O1: X\u0000\n- KR1: 3 things\n',
  'huge.okr.md': '- KR1: Ship 3 features\n'.repeat(300_000),
  'deep-list.okr.md': Array.from({ length: 1000 }, (_, d) => `${'  '.repeat(d)}- x`).join('\n'),
  'deep-quote.okr.md': Array.from({ length: 1000 }, (_, d) => `${'>'.repeat(d)} x`).join('\n'),
  'emphasis.okr.md': `## O1: X\n${'*a'.repeat(100_000)}\n`,
  'yaml-bomb.okr.md': `---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nowner: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n## O1: X\n- KR1: 3 things\n`,
  'yaml-deep.okr.md': `---\nowner: ${'{a: ['.repeat(3000)}\n---\n## O1: X\n- KR1: 3 things\n`,
  'surrogates.okr.md': '## O1: Grow \ud800 revenue\n- KR1: \udfff 3 \udc00\ud800 things\n  - 2026-11-01: \ud83d 50%\n',
  'long-line.okr.md': `## O1: ${'Grow revenue 12% '.repeat(6000)}\n- KR1: Ship 3 features\n`,
};

describe('language server robustness (JSON-RPC)', function () {
  this.timeout(120_000);
  let server: TestServer;
  before(async () => {
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run "npm run build" first`);
    server = await startServer(ROOT, { today: '2026-11-23' });
  });
  after(async () => server?.stop());

  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`keeps answering after opening ${name}`, async () => {
      const uri = `${ROOT}/${name}`;
      server.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'markdown', version: 1, text },
      });
      const p = await server.diagnostics(uri, 1, 30_000);
      assert.ok(Array.isArray(p.diagnostics));
      assert.ok(Array.isArray(await symbols(server, uri)));
      assert.equal(server.process.exitCode, null, 'the server exited');
    });
  }

  it('checks only the last of 20 quick edits, within the deadline', async () => {
    const uri = `${ROOT}/rapid.okr.md`;
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text: '## O1: Grow\n- KR1: Ship [number] features\n' },
    });
    await server.diagnostics(uri, 1);
    for (let v = 2; v <= 21; v++) {
      server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ text: `## O1: Grow ${v}\n- KR1: Ship ${v === 21 ? '5' : '[number]'} features\n` }],
      });
    }
    const last = await server.diagnostics(uri, 21, 10_000);
    assert.ok(!last.diagnostics.some((d) => d.code === 'template-placeholder'), 'the final text was checked');
    // Nothing was published for versions 2…20 (they would wait in the client's queue).
    await assert.rejects(server.diagnostics(uri, undefined, 500), /no diagnostics/);
    assert.ok(Array.isArray(await symbols(server, uri)));
  });

  it('code action edits carry the document version, so a stale one is refused by the editor', async () => {
    const uri = `${ROOT}/versioned.okr.md`;
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri,
        languageId: 'markdown',
        version: 7,
        text: '## O1: Grow\n- KR1: Ship [number] features\n',
      },
    });
    const p = await server.diagnostics(uri, 7);
    const diag = p.diagnostics.find((d) => d.code === 'template-placeholder');
    assert.ok(diag, JSON.stringify(p.diagnostics));
    const actions = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag] },
    })) as CodeAction[];
    const withEdits = actions.filter((a) => a.edit);
    assert.ok(withEdits.length > 0);
    for (const a of withEdits) {
      const dc = a.edit!.documentChanges as TextDocumentEdit[];
      assert.ok(dc && dc.length > 0, `${a.title} has no documentChanges`);
      assert.equal(dc[0].textDocument.uri, uri);
      assert.equal(dc[0].textDocument.version, 7);
    }
    // After an edit the same request answers for the new version.
    server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 8 },
      contentChanges: [{ text: '## O1: Grow more\n- KR1: Ship [number] features\n' }],
    });
    const p8 = await server.diagnostics(uri, 8);
    const d8 = p8.diagnostics.find((d) => d.code === 'template-placeholder')!;
    const again = (await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d8.range,
      context: { diagnostics: [d8] },
    })) as CodeAction[];
    const v = (again.find((a) => a.edit)!.edit!.documentChanges as TextDocumentEdit[])[0].textDocument.version;
    assert.equal(v, 8);
  });

  it('refuses a check-in computed for an older version', async () => {
    const uri = `${ROOT}/checkin.okr.md`;
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 3, text: '## O1: Grow\n- KR1: Ship 10 features\n' },
    });
    await server.diagnostics(uri, 3);
    await assert.rejects(
      server.connection.sendRequest('okr/checkInEdit', {
        uri,
        version: 2,
        objectiveId: 'O1',
        krId: 'KR1',
        value: '4',
        date: '2026-11-23',
      }),
    );
    const ok = (await server.connection.sendRequest('okr/checkInEdit', {
      uri,
      version: 3,
      objectiveId: 'O1',
      krId: 'KR1',
      value: '4',
      date: '2026-11-23',
    })) as { version: number; edits: unknown[] };
    assert.equal(ok.version, 3);
    assert.equal(ok.edits.length, 1);
  });

  it('wrote no crash to stderr and is still running', () => {
    assert.equal(server.process.exitCode, null);
    const err = server.stderr.join('');
    assert.ok(!/uncaught|unhandled|RangeError|TypeError|Maximum call stack/i.test(err), err.slice(0, 2000));
  });
});
