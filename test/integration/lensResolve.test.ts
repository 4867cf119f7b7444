// Code lenses of a big file in the real editor: they arrive without commands (the server sends
// titles on codeLens/resolve only, server/src/lsp/features/lensResolve.ts) and resolve to the
// same titles and check-in arguments a small file gets.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openDocument, waitFor, writeWorkspaceFile } from './helpers';

// 60 objectives with 4 key results: 2 + 60 + 240 = 302 lenses, above the threshold of 200.
const OBJECTIVES = 60;

function bigText(): string {
  const lines = ['---', 'owner: Big Team', 'period: 2026-Q4', 'lang: en', '---', '', '# OKRs · Big Team', ''];
  for (let o = 1; o <= OBJECTIVES; o++) {
    lines.push(`## O${o}: Objective number ${o}`, '');
    for (let k = 1; k <= 4; k++) lines.push(`- KR${k}: Deals closed from 0 to ${10 * k}`, `  - 2026-11-20: ${5 * k}`);
    lines.push('');
  }
  return lines.join('\n');
}

suite('code lens resolve in big files', () => {
  teardown(closeAllEditors);

  test('a big file sends lenses without commands; resolving gives titles and check-in arguments', async () => {
    const text = bigText();
    const uri = writeWorkspaceFile('integration/big-lenses.okr.md', text);
    const doc = await openDocument(uri);
    const unresolved = await waitFor('the big file lenses', async () => {
      const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return ls && ls.length > 300 ? ls : undefined;
    });
    assert.equal(unresolved.length, 2 + OBJECTIVES * 5);
    assert.ok(
      unresolved.every((l) => !l.command),
      'no lens of a big file comes with its command',
    );

    const resolved = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      uri,
      1000,
    );
    assert.equal(resolved.length, unresolved.length);
    assert.ok(
      resolved.every((l) => l.command && l.command.title),
      JSON.stringify(resolved.filter((l) => !l.command?.title).map((l) => l.range.start.line)),
    );
    // The last key result: "40 / 40 · 50%", clickable with the same arguments as in a small file.
    const lastLine = text.split('\n').findLastIndex((l) => l.startsWith(`- KR4`));
    const last = resolved.find((l) => l.range.start.line === lastLine);
    assert.ok(last?.command, `no lens on line ${lastLine}`);
    assert.match(last.command.title, /^20 \/ 40 · 50%$/);
    assert.equal(last.command.command, 'okr.checkIn');
    assert.deepEqual(last.command.arguments?.slice(1), [`O${OBJECTIVES}`, 'KR4', doc.version]);
    assert.ok(resolved.some((l) => l.range.start.line === 0 && /^Big Team: .* overall$/.test(l.command!.title)));
  });
});
