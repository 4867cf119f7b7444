// "OKR: Check in" (`okr.checkIn`): from a key result's code lens (with arguments) or from the
// palette (pick a key result of the current file). The server computes the edit; the client asks
// for the value, confidence and note, and applies the edit only to the version it was made for.
// Every text shown comes from the server's catalogs (okr/checkInTargets), in the UI language.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ClientFeature } from '../index';

// The server's answer types, imported as types only.
import type { CheckInTarget, CheckInTargets } from '../../../../server/src/lsp/features/checkIn';
import type { Range, TextEdit } from '../../../../server/src/core/index';

interface EditResult {
  version: number;
  edits: TextEdit[];
}

const STALE = 1001;

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => params[k] ?? m);
}

function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

async function pickTarget(info: CheckInTargets, objectiveId?: string): Promise<CheckInTarget | undefined> {
  // Called for an objective (from the objectives view): its key results only.
  const targets = objectiveId ? info.targets.filter((t) => t.objectiveId === objectiveId) : info.targets;
  if (!targets.length) {
    void vscode.window.showInformationMessage(info.texts.noKrs);
    return undefined;
  }
  const editor = vscode.window.activeTextEditor;
  const cursor = editor?.selection.active.line ?? -1;
  // Start on the key result under the cursor (or the last one above it).
  const items = targets.map((t) => ({
    label: `${t.objectiveId}.${t.krId}`,
    description: t.title,
    detail: t.summary,
    target: t,
  }));
  const qp = vscode.window.createQuickPick<(typeof items)[number]>();
  qp.items = items;
  qp.placeholder = info.texts.pickKr;
  qp.matchOnDescription = true;
  const near = [...items].reverse().find((i) => i.target.line <= cursor);
  if (near) qp.activeItems = [near];
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]?.target ?? qp.activeItems[0]?.target);
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

interface Answers {
  value: string;
  confidence?: number;
  note?: string;
}

async function ask(
  client: LanguageClient,
  uri: string,
  info: CheckInTargets,
  t: CheckInTarget,
): Promise<Answers | undefined> {
  if (t.binary) return { value: '' };
  const id = `${t.objectiveId}.${t.krId}`;
  const value = await vscode.window.showInputBox({
    title: fill(info.texts.title, { id }),
    prompt: `${fill(info.texts.valuePrompt, { title: t.title })} · ${t.hint}`,
    value: t.value,
    valueSelection: [0, t.value.length],
    ignoreFocusOut: true,
    validateInput: async (v) =>
      (await client.sendRequest<string | null>('okr/checkInValidate', {
        uri,
        objectiveId: t.objectiveId,
        krId: t.krId,
        value: v,
      })) ?? undefined,
  });
  if (value === undefined) return undefined;
  const levels = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((n) => ({ label: `${n}/10`, n }));
  const skip = { label: info.texts.confidenceSkip, n: -1 };
  const picked = await vscode.window.showQuickPick([skip, ...levels], {
    title: fill(info.texts.title, { id }),
    placeHolder: info.texts.confidencePlaceholder,
    ignoreFocusOut: true,
  });
  const note = await vscode.window.showInputBox({
    title: fill(info.texts.title, { id }),
    prompt: info.texts.notePrompt,
    ignoreFocusOut: true,
  });
  return {
    value,
    confidence: picked && picked.n >= 0 ? picked.n : undefined,
    note: note?.trim() ? note.trim() : undefined,
  };
}

/** Asks the server for the edit and applies it if the document is still that version. */
async function applyCheckIn(
  client: LanguageClient,
  document: vscode.TextDocument,
  t: CheckInTarget,
  answers: Answers,
): Promise<'applied' | 'changed'> {
  for (let attempt = 0; attempt < 2; attempt++) {
    let result: EditResult;
    try {
      result = await client.sendRequest<EditResult>('okr/checkInEdit', {
        uri: document.uri.toString(),
        version: document.version,
        objectiveId: t.objectiveId,
        krId: t.krId,
        ...answers,
      });
    } catch (e) {
      // The server saw another version than ours (a change in flight): compute once more.
      if ((e as { code?: number }).code === STALE && attempt === 0) continue;
      throw e;
    }
    if (document.version !== result.version) continue;
    const edit = new vscode.WorkspaceEdit();
    // One WorkspaceEdit, one undo step.
    edit.set(
      document.uri,
      result.edits.map((e) => vscode.TextEdit.replace(toRange(e.range), e.newText)),
    );
    if (await vscode.workspace.applyEdit(edit)) return 'applied';
  }
  return 'changed';
}

export const checkInFeature: ClientFeature = {
  activate(context, getClient) {
    context.subscriptions.push(
      vscode.commands.registerCommand(
        'okr.checkIn',
        async (uriArg?: string | vscode.Uri, objectiveId?: string, krId?: string) => {
          const uri =
            typeof uriArg === 'string'
              ? vscode.Uri.parse(uriArg)
              : uriArg instanceof vscode.Uri
                ? uriArg
                : vscode.window.activeTextEditor?.document.uri;
          if (!uri) return;
          const document = await vscode.workspace.openTextDocument(uri);
          const client = await getClient();
          try {
            const info = await client.sendRequest<CheckInTargets>('okr/checkInTargets', { uri: uri.toString() });
            // From a lens: that key result (if the file still has it); otherwise the user picks one.
            const target =
              (objectiveId && krId
                ? info.targets.find((x) => x.objectiveId === objectiveId && x.krId === krId)
                : undefined) ??
              (await pickTarget(
                info,
                info.targets.some((x) => x.objectiveId === objectiveId) ? objectiveId : undefined,
              ));
            if (!target) return;
            const answers = await ask(client, uri.toString(), info, target);
            if (!answers) return;
            if ((await applyCheckIn(client, document, target, answers)) === 'changed') {
              void vscode.window.showWarningMessage(info.texts.changed);
            }
          } catch (e) {
            void vscode.window.showErrorMessage((e as Error)?.message ?? String(e));
          }
        },
      ),
    );
  },
};
