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

  test('a big file sends the lenses out of view without commands; resolving gives titles and check-in arguments', async () => {
    const text = bigText();
    const uri = writeWorkspaceFile('integration/big-lenses.okr.md', text);
    const doc = await openDocument(uri);
    const unresolved = await waitFor('the big file lenses', async () => {
      const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return ls && ls.length > 300 ? ls : undefined;
    });
    assert.equal(unresolved.length, 2 + OBJECTIVES * 5);
    // Only the lenses the editor shows (10 lines more each way) come with their commands. The view
    // was taller when the lenses were asked (they take room once shown): allow for that.
    const shownEnd = Math.max(
      0,
      ...vscode.window.visibleTextEditors
        .filter((e) => e.document === doc)
        .flatMap((e) => e.visibleRanges.map((r) => r.end.line)),
    );
    const withCommand = unresolved.filter((l) => l.command);
    assert.ok(withCommand.length < unresolved.length / 4, `${withCommand.length} lenses came with commands`);
    assert.ok(
      withCommand.every((l) => l.range.start.line <= shownEnd + 10 + 40),
      `lenses with commands far out of view: ${JSON.stringify(withCommand.map((l) => l.range.start.line))}, view ends ${shownEnd}`,
    );
    assert.ok(
      withCommand.some((l) => l.range.start.line === 0),
      'the lenses on screen (the top of the file) come with their titles',
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
    assert.deepEqual(last.command.arguments, [doc.uri.toString(), `O${OBJECTIVES}`, 'KR4']);
    assert.ok(resolved.some((l) => l.range.start.line === 0 && /^Big Team: .* overall$/.test(l.command!.title)));
  });

  test('after typing and an Enter, the lenses of a big file follow the text (okr/codeLenses answers what changed)', async () => {
    const text = bigText();
    const uri = writeWorkspaceFile('integration/big-lenses-edit.okr.md', text);
    const doc = await openDocument(uri);
    const lines = text.split('\n');
    const lastLine = lines.findLastIndex((l) => l.startsWith('- KR4'));
    const firstKr = lines.findIndex((l) => l.startsWith('- KR1'));
    const lensesNow = () =>
      vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 1000);
    await waitFor('the big file lenses', async () =>
      (await lensesNow())?.length === 2 + OBJECTIVES * 5 ? true : undefined,
    );

    // The first key result's check-in goes from 10 to 13 (the lens title follows), then an Enter
    // above it moves every lens below by one line.
    const typed = new vscode.WorkspaceEdit();
    typed.replace(
      uri,
      new vscode.Range(firstKr + 1, lines[firstKr + 1].length - 1, firstKr + 1, lines[firstKr + 1].length),
      '13',
    );
    assert.ok(await vscode.workspace.applyEdit(typed));
    await waitFor('the new title of the first key result', async () => {
      const ls = await lensesNow();
      return ls?.find((l) => l.range.start.line === firstKr)?.command?.title.startsWith('13 / 10') ? true : undefined;
    });
    const enter = new vscode.WorkspaceEdit();
    enter.insert(uri, new vscode.Position(firstKr, 0), '\n');
    assert.ok(await vscode.workspace.applyEdit(enter));
    const after = await waitFor('the lenses moved by the Enter', async () => {
      const ls = await lensesNow();
      return ls?.some((l) => l.range.start.line === lastLine + 1 && l.command) ? ls : undefined;
    });
    assert.equal(after.length, 2 + OBJECTIVES * 5);
    assert.equal(after.find((l) => l.range.start.line === firstKr + 1)?.command?.title.slice(0, 7), '13 / 10');
    assert.equal(
      after.find((l) => l.range.start.line === firstKr),
      undefined,
      'no lens stays on the empty line the Enter made',
    );
    const last = after.find((l) => l.range.start.line === lastLine + 1)!;
    assert.match(last.command!.title, /^20 \/ 40 · 50%$/);
    assert.deepEqual(last.command!.arguments, [doc.uri.toString(), `O${OBJECTIVES}`, 'KR4']);
    assert.ok(
      after.every((l) => l.command?.title),
      'every lens resolves',
    );
  });
});
