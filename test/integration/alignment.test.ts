// Alignment in a real VS Code: navigation across files of the samples workspace, the OKR
// sidebar's views and commands, the code lens command, and the alignment map webview.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { OkrExtensionApi } from '../../client/src/extension';
import { activeExtension, closeAllEditors, openDocument, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

const sample = (rel: string) => vscode.Uri.file(path.join(workspaceRoot(), rel));

suite('alignment', () => {
  suiteTeardown(closeAllEditors);

  test('go to definition follows an alignment link to the company objective', async () => {
    const sales = sample('departments/sales.okr.md');
    await openDocument(sales);
    await activeExtension();
    // Line 16 (0-based 15): `Căn chỉnh: [Công ty O1](../company.okr.md#o1)`.
    const found = await waitFor('a definition in company.okr.md', async () => {
      const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
        'vscode.executeDefinitionProvider',
        sales,
        new vscode.Position(15, 40),
      );
      return (defs ?? []).find((d) => ('uri' in d ? d.uri : d.targetUri).fsPath.endsWith('company.okr.md'));
    });
    const range = 'range' in found ? found.range : found.targetRange;
    assert.equal(range.start.line, 13);
  });

  test('find references on a company objective lists the objectives aligned to it', async () => {
    const company = sample('company.okr.md');
    await openDocument(company);
    const refs = await waitFor('references to company O1', async () => {
      const r = await vscode.commands.executeCommand<vscode.Location[]>(
        'vscode.executeReferenceProvider',
        company,
        new vscode.Position(13, 8),
      );
      return (r ?? []).filter((l) => !l.uri.fsPath.endsWith('company.okr.md')).length >= 6 ? r : undefined;
    });
    const files = new Set(refs.map((l) => path.basename(l.uri.fsPath)));
    assert.ok(files.has('sales.okr.md') && files.has('engineering.okr.md') && files.has('marketing-draft.okr.md'));
  });

  test('renaming an objective rewrites a slug link in a file that is not open', async () => {
    // The child stays closed: the server holds only its outline and reads the text to edit it.
    const target = writeWorkspaceFile(
      'integration/rename-target.okr.md',
      '# Team\n\n## O1: Grow revenue\n\n- KR1: 10 deals\n',
    );
    const child = writeWorkspaceFile(
      'integration/rename-child.okr.md',
      '# Me\n\n## O1: Help grow revenue\n\nAligns to: [Team](rename-target.okr.md#o1-grow-revenue)\n\n- KR1: 3 deals\n',
    );
    await openDocument(target);
    await activeExtension();
    const edit = await waitFor('a rename that reaches the closed file', async () => {
      const e = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
        'vscode.executeDocumentRenameProvider',
        target,
        new vscode.Position(2, 10),
        'Grow profit',
      );
      return e && e.get(child).length > 0 ? e : undefined;
    });
    const edits = edit.get(child);
    assert.ok(
      edits.some((x) => x.newText.includes('grow-profit')),
      `the link in the closed file should follow the new slug: ${JSON.stringify(edits.map((x) => x.newText))}`,
    );
  });

  test('the "aligned below" code lens runs okr.showAligned', async () => {
    const company = sample('company.okr.md');
    // Open and active on its own: the test must not rely on an earlier one (OKR_TEST_GREP runs it alone).
    await openDocument(company);
    await activeExtension();
    const lens = await waitFor('an okr.showAligned code lens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', company);
      return (lenses ?? []).find((l) => l.command?.command === 'okr.showAligned' && l.range.start.line === 13);
    });
    assert.match(lens.command!.title, /6/);
    // The client command converts the plain arguments and opens the references peek without throwing.
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
  });

  test('the sidebar views and their commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'okr.objectives.focus',
      'okr.alignment.focus',
      'okr.objectives.groupBy',
      'okr.objectives.filterPeriod',
      'okr.objectives.filterOwner',
      'okr.objectives.copyLink',
      'okr.openAlignmentMap',
      'okr.showAligned',
    ]) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
    await vscode.commands.executeCommand('okr.alignment.focus');
    await vscode.commands.executeCommand('okr.objectives.focus');
  });

  test("the Objectives view shows groups, then a group's objectives, then their key results", async () => {
    await openDocument(sample('company.okr.md'));
    const api = (await activeExtension()).exports as OkrExtensionApi;
    const tree = api.objectivesTree();
    assert.ok(tree, 'the Objectives view has no provider');
    type Node = { kind: string };
    const children = async (e?: unknown) => ((await tree.getChildren(e)) ?? []) as Node[];
    const label = async (e: unknown) => String((await tree.getTreeItem(e)).label);
    // Grouped by owner (the default): the company file's owner is one of the groups, counting its 4 objectives.
    const groups = await waitFor('the owner groups', async () => {
      const gs = await children();
      return gs.length >= 6 && gs;
    });
    const labels = await Promise.all(groups.map(label));
    const company = groups[labels.indexOf('BambooBooks leadership team')];
    assert.ok(company, `no group for the company's owner in ${labels.join(', ')}`);
    assert.equal((await tree.getTreeItem(company)).description, '4');
    const objectives = await children(company);
    assert.deepEqual(
      (await Promise.all(objectives.map(label))).map((l) => l.slice(0, 3)),
      ['O1:', 'O2:', 'O3:', 'O4:'],
    );
    const krs = await children(objectives[0]);
    assert.match(await label(krs[0]), /^KR1: Monthly recurring revenue/);
    // Opening a key result goes to its line in the company file.
    const item = await tree.getTreeItem(krs[0]);
    assert.equal(item.command?.command, 'okr.revealObjective');
    assert.equal((item.command?.arguments?.[0] as { line: number }).line, 15);
    // Asked again (a refresh after an edit), the same group answers the same objectives.
    assert.deepEqual(await Promise.all((await children(company)).map(label)), await Promise.all(objectives.map(label)));
  });

  test('with many groups the Objectives view starts them closed and asks a group as it opens', async () => {
    const api = (await activeExtension()).exports as OkrExtensionApi;
    const tree = api.objectivesTree()!;
    type Node = { kind: string };
    const children = async (e?: unknown) => ((await tree.getChildren(e)) ?? []) as Node[];
    const label = async (e: unknown) => String((await tree.getTreeItem(e)).label);
    // 24 team files, an owner each: more groups than come with their objectives (20). Written
    // through VS Code's file service, whose watcher events the server learns new files from.
    const files: vscode.Uri[] = [];
    for (let i = 1; i <= 24; i++) {
      const uri = vscode.Uri.file(path.join(workspaceRoot(), 'teams', `team-${i}.okr.md`));
      const text = `---\nowner: Team ${i}\nlevel: team\nperiod: 2026-Q4\n---\n\n## O1: Team ${i} ships on time\n\n- KR1: Releases from 2 to ${i + 2}\n`;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      files.push(uri);
    }
    try {
      const groups = await waitFor('the team files indexed', async () => {
        const gs = await children();
        return gs.length >= 24 + 6 && gs;
      });
      const labels = await Promise.all(groups.map(label));
      const team = groups[labels.indexOf('Team 7')];
      assert.ok(team, `no group for Team 7 in ${labels.join(', ')}`);
      const item = await tree.getTreeItem(team);
      assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      assert.equal(item.description, '1');
      // Opened: the server answers that group's objective.
      const objectives = await children(team);
      assert.deepEqual(await Promise.all(objectives.map(label)), ['O1: Team 7 ships on time']);
      assert.match(await label((await children(objectives[0]))[0]), /^KR1: Releases from 2 to 9/);
    } finally {
      for (const f of files) await vscode.workspace.fs.delete(f);
    }
    // Back to the samples' few groups, open with their objectives.
    const back = await waitFor('the team files gone', async () => {
      const gs = await children();
      return gs.length < 24 && gs;
    });
    assert.equal((await tree.getTreeItem(back[0])).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
  });

  test('"OKR: Open alignment map" opens a webview tab', async () => {
    await vscode.commands.executeCommand('okr.openAlignmentMap');
    const tab = await waitFor('the alignment map tab', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('okr.alignmentMap')),
    );
    assert.ok(tab.label.length > 0);
  });
});
