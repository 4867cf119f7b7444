// The "Objectives" view of the OKR sidebar: objectives grouped by owner, file or period, with
// progress icons and key results below them. Data from `okr/objectives`, asked as a delta against the
// last answer (only what changed travels); nothing computed here.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ClientFeature } from '../index';
import {
  gradeIcon,
  markdownLink,
  onIndexChanged,
  progressText,
  reveal,
  revealCommand,
  REVEAL_COMMAND,
  t,
  type ObjectiveInfo,
  type ObjectivesDelta,
  type Target,
} from './shared';
import { decodeDelta } from '../../../../server/src/lsp/features/objectivesDelta';

export const OBJECTIVES_VIEW = 'okr.objectives';
type GroupBy = 'owner' | 'file' | 'period';

type Item =
  | { kind: 'group'; label: string; objectives: ObjectiveInfo[] }
  | { kind: 'objective'; o: ObjectiveInfo }
  | { kind: 'kr'; o: ObjectiveInfo; kr: ObjectiveInfo['keyResults'][number] };

class ObjectivesProvider implements vscode.TreeDataProvider<Item> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  groupBy: GroupBy = 'owner';
  period: string | null = null;
  owner: string | null = null;
  /** The last answer, for the filter pickers. */
  last: ObjectiveInfo[] = [];

  constructor(private readonly getClient: () => Promise<LanguageClient>) {}

  refresh(): void {
    this.changed.fire();
  }

  /** The answer `last` was decoded from, and the client that gave it (a restarted server knows no ids). */
  private base: { client: LanguageClient; resultId: string; items: ObjectiveInfo[] } | undefined;

  /** Asks for what changed since the last answer and rebuilds the full list from it. */
  private async load(): Promise<ObjectiveInfo[]> {
    const client = await this.getClient();
    // The list this request is decoded against, taken now: another refresh may answer first.
    const base = this.base?.client === client ? this.base : undefined;
    const ask = (previousResultId: string | null) =>
      client.sendRequest<ObjectivesDelta>('okr/objectives', { previousResultId });
    let answer = await ask(base?.resultId ?? null);
    let items: ObjectiveInfo[];
    try {
      items = decodeDelta(answer.items, base?.items);
    } catch {
      // Runs against a list this view does not hold: take everything in full.
      answer = await ask(null);
      items = decodeDelta(answer.items);
    }
    this.base = { client, resultId: answer.resultId, items };
    this.last = items;
    return items;
  }

  private keyOf(o: ObjectiveInfo): string {
    if (this.groupBy === 'file') return o.file ?? vscode.workspace.asRelativePath(vscode.Uri.parse(o.uri));
    if (this.groupBy === 'period') return o.period ?? t('alignment.view.noPeriod');
    return o.owner ?? t('alignment.view.noOwner');
  }

  async getChildren(element?: Item): Promise<Item[]> {
    if (element?.kind === 'group') return element.objectives.map((o) => ({ kind: 'objective', o }));
    if (element?.kind === 'objective') return element.o.keyResults.map((kr) => ({ kind: 'kr', o: element.o, kr }));
    if (element) return [];
    let all: ObjectiveInfo[];
    try {
      all = await this.load();
    } catch {
      return [];
    }
    const shown = all.filter(
      (o) => (this.period === null || o.period === this.period) && (this.owner === null || o.owner === this.owner),
    );
    const groups = new Map<string, ObjectiveInfo[]>();
    for (const o of shown.sort((a, b) => a.uri.localeCompare(b.uri) || a.line - b.line)) {
      const k = this.keyOf(o);
      // Appended in place: copying the group for each objective was quadratic (one period, 50,000 objectives).
      const group = groups.get(k);
      if (group) group.push(o);
      else groups.set(k, [o]);
    }
    return [...groups].map(([label, objectives]) => ({ kind: 'group', label, objectives }));
  }

  getTreeItem(e: Item): vscode.TreeItem {
    if (e.kind === 'group') {
      const item = new vscode.TreeItem(e.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(e.objectives.length);
      item.contextValue = 'okr.group';
      return item;
    }
    if (e.kind === 'objective') {
      const o = e.o;
      const item = new vscode.TreeItem(`${o.id}: ${o.title}`, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${o.uri}#${o.id}#${o.line}`;
      item.description = progressText(o.progress, o.status);
      item.tooltip = new vscode.MarkdownString().appendText(
        [`${o.owner ?? ''} · ${o.id}: ${o.title}`, o.file ?? '', o.period ?? ''].filter(Boolean).join('\n'),
      );
      item.iconPath = gradeIcon(o.color);
      item.contextValue = 'okr.objective';
      item.resourceUri = vscode.Uri.parse(o.uri);
      item.command = revealCommand(targetOf(e)!, item.label as string);
      return item;
    }
    const item = new vscode.TreeItem(`${e.kr.id}: ${e.kr.title}`, vscode.TreeItemCollapsibleState.None);
    item.id = `${e.o.uri}#${e.o.id}#${e.o.line}.${e.kr.id}#${e.kr.line}`;
    item.description = progressText(e.kr.progress, e.kr.status);
    item.iconPath = gradeIcon(e.kr.color, true);
    item.contextValue = 'okr.keyResult';
    item.command = revealCommand(targetOf(e)!, item.label as string);
    return item;
  }
}

/** The place and IDs behind a tree element (objectives view or alignment view). */
export function targetOf(e: unknown): Target | undefined {
  const x = e as Partial<Item> & { target?: Target };
  if (x?.target) return x.target;
  if (x?.kind === 'objective') return { uri: x.o!.uri, line: x.o!.line, id: x.o!.id, owner: x.o!.owner };
  if (x?.kind === 'kr') {
    const kr = (x as Extract<Item, { kind: 'kr' }>).kr;
    return { uri: x.o!.uri, line: kr.line, id: x.o!.id, krId: kr.id, owner: x.o!.owner };
  }
  return undefined;
}

export const objectivesViewFeature: ClientFeature = {
  activate(context, getClient) {
    const provider = new ObjectivesProvider(getClient);
    const view = vscode.window.createTreeView(OBJECTIVES_VIEW, { treeDataProvider: provider, showCollapseAll: true });
    const describe = () => {
      const f = [provider.period, provider.owner].filter(Boolean).join(' · ');
      view.description = f ? t('alignment.view.filtered', { filter: f }) : undefined;
    };
    let listening = false;
    const listen = async () => {
      if (listening) return;
      listening = true;
      context.subscriptions.push(onIndexChanged(await getClient(), () => provider.refresh()));
    };
    // The view asks the server only once it is visible: that starts the server when needed.
    context.subscriptions.push(
      view,
      view.onDidChangeVisibility((e) => {
        if (e.visible) void listen();
      }),
    );
    if (view.visible) void listen();

    const pick = async (values: (string | null)[], placeHolder: string, none: string) => {
      const items = [
        { label: t('alignment.view.filter.all'), value: undefined as string | null | undefined },
        ...[...new Set(values)]
          .sort((a, b) => (a ?? '').localeCompare(b ?? ''))
          .map((v) => ({ label: v ?? none, value: v })),
      ];
      const chosen = await vscode.window.showQuickPick(items, { placeHolder });
      return chosen ? { value: chosen.value } : undefined;
    };

    context.subscriptions.push(
      vscode.commands.registerCommand(REVEAL_COMMAND, (target: Target) => reveal(target)),
      vscode.commands.registerCommand('okr.objectives.refresh', () => provider.refresh()),
      vscode.commands.registerCommand('okr.objectives.groupBy', async () => {
        const options: { label: string; value: GroupBy }[] = [
          { label: t('alignment.view.groupBy.owner'), value: 'owner' },
          { label: t('alignment.view.groupBy.file'), value: 'file' },
          { label: t('alignment.view.groupBy.period'), value: 'period' },
        ];
        const chosen = await vscode.window.showQuickPick(
          options.map((o) => ({ ...o, picked: o.value === provider.groupBy })),
          { placeHolder: t('alignment.view.groupBy.placeholder') },
        );
        if (!chosen) return;
        provider.groupBy = chosen.value;
        provider.refresh();
      }),
      vscode.commands.registerCommand('okr.objectives.filterPeriod', async () => {
        const r = await pick(
          provider.last.map((o) => o.period),
          t('alignment.view.filterPeriod.placeholder'),
          t('alignment.view.noPeriod'),
        );
        if (!r) return;
        provider.period = r.value ?? null;
        describe();
        provider.refresh();
      }),
      vscode.commands.registerCommand('okr.objectives.filterOwner', async () => {
        const r = await pick(
          provider.last.map((o) => o.owner),
          t('alignment.view.filterOwner.placeholder'),
          t('alignment.view.noOwner'),
        );
        if (!r) return;
        provider.owner = r.value ?? null;
        describe();
        provider.refresh();
      }),
      vscode.commands.registerCommand('okr.objectives.open', (e: unknown) => {
        const target = targetOf(e);
        if (target) return reveal(target);
      }),
      vscode.commands.registerCommand('okr.objectives.checkIn', (e: unknown) => {
        const target = targetOf(e);
        if (target) return vscode.commands.executeCommand('okr.checkIn', target.uri, target.id, target.krId);
      }),
      vscode.commands.registerCommand('okr.objectives.copyLink', async (e: unknown) => {
        const target = targetOf(e);
        if (!target) return;
        await vscode.env.clipboard.writeText(markdownLink(target));
        void vscode.window.setStatusBarMessage(
          t('alignment.view.copied', { id: [target.id, target.krId].filter(Boolean).join('.') }),
          3000,
        );
      }),
    );
  },
};
