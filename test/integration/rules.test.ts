// Writing rules end to end in a real VS Code: a quick fix from the light bulb removes its
// diagnostic, source.fixAll.okr fixes the file, and a .okr.json file changes the findings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  openDocument,
  waitFor,
  waitForDiagnostics,
  writeWorkspaceFile,
} from './helpers';

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
  '- KR1: Hold 4 webinars for trial users',
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

const has = (uri: vscode.Uri, rule: string) =>
  vscode.languages.getDiagnostics(uri).some((d) => d.source === 'okr' && codeOf(d) === rule);

suite('writing rules', () => {
  teardown(closeAllEditors);

  test('the preferred quick fix of duplicate-id renumbers and the diagnostic goes away', async () => {
    const uri = writeWorkspaceFile('integration/rules-quickfix.okr.md', TEXT);
    await openDocument(uri);
    const all = await waitForDiagnostics(uri, (d) => codeOf(d) === 'duplicate-id');
    const diag = all.find((d) => codeOf(d) === 'duplicate-id')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diag.range,
    );
    const fix = actions.find((a) => a.isPreferred && a.edit && a.kind?.value === 'quickfix');
    assert.ok(fix, `no preferred quick fix; got: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    await waitFor('duplicate-id to go away', () => !has(uri, 'duplicate-id'));
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())!;
    assert.match(doc.getText(), /- KR2: Hold 4 webinars/);
  });

  test('source.fixAll.okr applies every unattended fix of the file', async () => {
    const uri = writeWorkspaceFile('integration/rules-fixall.okr.md', TEXT);
    await openDocument(uri);
    await waitForDiagnostics(uri, (d) => codeOf(d) === 'objective-has-metric');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      new vscode.Range(0, 0, 0, 0),
      'source.fixAll.okr',
    );
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.okr');
    assert.ok(fixAll?.edit, `no source.fixAll.okr action; got: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    await waitFor(
      'duplicate-id and objective-has-metric to go away',
      () => !has(uri, 'duplicate-id') && !has(uri, 'objective-has-metric'),
    );
  });

  test('a .okr.json next to the file turns a rule off, and its removal turns it back on', async () => {
    const uri = writeWorkspaceFile('integration/cfg/rules-config.okr.md', TEXT);
    await openDocument(uri);
    await waitForDiagnostics(uri, (d) => codeOf(d) === 'kr-is-activity');
    const cfg = writeWorkspaceFile('integration/cfg/.okr.json', '{ "rules": { "kr-is-activity": "off" } }');
    await waitFor('kr-is-activity to be turned off by .okr.json', () => !has(uri, 'kr-is-activity'));
    await vscode.workspace.fs.delete(cfg);
    await waitFor(
      `kr-is-activity to come back; got: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`,
      () => has(uri, 'kr-is-activity'),
    );
  });
});
