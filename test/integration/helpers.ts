// Shared helpers for the integration suites. Everything waits on events or polls a
// condition with a deadline: never a fixed sleep, so runs are as fast as VS Code allows and
// a hang turns into a clear failure message instead of a mocha timeout.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'okr-markdown.okr-markdown';

/** Default deadline for things the extension does on its own (activation, diagnostics). */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Polls `predicate` until it returns a truthy value (returned) or `timeoutMs` passes
 * (throws with `what` in the message). Also re-checks on every diagnostics change so
 * diagnostic waits react at once instead of on the next poll tick.
 */
export async function waitFor<T>(
  what: string,
  predicate: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  pollMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let wake: (() => void) | undefined;
  const sub = vscode.languages.onDidChangeDiagnostics(() => wake?.());
  try {
    for (;;) {
      try {
        // An async predicate that never settles (say, a request to a dead language server)
        // must not outlive the deadline either.
        const value = await withTimeout(what, Promise.resolve(predicate()), Math.max(deadline - Date.now(), 1));
        if (value) return value;
        lastError = undefined;
      } catch (err) {
        lastError = err; // e.g. a provider not registered yet: keep trying until the deadline
      }
      const left = deadline - Date.now();
      if (left <= 0) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(pollMs, left));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  } finally {
    sub.dispose();
  }
  const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
}

/** Settles like `promise`, or rejects once `ms` have passed. */
export async function withTimeout<T>(what: string, promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The folder VS Code opened: the runner's throwaway copy of samples/. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open (the runner should open a copy of samples/)');
  return folder.uri.fsPath;
}

/**
 * Writes `content` to `relPath` inside the workspace copy (tests may freely create files
 * there: the runner deletes the copy afterwards) and returns its URI.
 */
export function writeWorkspaceFile(relPath: string, content: string): vscode.Uri {
  const file = path.join(workspaceRoot(), relPath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return vscode.Uri.file(file);
}

/** Opens `uri` in an editor (that is what triggers `onLanguage` activation and the server). */
export async function openDocument(uri: vscode.Uri, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<vscode.TextDocument> {
  const what = `${path.basename(uri.fsPath)} to open`;
  const doc = await withTimeout(what, Promise.resolve(vscode.workspace.openTextDocument(uri)), timeoutMs);
  await withTimeout(what, Promise.resolve(vscode.window.showTextDocument(doc, { preview: false })), timeoutMs);
  return doc;
}

/** Waits until the extension under test is active and returns it. */
export async function activeExtension(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) {
    const ids = vscode.extensions.all.filter((e) => !e.id.startsWith('vscode.')).map((e) => e.id);
    throw new Error(`extension ${EXTENSION_ID} is not installed (non-builtin extensions: ${ids.join(', ') || 'none'})`);
  }
  return waitFor(`extension ${EXTENSION_ID} to activate`, () => ext.isActive && ext, timeoutMs);
}

/** Waits until `uri` has diagnostics matching `match` (default: any) and returns all of them. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  match: (d: vscode.Diagnostic) => boolean = () => true,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `diagnostics on ${path.basename(uri.fsPath)}`,
    () => {
      const all = vscode.languages.getDiagnostics(uri);
      return all.some(match) ? all : undefined;
    },
    timeoutMs,
  );
}

/** The diagnostic's `code` as a string, whether it is plain or `{ value, target }`. */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return String(typeof c === 'object' ? c.value : c);
}

/** A short readable list of diagnostics for assertion messages. */
export function describeDiagnostics(ds: readonly vscode.Diagnostic[]): string {
  if (ds.length === 0) return '(none)';
  return ds
    .map((d) => `line ${d.range.start.line + 1}: [${d.source ?? '?'}/${codeOf(d) ?? '?'}] ${d.message}`)
    .join('\n  ');
}

/** Closes all editors so one test's open files do not leak into the next. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
