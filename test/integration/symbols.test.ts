// The outline (document symbols) of an OKR file lists its objectives.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, openDocument, waitFor, writeWorkspaceFile } from './helpers';

/** Flattens DocumentSymbol trees (and tolerates the older SymbolInformation shape). */
function symbolNames(symbols: readonly (vscode.DocumentSymbol | vscode.SymbolInformation)[]): string[] {
  return symbols.flatMap((s) => [s.name, ...('children' in s ? symbolNames(s.children) : [])]);
}

suite('document symbols', () => {
  teardown(closeAllEditors);

  test('executeDocumentSymbolProvider lists the objectives', async () => {
    const uri = writeWorkspaceFile(
      'integration/symbols.okr.md',
      [
        '# Company OKRs',
        '',
        '## O1: Grow revenue',
        '',
        '- KR1: Reach 1.2 M EUR monthly revenue (0.8)',
        '',
        '## O2: Delight customers',
        '',
        '- KR1: Raise NPS from 30 to 45 (35)',
        '',
      ].join('\n'),
    );
    await openDocument(uri);
    // The built-in Markdown extension also provides symbols (every heading): wait until the
    // outline has objective names at all, then check both are there.
    let seen: string[] = [];
    const names = await waitFor('objectives in the document symbols', async () => {
      const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>(
        'vscode.executeDocumentSymbolProvider',
        uri,
      );
      seen = symbolNames(symbols ?? []);
      return seen.some((n) => /^O1\b/.test(n)) && seen.some((n) => /^O2\b/.test(n)) ? seen : undefined;
    }).catch((err: unknown) => {
      throw new Error(`${err instanceof Error ? err.message : String(err)}; last symbols: ${JSON.stringify(seen)}`);
    });
    assert.ok(
      names.some((n) => n.startsWith('O1')),
      `no O1 symbol in ${JSON.stringify(names)}`,
    );
    assert.ok(
      names.some((n) => n.startsWith('O2')),
      `no O2 symbol in ${JSON.stringify(names)}`,
    );
  });
});
