// The language server: owns documents, the parse cache, the index and diagnostics, and hands a
// ServerContext to each feature (lsp/features/*). Knows nothing about VS Code.
import {
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument, DEFAULT_MAX_SIZE, ruleById, todayIso, WorkspaceIndex, type Finding } from '../core/index';
import { localeOf, type Locale } from '../core/messages';
import { parseOkr } from '../core/parse/index';
import { okrMatcher, type WorkspaceFs } from '../core/workspace/files';
import { listOkrFiles } from '../core/workspace/load';
import type { OkrSettings, ServerContext } from './context';
import { toDiagnostic } from './convert';
import { ParseCache } from './documents';
import { features } from './features/index';
import { completionProviders, hoverProviders, lensProviders } from './features/providers';

export type { OkrSettings } from './context';

export interface ServerOptions {
  fs?: WorkspaceFs;
}

export function startServer(connection: Connection, options: ServerOptions = {}): ServerContext {
  const documents = new TextDocuments(TextDocument);
  let settings: OkrSettings = {};
  let hasConfigCapability = false;
  let folders: string[] = [];
  let uiLocale: Locale = 'en';
  const cache = new ParseCache(() => settings.maxFileSize ?? DEFAULT_MAX_SIZE);
  const index = new WorkspaceIndex();
  const findingsByUri = new Map<string, { version: number; findings: Finding[] }>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const modelListeners: ((uri: string) => void)[] = [];
  let isOkr = okrMatcher();

  const relativePath = (uri: string): string => {
    for (const f of folders) {
      const prefix = f.endsWith('/') ? f : `${f}/`;
      if (uri.startsWith(prefix)) return safeDecode(uri.slice(prefix.length));
    }
    // Outside any folder (or no folder open): match on the whole path.
    return safeDecode(uri.replace(/^[a-z-]+:\/*/i, ''));
  };
  const isOkrUri = (uri: string) => isOkr(relativePath(uri));

  const okrDocument = (uri: string) => {
    const text = documents.get(uri);
    if (!text || !isOkrUri(uri)) return undefined;
    const doc = cache.get(text);
    if (index.get(uri) !== doc) index.set(doc);
    return { text, doc };
  };

  const compute = (uri: string): Finding[] => {
    const entry = okrDocument(uri);
    if (!entry) return [];
    const cached = findingsByUri.get(uri);
    if (cached && cached.version === entry.text.version) return cached.findings;
    const found = checkDocument(entry.doc, { index, configs: [{ rules: settings.rules }], today: settings.today });
    findingsByUri.set(uri, { version: entry.text.version, findings: found });
    return found;
  };

  const ctx: ServerContext = {
    connection,
    documents,
    index,
    fs: options.fs,
    settings: () => settings,
    folders: () => folders,
    uiLocale: () => uiLocale,
    isOkrUri,
    okrDocument,
    findings: compute,
    today: () => settings.today ?? todayIso(),
    revalidate: (uris) => {
      for (const uri of uris ?? documents.keys()) {
        findingsByUri.delete(uri);
        schedule(uri, 0);
      }
    },
    onDidChangeModel: (l) => modelListeners.push(l),
    addCodeLensProvider: (p) => lensProviders.push(p),
    addHoverProvider: (p) => hoverProviders.push(p),
    addCompletionProvider: (p) => completionProviders.push(p),
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    hasConfigCapability = Boolean(params.capabilities.workspace?.configuration);
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    index.setRoots(folders);
    uiLocale = localeOf(params.locale ?? 'en');
    const init = params.initializationOptions as { settings?: OkrSettings } | undefined;
    if (init?.settings) applySettings(init.settings);
    let capabilities: InitializeResult['capabilities'] = {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      workspace: { workspaceFolders: { supported: true } },
    };
    for (const f of features) capabilities = { ...capabilities, ...(f.capabilities?.() ?? {}) };
    return { capabilities, serverInfo: { name: 'okr-language-server' } };
  });

  function applySettings(s: OkrSettings | null | undefined): void {
    settings = s ?? {};
    isOkr = okrMatcher(settings.files?.globs);
  }

  async function pullSettings(): Promise<void> {
    if (!hasConfigCapability) return;
    try {
      const s = (await connection.workspace.getConfiguration('okr')) as OkrSettings | null;
      applySettings(s);
    } catch {
      // A client that cannot answer keeps the defaults.
    }
  }

  connection.onInitialized(async () => {
    if (hasConfigCapability) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'okr' });
      await pullSettings();
    }
    await indexWorkspace();
    ctx.revalidate();
  });

  async function indexWorkspace(): Promise<void> {
    if (!options.fs || folders.length === 0) return;
    const files = await listOkrFiles(options.fs, folders, settings.files?.globs);
    for (const uri of files) {
      if (documents.get(uri)) continue;
      const text = await options.fs.readText(uri);
      if (text !== null) index.set(parseOkr(text, uri, -1, { maxSize: settings.maxFileSize ?? DEFAULT_MAX_SIZE }));
    }
  }

  connection.onDidChangeConfiguration(async (change) => {
    if (hasConfigCapability) await pullSettings();
    else applySettings((change.settings as { okr?: OkrSettings } | undefined)?.okr);
    findingsByUri.clear();
    ctx.revalidate();
  });

  function validate(uri: string): void {
    const textDoc = documents.get(uri);
    if (!textDoc) return;
    if (!isOkrUri(uri)) {
      findingsByUri.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const found = compute(uri);
    const diagnostics: Diagnostic[] = found.map((f) => toDiagnostic(f, ruleById.get(f.rule)?.meta.docs));
    void connection.sendDiagnostics({ uri, version: textDoc.version, diagnostics });
    for (const l of modelListeners) l(uri);
  }

  function schedule(uri: string, delay = settings.validate?.debounceMs ?? 120): void {
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        try {
          validate(uri);
        } catch (e) {
          connection.console.error(`okr: checking ${uri} failed: ${(e as Error)?.stack ?? e}`);
        }
      }, delay),
    );
  }

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.delete(uri);
    cache.delete(uri);
    findingsByUri.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  for (const f of features) f.register(ctx);

  documents.listen(connection);
  connection.listen();
  return ctx;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
