// "OKR: New OKR file…": level, category, language, owner, period and parent objective, then a new
// `*.okr.md` built from the template pack (server/src/core/authoring, pure and unit-tested).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { buildNewFile, nextQuarter, relativeHref } from '../../../../server/src/core/authoring/build';
import { TEMPLATE_CATEGORIES, type TemplateCategory } from '../../../../server/src/core/authoring/templates';
import type { Lang, Level } from '../../../../server/src/core/model';
import { parsePeriod } from '../../../../server/src/core/period';
import type { ClientFeature } from '../index';

/** What `okr/objectives` answers (lsp/features/objectives.ts). */
interface ObjectiveInfo {
  uri: string;
  id: string;
  title: string;
  owner: string | null;
  level: string | null;
  period: string | null;
}

const LEVEL_RANK: Record<Level, number> = { company: 0, department: 1, team: 2, individual: 3 };

function uiLang(): Lang {
  const l = vscode.env.language.toLowerCase();
  return l.startsWith('vi') ? 'vi' : l.startsWith('zh') ? 'zh' : 'en';
}

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function levelLabel(level: Level): string {
  switch (level) {
    case 'company':
      return vscode.l10n.t('Company');
    case 'department':
      return vscode.l10n.t('Department');
    case 'team':
      return vscode.l10n.t('Team');
    case 'individual':
      return vscode.l10n.t('Individual');
  }
}

/** A file name from an owner: letters of every script kept, spaces to dashes. */
function fileNameFor(owner: string): string {
  const base = owner
    .normalize('NFC')
    .replace(/[\\/:*?"<>|#%[\]]+/g, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase();
  return `${base || 'okr'}.okr.md`;
}

async function pickParent(
  getClient: () => Promise<LanguageClient>,
  level: Level,
): Promise<ObjectiveInfo | null | undefined> {
  if (level === 'company') return null;
  let objectives: ObjectiveInfo[] = [];
  try {
    const client = await getClient();
    // Objectives of the files a level or more up, and of files without a level (all of them when
    // there are none): the server filters (filesAbove, lsp/features/objectives.ts).
    objectives = await client.sendRequest<ObjectiveInfo[]>('okr/objectives', { above: level });
  } catch {
    // No server or no index: the file is still useful without an alignment line.
    return null;
  }
  if (objectives.length === 0) return null;
  // The highest levels first.
  objectives.sort((a, b) => (LEVEL_RANK[a.level as Level] ?? 9) - (LEVEL_RANK[b.level as Level] ?? 9));
  const none = { label: vscode.l10n.t('No parent objective'), info: null as ObjectiveInfo | null };
  const pick = await vscode.window.showQuickPick(
    [
      ...objectives.map((o) => ({
        label: `${o.id}: ${o.title}`,
        description: [o.owner, o.period].filter(Boolean).join(' · '),
        detail: vscode.workspace.asRelativePath(vscode.Uri.parse(o.uri)),
        info: o as ObjectiveInfo | null,
      })),
      none,
    ],
    {
      title: vscode.l10n.t('New OKR file: {0}', vscode.l10n.t('parent objective')),
      placeHolder: vscode.l10n.t('Which objective do these OKRs support?'),
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  return pick === undefined ? undefined : pick.info;
}

/**
 * Answers given in advance (`okr.newFile` command arguments, e.g. from another extension or a
 * test): each one given skips its prompt. `parent: null` means no parent objective.
 */
export interface NewFileArgs {
  level?: Level;
  category?: string;
  lang?: Lang;
  owner?: string;
  period?: string;
  parent?: { uri: string; id: string; owner?: string | null } | null;
  /** Where to write the file (a URI string). */
  target?: string;
}

export async function newOkrFile(
  getClient: () => Promise<LanguageClient>,
  args: NewFileArgs = {},
  /** Folder the save dialog opens in (the explorer's folder when run from its context menu). */
  inFolder?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const ui = uiLang();
  const title = (step: string) => vscode.l10n.t('New OKR file: {0}', step);

  const levels: Level[] = ['company', 'department', 'team', 'individual'];
  const levelPick = args.level
    ? { level: args.level }
    : await vscode.window.showQuickPick(
        levels.map((l) => ({ label: levelLabel(l), level: l })),
        { title: title(vscode.l10n.t('level')), placeHolder: vscode.l10n.t('Whose OKRs are these?') },
      );
  if (!levelPick) return;
  const level = levelPick.level;

  // Templates made for this level first, then the rest.
  const sorted = [...TEMPLATE_CATEGORIES].sort((a, b) => Number(b.level === level) - Number(a.level === level));
  const given = TEMPLATE_CATEGORIES.find((c) => c.id === args.category);
  const catPick = given
    ? { category: given }
    : await vscode.window.showQuickPick(
        sorted.map((c) => ({
          label: c.name[ui],
          description: c.level === level ? vscode.l10n.t('suggested for this level') : undefined,
          category: c as TemplateCategory,
        })),
        { title: title(vscode.l10n.t('template')), placeHolder: vscode.l10n.t('Department or category to start from') },
      );
  if (!catPick) return;
  const category = catPick.category;

  const langs: { label: string; lang: Lang }[] = [
    { label: 'English', lang: 'en' },
    { label: 'Tiếng Việt', lang: 'vi' },
    { label: '中文', lang: 'zh' },
  ];
  langs.sort((a, b) => Number(b.lang === ui) - Number(a.lang === ui));
  const langPick = args.lang
    ? { lang: args.lang }
    : await vscode.window.showQuickPick(langs, {
        title: title(vscode.l10n.t('language')),
        placeHolder: vscode.l10n.t('Language the OKRs are written in'),
      });
  if (!langPick) return;
  const lang = langPick.lang;

  const owner = args.owner?.trim()
    ? args.owner
    : await vscode.window.showInputBox({
        title: title(vscode.l10n.t('owner')),
        prompt: vscode.l10n.t('Who owns these OKRs: a company, a department, a team or a person'),
        value: level === 'department' || level === 'company' ? category.name[lang] : '',
        validateInput: (v) => (v.trim() ? null : vscode.l10n.t('Enter an owner name')),
      });
  if (owner === undefined) return;

  const period =
    args.period && parsePeriod(args.period.trim())
      ? args.period
      : await vscode.window.showInputBox({
          title: title(vscode.l10n.t('period')),
          prompt: vscode.l10n.t('Period of the OKRs: 2027-Q1, 2027-H1, 2027 or 2027-01-01..2027-03-31'),
          value: nextQuarter(todayIso()),
          validateInput: (v) => (parsePeriod(v.trim()) ? null : vscode.l10n.t('Not a period the checker can read')),
        });
  if (period === undefined) return;

  const parent = args.parent !== undefined ? args.parent : await pickParent(getClient, level);
  if (parent === undefined) return;

  const folder =
    inFolder ??
    (vscode.window.activeTextEditor?.document.uri.scheme === 'file'
      ? vscode.Uri.joinPath(vscode.window.activeTextEditor.document.uri, '..')
      : undefined) ??
    vscode.workspace.workspaceFolders?.[0]?.uri;
  const defaultName = fileNameFor(owner.trim());
  let target = args.target
    ? vscode.Uri.parse(args.target)
    : await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Save the new OKR file'),
        defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined,
        filters: { [vscode.l10n.t('OKR files')]: ['okr.md', 'md'] },
        saveLabel: vscode.l10n.t('Create'),
      });
  if (!target) return;
  // Only `*.okr.md` files are checked by default: keep the name inside the glob.
  if (!target.path.endsWith('.okr.md')) {
    target = target.with({ path: target.path.replace(/(\.md)?$/, '.okr.md') });
  }

  const text = buildNewFile({
    set: category.sets[lang],
    lang,
    owner: owner.trim(),
    level,
    period: period.trim(),
    parent: parent ? relativeHref(target.toString(), parent.uri) : null,
    alignTo: parent
      ? (() => {
          const href = relativeHref(target.toString(), parent.uri, parent.id.toLowerCase());
          return href ? { label: `${parent.owner ?? ''} ${parent.id}`.trim(), href } : null;
        })()
      : null,
    eol: vscode.workspace.getConfiguration('files').get<string>('eol') === '\r\n' ? '\r\n' : '\n',
  });
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  const editor = await vscode.window.showTextDocument(target);
  // Put the cursor on the first blank: typing replaces it, as with the template-placeholder fix.
  const at = /\[[^\]\s][^\]]*\](?!\()/.exec(text.slice(text.indexOf('\n## ')));
  if (at) {
    const offset = text.indexOf('\n## ') + at.index;
    const start = editor.document.positionAt(offset);
    const end = editor.document.positionAt(offset + at[0].length);
    editor.selection = new vscode.Selection(start, end);
    editor.revealRange(new vscode.Range(start, end));
  }
  return target;
}

export const newFileFeature: ClientFeature = {
  activate(context, getClient) {
    context.subscriptions.push(
      vscode.commands.registerCommand('okr.newFile', (args?: NewFileArgs | vscode.Uri) =>
        args instanceof vscode.Uri ? newOkrFile(getClient, {}, args) : newOkrFile(getClient, args ?? {}),
      ),
    );
  },
};
