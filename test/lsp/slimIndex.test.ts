// The server keeps an outline of closed files (no text). A rename that rewrites links in closed
// files reads them again, and must follow the disk even before the file watcher reports a change.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { SERVER, startServer, type TestServer } from './lspClient';

const company = `---
level: company
owner: Leadership
---
## O1: Win small businesses
- KR1: Customers from 100 to 200
## O2: Be fast
- KR1: Load time from 3 s to 1 s
`;
const sales = `---
level: department
owner: Sales
---
## O1: Sell more

Aligns to: [company](../company.okr.md#o1-win-small-businesses)

- KR1: Deals from 10 to 40
## O2: Sell faster

Aligns to: [company][c]

- KR1: Cycle from 30 days to 20 days

[c]: ../company.okr.md#o1
`;

describe('closed files as outlines in the server index', () => {
  let dir: string;
  let server: TestServer;
  const at = (rel: string) => pathToFileURL(path.join(dir, rel)).toString();

  before(async () => {
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run "npm run build" first`);
    dir = mkdtempSync(path.join(tmpdir(), 'okr-slim-lsp-'));
    mkdirSync(path.join(dir, 'departments'));
    writeFileSync(path.join(dir, 'company.okr.md'), company);
    writeFileSync(path.join(dir, 'departments', 'sales.okr.md'), sales);
    server = await startServer(pathToFileURL(dir).toString(), { today: '2026-11-23', validate: { debounceMs: 10 } });
    for (let i = 0; i < 100; i++) {
      const g = (await server.connection.sendRequest('okr/alignmentGraph', {})) as { nodes: unknown[] };
      if (g.nodes.length === 4) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail('the workspace was not indexed');
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const rename = async (newName: string) => {
    const edit = (await server.connection.sendRequest('textDocument/rename', {
      textDocument: { uri: at('company.okr.md') },
      position: { line: 4, character: 10 },
      newName,
    })) as WorkspaceEdit;
    return edit.changes?.[at('departments/sales.okr.md')] ?? [];
  };

  it('rewrites links of a closed file from its text read again (inline and reference-style)', async () => {
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: at('company.okr.md'), languageId: 'markdown', version: 1, text: company },
    });
    const edits = await rename('Win every small business');
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.range.start.character, e.newText]),
      [[6, 39, 'o1-win-every-small-business']],
      'the slug link follows the new title; the ID link (#o1) needs no change',
    );
  });

  it('follows the file on disk when it changed before the watcher said so', async () => {
    // Two lines more at the top, and no didChangeWatchedFiles: the index still has the old outline.
    writeFileSync(
      path.join(dir, 'departments', 'sales.okr.md'),
      sales.replace('## O1: Sell more', 'Intro line one.\n\nIntro line two.\n\n## O1: Sell more'),
    );
    const edits = await rename('Win every small business');
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.range.start.character, e.newText]),
      [[10, 39, 'o1-win-every-small-business']],
      'the edit lands where the link is now',
    );
  });
});
