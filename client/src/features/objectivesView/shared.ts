// What the OKR sidebar's views share: the server's answers, UI text from the core catalogs,
// grade icons, and the commands that open or link an objective.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { format, localeOf, type MessageKey, type MessageParams } from '../../../../server/src/core/messages';
import { relativeHref } from '../../../../server/src/core/workspace/navigate';

export const INDEX_CHANGED = 'okr/didChangeIndex';

// The server's answer types, imported as types only (nothing of the server is bundled by them).
export type { ObjectiveInfo, ObjectivesDelta } from '../../../../server/src/lsp/features/objectives';
export type {
  GroupAnswer,
  GroupBy,
  GroupsAnswer,
  ObjectiveGroup,
  ObjectiveGroupsParams,
} from '../../../../server/src/lsp/features/objectiveGroups';
export type { GradeColor, Status } from '../../../../server/src/core/progress';
import type { GradeColor, Status } from '../../../../server/src/core/progress';

/** UI text in the editor's display language, from the same catalogs as the server. */
export function t(key: MessageKey, params?: MessageParams): string {
  return format(localeOf(vscode.env.language), key, params);
}

export const pct = (p: number | null | undefined): string =>
  p === null || p === undefined ? '–' : `${Math.round(p * 100)}%`;

/** `62% · on track`, the status only when the server knows one. */
export function progressText(progress: number | null | undefined, status: Status | null | undefined): string {
  const parts = [pct(progress)];
  if (status) parts.push(t(`progress.status.${status}` as MessageKey));
  return parts.join(' · ');
}

/** A filled circle coloured by grade (charts colours follow the theme), a hollow one without progress. */
export function gradeIcon(color: GradeColor | null | undefined, keyResult = false): vscode.ThemeIcon {
  if (!color) return new vscode.ThemeIcon(keyResult ? 'circle-small' : 'circle-outline');
  const id = color === 'green' ? 'pass-filled' : keyResult ? 'circle-small-filled' : 'circle-filled';
  return new vscode.ThemeIcon(id, new vscode.ThemeColor(`charts.${color}`));
}

/** A place the views can open. */
export interface Target {
  uri: string;
  line: number;
  id?: string;
  krId?: string;
  owner?: string | null;
}

export const REVEAL_COMMAND = 'okr.revealObjective';

export function revealCommand(target: Target, title: string): vscode.Command {
  return { command: REVEAL_COMMAND, title, arguments: [target] };
}

export async function reveal(target: Target): Promise<void> {
  const pos = new vscode.Position(Math.max(0, target.line), 0);
  await vscode.window.showTextDocument(vscode.Uri.parse(target.uri), { selection: new vscode.Range(pos, pos) });
}

/** `[Owner · O1](../company.okr.md#o1)`, relative to the active editor's file (else to the folder). */
export function markdownLink(target: Target): string {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(target.uri))?.uri;
  const from = active && active.scheme === 'file' ? active.toString() : folder ? `${folder.toString()}/_` : target.uri;
  const fragment = [target.id, target.krId].filter(Boolean).join('.').toLowerCase();
  const label = [target.owner, [target.id, target.krId].filter(Boolean).join(' · ')].filter(Boolean).join(' · ');
  return `[${label || 'OKR'}](${relativeHref(from, target.uri, fragment)})`;
}

/** Re-runs `refresh` when the server says the index changed (debounced), once the client runs. */
export function onIndexChanged(client: LanguageClient, refresh: () => void): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listening = client.onNotification(INDEX_CHANGED, () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  });
  // A refresh already scheduled must not run for a view or panel that is gone.
  return new vscode.Disposable(() => {
    if (timer) clearTimeout(timer);
    listening.dispose();
  });
}
