// The "Alignment" view: the cascade from `okr/alignmentTree` (company objectives at the root,
// aligned objectives below, "Unaligned" and broken links apart), and the `okr.showAligned`
// command behind the "N aligned below" code lens.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ClientFeature } from '../index';
import { gradeIcon, onIndexChanged, revealCommand, t, type GradeColor, type Target } from '../objectivesView/shared';

export const ALIGNMENT_VIEW = 'okr.alignment';

/** What `okr/alignmentTree` answers (server/src/core/workspace/views.ts). */
interface TreeNode {
  kind: 'objective' | 'unaligned' | 'loops' | 'file' | 'broken-group' | 'broken';
  label: string;
  description?: string;
  tooltip?: string;
  objective?: { uri: string; id: string; line: number; owner: string | null; color: GradeColor };
  viaKeyResult?: string;
  location?: { uri: string; line: number; character: number };
  children: TreeNode[];
  /** Asked one level at a time: the id to ask for the children, and whether there are any. */
  id?: string;
  hasChildren?: boolean;
}

type Item = TreeNode & { target?: Target; path: string };

class AlignmentProvider implements vscode.TreeDataProvider<Item> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly getClient: () => Promise<LanguageClient>) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(element?: Item): Promise<Item[]> {
    if (element && !element.hasChildren) return element.children.map((c, i) => wrap(c, `${element.path}/${i}`));
    try {
      // One level per request: a large workspace's whole tree would take the server seconds.
      const client = await this.getClient();
      const nodes = await client.sendRequest<TreeNode[]>('okr/alignmentTree', { lazy: true, parent: element?.id });
      return nodes.map((c, i) => wrap(c, element ? `${element.path}/${i}` : String(i)));
    } catch {
      return [];
    }
  }

  getTreeItem(e: Item): vscode.TreeItem {
    // Open at first: the company objectives and the small groups. Nested objectives and whole-file
    // groups (everyone aligned to a department's file: hundreds in a large company) start closed.
    const state =
      (e.hasChildren ?? e.children.length > 0)
        ? (e.kind === 'objective' && e.path.includes('/')) || e.kind === 'file'
          ? vscode.TreeItemCollapsibleState.Collapsed
          : vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(e.label, state);
    item.description = [e.viaKeyResult ? t('alignment.view.viaKr', { kr: e.viaKeyResult }) : '', e.description ?? '']
      .filter(Boolean)
      .join(' · ');
    if (e.tooltip) item.tooltip = e.tooltip;
    switch (e.kind) {
      case 'objective':
        item.iconPath = gradeIcon(e.objective?.color);
        item.contextValue = 'okr.objective';
        break;
      case 'unaligned':
        item.iconPath = new vscode.ThemeIcon('question');
        break;
      case 'loops':
        item.iconPath = new vscode.ThemeIcon('sync', new vscode.ThemeColor('errorForeground'));
        break;
      case 'file':
        item.iconPath = new vscode.ThemeIcon('file');
        break;
      case 'broken-group':
      case 'broken':
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        break;
    }
    if (e.target) item.command = revealCommand(e.target, e.label);
    return item;
  }
}

function wrap(n: TreeNode, path: string): Item {
  const o = n.objective;
  const target: Target | undefined = o
    ? { uri: o.uri, line: o.line, id: o.id, owner: o.owner }
    : n.location
      ? { uri: n.location.uri, line: n.location.line }
      : undefined;
  return { ...n, target, path };
}

export const alignmentViewFeature: ClientFeature = {
  activate(context, getClient) {
    const provider = new AlignmentProvider(getClient);
    const view = vscode.window.createTreeView(ALIGNMENT_VIEW, { treeDataProvider: provider, showCollapseAll: true });
    let listening = false;
    const listen = async () => {
      if (listening) return;
      listening = true;
      context.subscriptions.push(onIndexChanged(await getClient(), () => provider.refresh()));
    };
    context.subscriptions.push(
      view,
      view.onDidChangeVisibility((e) => {
        if (e.visible) void listen();
      }),
      vscode.commands.registerCommand('okr.alignment.refresh', () => provider.refresh()),
      // The code lens cannot build vscode types on the server: convert here, then show references.
      vscode.commands.registerCommand(
        'okr.showAligned',
        (uri: string, position: { line: number; character: number }, locations: LspLocation[]) =>
          vscode.commands.executeCommand(
            'editor.action.showReferences',
            vscode.Uri.parse(uri),
            new vscode.Position(position.line, position.character),
            (locations ?? []).map((l) => new vscode.Location(vscode.Uri.parse(l.uri), toRange(l.range))),
          ),
      ),
    );
    if (view.visible) void listen();
  },
};

interface LspLocation {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function toRange(r: LspLocation['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
