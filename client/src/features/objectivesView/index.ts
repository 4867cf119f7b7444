// The "Objectives" view of the OKR sidebar: objectives grouped by owner, file or period, with
// progress icons and key results below them. Data from `okr/objectiveGroups`: the groups with their
// objectives in one answer when there are few (a delta against the last answer), else the groups
// alone, and a group's objectives as it opens (server/src/lsp/features/objectiveGroups.ts).
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
  type GroupAnswer,
  type GroupBy,
  type GroupsAnswer,
  type ObjectiveGroup,
  type ObjectiveGroupsParams,
  type ObjectiveInfo,
  type ObjectivesDelta,
  type Target,
} from './shared';
import { decodeDelta } from '../../../../server/src/lsp/features/objectivesDelta';

export const OBJECTIVES_VIEW = 'okr.objectives';

type Item =
  | {
      kind: 'group';
      groupBy: GroupBy;
      value: string | null;
      count: number;
      file?: string;
      /** Its objectives when they came with the groups (the group is then shown open). */
      objectives?: ObjectiveInfo[];
    }
  | { kind: 'objective'; o: ObjectiveInfo }
  | { kind: 'kr'; o: ObjectiveInfo; kr: ObjectiveInfo['keyResults'][number] };

type GroupItem = Extract<Item, { kind: 'group' }>;

export class ObjectivesProvider implements vscode.TreeDataProvider<Item> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  groupBy: GroupBy = 'owner';
  period: string | null = null;
  owner: string | null = null;

  constructor(private readonly getClient: () => Promise<LanguageClient>) {}

  refresh(): void {
    this.changed.fire();
  }

  /**
   * The last answer to each request the view made (the groups, each group opened), and the client
   * that gave it (a restarted server knows no ids): the bases of the next deltas.
   */
  private bases = new Map<string, { client: LanguageClient; resultId: string; items: ObjectiveInfo[] }>();

  private params(): ObjectiveGroupsParams {
    return {
      groupBy: this.groupBy,
      ...(this.period !== null ? { period: this.period } : {}),
      ...(this.owner !== null ? { owner: this.owner } : {}),
    };
  }

  /** The values of a field across the workspace, with how many objectives have each (for the filters). */
  async values(groupBy: 'period' | 'owner'): Promise<(string | null)[]> {
    const client = await this.getClient();
    const groups = await client.sendRequest<ObjectiveGroup[]>('okr/objectiveGroups', { groupBy });
    return groups.map((g) => g.value);
  }

  /**
   * Asks `params` with the id of the last answer kept for them, decodes the objectives against that
   * answer (asking again in full when its runs do not fit), and keeps the new one as the next base.
   */
  private async ask<A extends object>(params: ObjectiveGroupsParams): Promise<{ answer: A; items?: ObjectiveInfo[] }> {
    const client = await this.getClient();
    const key = JSON.stringify(params);
    const known = this.bases.get(key);
    const base = known?.client === client ? known : undefined;
    const send = (previousResultId: string | null) =>
      client.sendRequest<A>('okr/objectiveGroups', { ...params, previousResultId });
    const delta = (a: A) => a as Partial<ObjectivesDelta>;
    let answer = await send(base?.resultId ?? null);
    let items: ObjectiveInfo[] | undefined;
    try {
      items = delta(answer).items && decodeDelta(delta(answer).items!, base?.items);
    } catch {
      // Runs against a list this view does not hold: take everything in full.
      answer = await send(null);
      items = delta(answer).items && decodeDelta(delta(answer).items!);
    }
    const resultId = delta(answer).resultId;
    if (items && resultId) this.bases.set(key, { client, resultId, items });
    return { answer, items };
  }

  /** A group's objectives (or, for a large group, its files), asked for what changed since the last answer. */
  private async open(g: GroupItem): Promise<Item[]> {
    const { answer, items } = await this.ask<GroupAnswer>({
      ...this.params(),
      groupBy: g.groupBy,
      group: g.value,
      ...(g.file !== undefined ? { file: g.file } : {}),
    });
    if ('files' in answer) return answer.files.map((f) => ({ ...g, file: f.value ?? '', count: f.count }));
    return (items ?? []).map((o) => ({ kind: 'objective', o }));
  }

  /** The groups, with their objectives when the server sends them along. */
  private async groups(): Promise<Item[]> {
    const { answer, items } = await this.ask<GroupsAnswer>(this.params());
    let at = 0;
    return answer.groups.map((g) => ({
      kind: 'group',
      groupBy: this.groupBy,
      value: g.value,
      count: g.count,
      objectives: items?.slice(at, (at += g.count)),
    }));
  }

  async getChildren(element?: Item): Promise<Item[]> {
    try {
      if (element?.kind === 'group')
        return element.objectives
          ? element.objectives.map((o) => ({ kind: 'objective', o }))
          : await this.open(element);
      if (element?.kind === 'objective') return element.o.keyResults.map((kr) => ({ kind: 'kr', o: element.o, kr }));
      if (element) return [];
      return await this.groups();
    } catch {
      return [];
    }
  }

  private label(e: GroupItem): string {
    if (e.file !== undefined) return e.file;
    if (e.value !== null) return e.value;
    return t(e.groupBy === 'period' ? 'alignment.view.noPeriod' : 'alignment.view.noOwner');
  }

  getTreeItem(e: Item): vscode.TreeItem {
    if (e.kind === 'group') {
      const state = e.objectives ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
      const item = new vscode.TreeItem(this.label(e), state);
      // Kept across refreshes: a group the user opened or closed stays so.
      item.id = JSON.stringify([e.groupBy, e.value, e.file ?? null]);
      item.description = String(e.count);
      item.contextValue = 'okr.group';
      if (e.file !== undefined) item.iconPath = vscode.ThemeIcon.File;
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

/** The provider behind the view once activated (the extension's API hands it to tests). */
export let objectivesProvider: ObjectivesProvider | undefined;

export const objectivesViewFeature: ClientFeature = {
  activate(context, getClient) {
    const provider = new ObjectivesProvider(getClient);
    objectivesProvider = provider;
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

    const pick = async (field: 'period' | 'owner', placeHolder: string, none: string) => {
      let values: (string | null)[];
      try {
        values = await provider.values(field);
      } catch {
        values = [];
      }
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
        const r = await pick('period', t('alignment.view.filterPeriod.placeholder'), t('alignment.view.noPeriod'));
        if (!r) return;
        provider.period = r.value ?? null;
        describe();
        provider.refresh();
      }),
      vscode.commands.registerCommand('okr.objectives.filterOwner', async () => {
        const r = await pick('owner', t('alignment.view.filterOwner.placeholder'), t('alignment.view.noOwner'));
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
