// activate(): start the language client when an OKR file is around, register features. Nothing else.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeLensMiddleware } from './features/codeLenses/index';
import { features } from './features/index';
import { objectivesProvider } from './features/objectivesView/index';
import { restartPolicy, serverErrorHandler } from './features/serverHealth/index';
import { okrPreviewPlugin, type MarkdownItLike } from './features/preview/plugin';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let starting: Promise<void> | undefined;

function okrGlobs(): string[] {
  const globs = vscode.workspace.getConfiguration('okr').get<string[]>('files.globs');
  return globs && globs.length ? globs : ['**/*.okr.md'];
}

function isOkrDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown' && okrGlobs().some((g) => vscode.languages.match({ pattern: g }, doc) > 0);
}

/** What activate() returns: the preview plugin hook, and its own cost (read by the integration tests). */
export interface OkrExtensionApi {
  extendMarkdownIt(md: MarkdownItLike & { use(p: unknown): unknown }): unknown;
  /** Milliseconds activate() took, from its first line to its return (the server starts after). */
  activationMs: number;
  /** Where the language server keeps its outline cache for warm starts (the workspace storage), if anywhere. */
  cacheFolder: string | null;
  /** What the Objectives view shows, level by level (read by the integration tests). */
  objectivesTree(): vscode.TreeDataProvider<unknown> | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<OkrExtensionApi> {
  const began = performance.now();
  context.subscriptions.push(
    vscode.commands.registerCommand('okr.selectRange', async (uri: string, range: vscode.Range) => {
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
      const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
      editor.selection = new vscode.Selection(r.start, r.end);
      editor.revealRange(r);
    }),
    vscode.commands.registerCommand('okr.restartServer', async () => {
      await ensureStarted(context);
      restartPolicy.reset();
      await client?.restart();
    }),
  );
  const getClient = async (): Promise<LanguageClient> => {
    await ensureStarted(context);
    return client!;
  };
  for (const f of features) f.activate?.(context, getClient);
  // The server starts with the first OKR document, so plain Markdown users pay nothing.
  // Activation does not wait for it: the editor stays responsive while the server comes up.
  if (vscode.workspace.textDocuments.some(isOkrDocument)) {
    void ensureStarted(context);
  } else {
    const sub = vscode.workspace.onDidOpenTextDocument((doc) => {
      if (isOkrDocument(doc)) {
        sub.dispose();
        void ensureStarted(context);
      }
    });
    context.subscriptions.push(sub);
  }
  // VS Code's Markdown preview calls this (contributes.markdown.markdownItPlugins).
  return {
    extendMarkdownIt: (md) => md.use(okrPreviewPlugin),
    activationMs: performance.now() - began,
    cacheFolder: context.storageUri?.fsPath ?? null,
    objectivesTree: () => objectivesProvider as vscode.TreeDataProvider<unknown> | undefined,
  };
}

function ensureStarted(context: vscode.ExtensionContext): Promise<void> {
  starting ??= startClient(context);
  return starting;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  // Two malloc arenas: the index worker threads would otherwise leave one arena each in the
  // server's memory after they finish. A small young generation: the server allocates in short
  // bursts and idles in between, and V8's default keeps up to 48 MB of it resident. Measured with
  // 10,000 files: 258 -> 220 MB RSS after indexing, 290 -> 249 MB with a file open.
  const env = { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };
  const heap = ['--max-semi-space-size=2'];
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env, execArgv: heap } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { env, execArgv: [...heap, '--nolazy', '--inspect=6009'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: okrGlobs().flatMap((pattern) => [
      { scheme: 'file', language: 'markdown', pattern },
      { scheme: 'untitled', language: 'markdown', pattern },
    ]),
    synchronize: {
      configurationSection: 'okr',
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.okr.md'),
        // Rule configuration files: the server re-reads them and re-checks.
        vscode.workspace.createFileSystemWatcher('**/.okr.{json,yaml,yml}'),
      ],
    },
    initializationOptions: {
      settings: vscode.workspace.getConfiguration('okr'),
      // Per-workspace storage for the server's outline cache (warm starts); none without a workspace.
      ...(context.storageUri ? { cacheFolder: context.storageUri.fsPath } : {}),
    },
    // Code lenses as `okr/codeLenses`: a big file's keystroke sends the ranges that changed (features/codeLenses).
    middleware: codeLensMiddleware(() => client, context.subscriptions),
    // Restarts a crashed server a few times, says so once, then stops (features/serverHealth).
    errorHandler: serverErrorHandler(),
  };
  client = new LanguageClient('okr', 'OKR Markdown', serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
  for (const f of features) f.started?.(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
