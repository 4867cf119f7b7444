// Progress in the real editor: code lenses and hover from the server, and "OKR: Check in" on a
// binary key result (no prompts) applied as one edit that a single undo reverts exactly.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openDocument, waitFor, writeWorkspaceFile } from './helpers';

const TEXT = [
  '---',
  'owner: Integration',
  'level: team',
  'period: 2026-Q4',
  'parent: ./company.okr.md',
  'lang: en',
  '---',
  '',
  '## O1: Ship the progress features',
  '',
  '- KR1: Integrations shipped from 0 to 6',
  '  - 2026-11-20: 4/6 · confidence 7/10',
  '- [ ] KR2: Publish the pricing page by 2026-12-15',
  '',
].join('\n');

suite('progress', () => {
  teardown(closeAllEditors);

  test('code lenses show current vs target and link to okr.checkIn', async () => {
    const uri = writeWorkspaceFile('integration/progress-lens.okr.md', TEXT);
    await openDocument(uri);
    const lenses = await waitFor('the progress code lenses', async () => {
      const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
      return ls?.some((l) => l.command?.command === 'okr.checkIn') ? ls : undefined;
    });
    const kr1 = lenses.find((l) => l.range.start.line === 10 && l.command?.command === 'okr.checkIn');
    assert.ok(kr1, JSON.stringify(lenses.map((l) => l.command?.title)));
    assert.match(kr1.command!.title, /^4 \/ 6 · 67% · confidence 7\/10$/);
    assert.deepEqual(kr1.command!.arguments?.slice(1, 3), ['O1', 'KR1']);
    assert.ok(lenses.some((l) => l.range.start.line === 8 && /33% .*grade 0\.3/.test(l.command?.title ?? '')));
  });

  test('hover on a key result lists its check-ins', async () => {
    const uri = writeWorkspaceFile('integration/progress-hover.okr.md', TEXT);
    await openDocument(uri);
    const text = await waitFor('the key result hover', async () => {
      const hs = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        new vscode.Position(10, 4),
      );
      const all = (hs ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return all.includes('2026-11-20') ? all : undefined;
    });
    assert.match(text, /\| Target \| 6 \|/);
    assert.match(text, /2026-11-20: 4 · 67% · confidence 7\/10/);
  });

  test('checking in a binary key result toggles its box; one undo restores the file', async () => {
    const uri = writeWorkspaceFile('integration/progress-checkin.okr.md', TEXT);
    const doc = await openDocument(uri);
    // The server must know the document before the command asks it for the edit.
    await waitFor('the server to answer code lenses', async () => {
      const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
      return ls?.some((l) => l.command?.command === 'okr.checkIn');
    });
    await vscode.commands.executeCommand('okr.checkIn', uri.toString(), 'O1', 'KR2');
    await waitFor('the box to be ticked', () => doc.getText().includes('- [x] KR2: Publish'));
    assert.equal(doc.getText(), TEXT.replace('- [ ] KR2', '- [x] KR2'));
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => doc.getText() === TEXT);
  });

  test('checking in from a lens asks value, confidence and note, then adds one dated item', async () => {
    const uri = writeWorkspaceFile('integration/progress-prompts.okr.md', TEXT);
    const doc = await openDocument(uri);
    await waitFor('the server to answer code lenses', async () => {
      const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
      return ls?.some((l) => l.command?.command === 'okr.checkIn');
    });
    // Not awaited: the command waits for the prompts, which this test accepts as they come
    // (the value prefilled with the current one, "Skip" for the confidence, an empty note).
    const running = vscode.commands.executeCommand('okr.checkIn', uri.toString(), 'O1', 'KR1');
    await waitFor('the check-in line', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return /\n {2}- \d{4}-\d{2}-\d{2}: 4\n- \[ \] KR2/.test(doc.getText());
    });
    await running;
    const added = doc.getText().split('\n')[12];
    assert.match(added, /^ {2}- \d{4}-\d{2}-\d{2}: 4$/);
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => doc.getText() === TEXT);
  });
});
