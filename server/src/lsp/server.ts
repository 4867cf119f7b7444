// The language server: owns documents, the parse cache, the index and diagnostics, and hands a
// ServerContext to each feature (lsp/features/*). Knows nothing about VS Code.
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  checkDocument,
  DEFAULT_MAX_SIZE,
  ruleById,
  todayIso,
  WorkspaceIndex,
  type Finding,
  type OkrDocument,
} from '../core/index';
import { format, localeOf, type Locale } from '../core/messages';
import { normalizeUri } from '../core/workspace/index';
import { isSlim, slimForIndex, sourceMatches } from '../core/workspace/slim';
import { parseOkr } from '../core/parse/index';
import { okrMatcher, type WorkspaceFs } from '../core/workspace/files';
import { INDEX_CHANGED_NOTIFICATION, listWorkspaceOkrFiles } from './indexing';
import type { BulkIndexer } from './bulkIndex';
import type { OkrSettings, ServerContext } from './context';
import { toDiagnostic } from './convert';
import { ParseCache } from './documents';
import { ConfigCache } from './configCache';
import { isConfigFileUri } from '../core/configFiles';
import { features } from './features/index';
import { completionProviders, hoverProviders, lensProviders } from './features/providers';

export type { OkrSettings } from './context';

export interface ServerOptions {
  fs?: WorkspaceFs;
  /** Reads the whole workspace at start (worker threads, a persisted cache); else file by file here. */
  bulkIndexer?: BulkIndexer;
}

export function startServer(connection: Connection, options: ServerOptions = {}): ServerContext {
  const documents = new TextDocuments(TextDocument);
  let settings: OkrSettings = {};
  let hasConfigCapability = false;
  let folders: string[] = [];
  let uiLocale: Locale = 'en';
  /** Where the client lets the server keep caches (initializationOptions.cacheFolder). */
  let cacheFolder: string | undefined;
  const cache = new ParseCache(() => settings.maxFileSize ?? DEFAULT_MAX_SIZE);
  const index = new WorkspaceIndex();
  const findingsByUri = new Map<string, { version: number; findings: Finding[] }>();
  /** A pending check per document: a timer, or (no delay) an immediate. */
  const timers = new Map<string, { cancel(): void }>();
  const modelListeners: ((uri: string) => void)[] = [];
  let isOkr = okrMatcher();
  // .okr.json / .okr.yaml files, nearest wins over the settings; re-checks once a folder's chain is read.
  const configCache = new ConfigCache(
    () => options.fs,
    () => folders,
    (folder) => ctx.revalidate(documents.keys().filter((u) => u.startsWith(`${folder}/`))),
  );
  let hasProgressCapability = false;
  let hasLensRefresh = false;
  let indexTimer: ReturnType<typeof setTimeout> | undefined;

  /** After the index changed: re-check the open documents it affects, tell the views (debounced). */
  const indexChanged = (affected: string[]): void => {
    if (affected.length) {
      const wanted = new Set(affected);
      const open = documents.keys().filter((u) => wanted.has(normalizeUri(u)));
      if (open.length) ctx.revalidate(open);
    }
    if (indexTimer) clearTimeout(indexTimer);
    indexTimer = setTimeout(() => {
      indexTimer = undefined;
      void connection.sendNotification(INDEX_CHANGED_NOTIFICATION, {});
      // "N aligned below" in open files depends on other files: ask the editor to re-read lenses.
      if (hasLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }, 300);
  };

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
    if (index.get(uri) !== doc) indexChanged(index.set(doc));
    return { text, doc };
  };

  const fullDocument = async (uri: string): Promise<OkrDocument | undefined> => {
    const open = okrDocument(uri);
    if (open) return open.doc;
    const indexed = index.get(uri);
    if (indexed && !isSlim(indexed)) return indexed;
    if (!options.fs || !isOkrUri(uri)) return undefined;
    const text = await options.fs.readText(uri);
    if (text === null) return undefined;
    const opened = okrDocument(uri);
    if (opened) return opened.doc;
    const doc = parseOkr(text, uri, -1, { maxSize: settings.maxFileSize ?? DEFAULT_MAX_SIZE });
    // Changed on disk before the watcher said so: the index catches up now, so the outline matches the text.
    const now = index.get(uri);
    if (now && isSlim(now) && !sourceMatches(now, text)) indexChanged(index.set(slimForIndex(doc)));
    return doc;
  };

  const compute = (uri: string): Finding[] => {
    const entry = okrDocument(uri);
    if (!entry) return [];
    const cached = findingsByUri.get(uri);
    if (cached && cached.version === entry.text.version) return cached.findings;
    const configs = [
      { rules: settings.rules, profile: typeof settings.profile === 'string' ? settings.profile : undefined },
      ...configCache.configsFor(uri),
    ];
    const found = checkDocument(entry.doc, { index, configs, today: settings.today, cache: cache.checkCache(uri) });
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
    fullDocument,
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
    hasProgressCapability = Boolean(params.capabilities.window?.workDoneProgress);
    hasLensRefresh = Boolean(params.capabilities.workspace?.codeLens?.refreshSupport);
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    index.setRoots(folders);
    uiLocale = localeOf(params.locale ?? 'en');
    const init = params.initializationOptions as { settings?: OkrSettings; cacheFolder?: unknown } | undefined;
    if (init?.settings) applySettings(init.settings);
    cacheFolder = typeof init?.cacheFolder === 'string' && init.cacheFolder ? init.cacheFolder : undefined;
    // Read the cache while the client answers `initialized` and the settings, and files are listed.
    if (cacheFolder && options.fs && folders.length) options.bulkIndexer?.preload?.(cacheFolder);
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

  /** Reads one file from disk into the index (unless the editor has it open: its text wins). */
  async function indexFromDisk(uri: string): Promise<string[]> {
    if (!options.fs || documents.get(uri)) return [];
    const text = await options.fs.readText(uri);
    if (documents.get(uri)) return [];
    if (text === null) return index.delete(uri);
    // Closed files keep only what cross-file features read (workspace/slim.ts): ~57 KB -> ~10 KB each.
    return index.set(slimForIndex(parseOkr(text, uri, -1, { maxSize: settings.maxFileSize ?? DEFAULT_MAX_SIZE })));
  }

  async function indexWorkspace(): Promise<void> {
    if (!options.fs || folders.length === 0) return;
    const reporter = hasProgressCapability ? await connection.window.createWorkDoneProgress() : null;
    const title = format(uiLocale, 'alignment.indexing.title');
    reporter?.begin(title, 0, undefined, false);
    try {
      const files = await listWorkspaceOkrFiles(options.fs, folders, settings.files?.globs);
      const progress = (done: number, total: number) =>
        reporter?.report(
          Math.round((done / total) * 100),
          format(uiLocale, 'alignment.indexing.progress', { done, total }),
        );
      if (options.bulkIndexer) {
        const uris = files.filter(isOkrUri);
        let done = 0;
        let reported = 0;
        await options.bulkIndexer.index({
          uris,
          maxSize: settings.maxFileSize ?? DEFAULT_MAX_SIZE,
          cacheFolder,
          onFiles: (batch) => {
            for (const { uri, doc } of batch) {
              // The editor's text of an open document wins over the disk.
              if (documents.get(uri)) continue;
              if (doc) index.add(doc);
              else index.delete(uri);
            }
            done += batch.length;
            // About a hundred reports, however many files: each is a message the client renders.
            if (done - reported >= Math.max(10, uris.length / 100) || done === uris.length) {
              reported = done;
              progress(done, uris.length);
            }
          },
        });
      } else {
        for (let i = 0; i < files.length; i++) {
          if (!isOkrUri(files[i])) continue;
          await indexFromDisk(files[i]);
          if (i % 10 === 9 || i === files.length - 1) progress(i + 1, files.length);
          // Let queued requests and edits run between files: indexing never blocks typing.
          // (setImmediate, not setTimeout: a timer's minimum delay would add seconds over 10,000 files.)
          await new Promise((r) => setImmediate(r));
        }
      }
      // The alignment graph before the index counts as ready: every open file's cross-file
      // findings, the lenses and the views read it, and the first of them would pay for it.
      index.alignment();
    } finally {
      reporter?.done();
    }
    indexChanged([]);
  }

  // A cache still being written after indexing lands before the server goes (node/bulkIndexer.ts).
  connection.onShutdown(() => options.bulkIndexer?.flush());

  connection.onDidChangeWatchedFiles(async (params) => {
    const affected = new Set<string>();
    if (params.changes.some((c) => isConfigFileUri(c.uri))) {
      configCache.clear();
      findingsByUri.clear();
      ctx.revalidate();
    }
    for (const change of params.changes) {
      try {
        const found =
          change.type === FileChangeType.Deleted
            ? documents.get(change.uri)
              ? []
              : index.delete(change.uri)
            : isOkrUri(change.uri)
              ? await indexFromDisk(change.uri)
              : [];
        for (const u of found) affected.add(u);
      } catch (e) {
        connection.console.error(`okr: indexing ${change.uri} failed: ${(e as Error)?.stack ?? e}`);
      }
    }
    indexChanged([...affected]);
  });

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
    timers.get(uri)?.cancel();
    const run = () => {
      timers.delete(uri);
      try {
        validate(uri);
      } catch (e) {
        connection.console.error(`okr: checking ${uri} failed: ${(e as Error)?.stack ?? e}`);
      }
    };
    // No delay means as soon as the messages already read are handled: Node holds a 0 ms timer
    // for at least 1 ms, and every keystroke's diagnostics waited that long.
    if (delay <= 0) {
      const i = setImmediate(run);
      timers.set(uri, { cancel: () => clearImmediate(i) });
    } else {
      const t = setTimeout(run, delay);
      timers.set(uri, { cancel: () => clearTimeout(t) });
    }
  }

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    timers.get(uri)?.cancel();
    timers.delete(uri);
    cache.delete(uri);
    findingsByUri.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    // The file on disk is the truth again (the editor may have dropped unsaved changes).
    if (isOkrUri(uri)) {
      if (options.fs) void indexFromDisk(uri).then(indexChanged, () => undefined);
      else indexChanged(index.delete(uri));
    }
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
