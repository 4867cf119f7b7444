// The authoring kit inside a real VS Code: the new-file command, the snippet pack, the Markdown
// preview plugin and the walkthrough, each through the editor's own commands. (The grammar is
// tested against VS Code's own Markdown grammar by npm run test:grammar.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, describeDiagnostics, openDocument, waitFor, writeWorkspaceFile } from './helpers';

const COMPANY = [
  '---',
  'owner: BambooBooks',
  'level: company',
  'period: 2027',
  '---',
  '',
  '## O1: Become the tool small businesses recommend',
  '',
  '- KR1: Paying customers from 1,850 to 2,400',
  '  - 2026-11-15: 2,125 · confidence 7/10',
  '- KR2: Monthly churn from 3% to 1.5%',
  '',
].join('\n');

suite('authoring kit', () => {
  teardown(closeAllEditors);

  test('okr.newFile writes a template file with an alignment line and selects the first blank', async () => {
    const company = writeWorkspaceFile('integration/authoring/company.okr.md', COMPANY);
    await openDocument(company);
    const target = vscode.Uri.joinPath(company, '..', 'departments', 'kinh-doanh.okr.md');
    fs.rmSync(target.fsPath, { force: true });
    fs.mkdirSync(vscode.Uri.joinPath(target, '..').fsPath, { recursive: true });

    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('okr.newFile', {
      level: 'department',
      category: 'sales',
      lang: 'vi',
      owner: 'Phòng Kinh doanh',
      period: '2027-Q1',
      parent: { uri: company.toString(), id: 'O1', owner: 'BambooBooks' },
      target: target.toString(),
    });
    assert.equal(created?.toString(), target.toString());
    const text = fs.readFileSync(target.fsPath, 'utf8');
    assert.match(
      text,
      /^---\nowner: Phòng Kinh doanh\nlevel: department\nperiod: 2027-Q1\nlang: vi\nparent: \.\.\/company\.okr\.md\n---/,
    );
    assert.match(text, /## Mục tiêu 1: /);
    assert.match(text, /Căn chỉnh: \[BambooBooks O1\]\(\.\.\/company\.okr\.md#o1\)/);

    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), target.toString());
    assert.equal(editor?.document.getText(editor.selection), '[số tiền]');

    // Placeholders are reported; the alignment link resolves once the server has indexed the
    // company file (written just before, so give the file watcher its moment).
    let last: readonly vscode.Diagnostic[] = [];
    await waitFor('template-placeholder and no alignment-broken', () => {
      last = vscode.languages.getDiagnostics(target);
      return (
        last.some((d) => codeOf(d) === 'template-placeholder') && !last.some((d) => codeOf(d) === 'alignment-broken')
      );
    }).catch((err: unknown) => {
      throw new Error(`${err instanceof Error ? err.message : String(err)}; got:\n  ${describeDiagnostics(last)}`);
    });
  });

  test('okr.newFile without a parent offers the objectives of higher levels and aligns to the one picked', async () => {
    // The picker lists what the server answers for `{ above: 'team' }`: company and department
    // objectives (and files without a level), highest level first. Enter takes the first.
    const target = vscode.Uri.joinPath(
      vscode.workspace.workspaceFolders![0].uri,
      'integration',
      'authoring',
      'team.okr.md',
    );
    fs.rmSync(target.fsPath, { force: true });
    const created = vscode.commands.executeCommand<vscode.Uri | undefined>('okr.newFile', {
      level: 'team',
      category: 'sales',
      lang: 'en',
      owner: 'Team North',
      period: '2027-Q1',
      target: target.toString(),
    });
    let done = false;
    void Promise.resolve(created).then(() => (done = true));
    // No event says the quick pick is open: accept until the command goes on past it.
    await waitFor('the parent objective picked', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return done || fs.existsSync(target.fsPath);
    });
    assert.equal((await created)?.toString(), target.toString());
    const text = fs.readFileSync(target.fsPath, 'utf8');
    // A company objective (the highest level comes first), linked by its ID.
    assert.match(text, /^parent: (\.\.\/)+company\.okr\.md$/m);
    assert.match(text, /Aligns to: \[[^\]]*O\d\]\((\.\.\/)+company\.okr\.md#o\d\)/);
  });

  test('a template snippet inserts objectives whose blanks are tab stops', async () => {
    const uri = writeWorkspaceFile(
      'integration/authoring/snippet.okr.md',
      '---\nowner: 财务部\nlevel: department\nperiod: 2027-Q1\nlang: zh\nparent: ./company.okr.md\n---\n\n',
    );
    const doc = await openDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(doc.lineCount - 1, 0, doc.lineCount - 1, 0);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name: 'finance (zh)' });
    const text = await waitFor('the snippet in the document', () =>
      doc.getText().includes('## 目标1：') ? doc.getText() : undefined,
    );
    assert.match(text, /- \[ \] 关键结果1：在\[日期\]前收齐\[数量\]个部门的预算提案/);
    // The first tab stop is selected, ready to type over.
    assert.equal(editor.document.getText(editor.selection), '[日期]');
  });

  test('the Markdown preview shows progress bars and grades in OKR files only', async () => {
    const uri = writeWorkspaceFile('integration/authoring/preview.okr.md', COMPANY);
    const doc = await openDocument(uri);
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', doc);
    assert.match(html, /class="okr-progress okr-progress-objective/);
    assert.match(html, /class="okr-progress okr-progress-kr okr-grade-yellow" title="50%"/);

    const notes = writeWorkspaceFile('integration/authoring/notes.md', COMPANY);
    const plain = await vscode.commands.executeCommand<string>('markdown.api.render', await openDocument(notes));
    assert.ok(!plain.includes('okr-progress'), 'a plain Markdown file got OKR badges');
  });

  test('the walkthrough is registered with its commands and pages', async () => {
    const ext = vscode.extensions.getExtension('okr-markdown.okr-markdown');
    const steps = ext?.packageJSON.contributes.walkthroughs[0].steps as { id: string; media: { markdown: string } }[];
    // The page paths are localized like every other manifest string (package.nls*.json).
    assert.deepEqual(
      steps.map((s) => s.media.markdown),
      ['newFile', 'rules', 'checkIn', 'alignment'].map((n) => `media/walkthrough/${n}.md`),
    );
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('okr.newFile'));
  });
});
