// The language server: wires LSP requests to the core. Knows nothing about VS Code.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument, DEFAULT_MAX_SIZE, WorkspaceIndex, ruleById, type Finding, type OkrConfig } from '../core/index';
import { okrMatcher, type WorkspaceFs } from '../core/workspace/files';
import { listOkrFiles } from '../core/workspace/load';
import { parseOkr } from '../core/parse/index';
import { codeActions } from './codeActions';
import { toDiagnostic } from './convert';
import { ParseCache } from './documents';
import { documentSymbols } from './symbols';

export interface OkrSettings {
  rules?: OkrConfig['rules'];
  files?: { globs?: string[] };
  maxFileSize?: number;
  /** ISO date; tests pin "today". */
  today?: string;
  validate?: { debounceMs?: number };
}

export interface ServerOptions {
  fs?: WorkspaceFs;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  let settings: OkrSettings = {};
  let hasConfigCapability = false;
  let folders: string[] = [];
  let uiLocale = 'en';
  const cache = new ParseCache(() => settings.maxFileSize ?? DEFAULT_MAX_SIZE);
  const index = new WorkspaceIndex();
  const findings = new Map<string, { version: number; findings: Finding[] }>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let isOkr = okrMatcher();

  const relativePath = (uri: string): string => {
    for (const f of folders) {
      const prefix = f.endsWith('/') ? f : `${f}/`;
      if (uri.startsWith(prefix)) return safeDecode(uri.slice(prefix.length));
    }
    // Outside any folder (or no folder open): match on the file name and its path.
    return safeDecode(uri.replace(/^[a-z-]+:\/*/i, ''));
  };
  const isOkrUri = (uri: string) => isOkr(relativePath(uri));

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    hasConfigCapability = Boolean(params.capabilities.workspace?.configuration);
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    index.setRoots(folders);
    uiLocale = params.locale ?? 'en';
    const init = params.initializationOptions as { settings?: OkrSettings } | undefined;
    if (init?.settings) applySettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: 'okr-language-server' },
    };
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
    for (const d of documents.all()) schedule(d.uri, 0);
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
    for (const d of documents.all()) schedule(d.uri, 0);
  });

  function validate(uri: string): void {
    const textDoc = documents.get(uri);
    if (!textDoc) return;
    if (!isOkrUri(uri)) {
      findings.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const doc = cache.get(textDoc);
    index.set(doc);
    const found = checkDocument(doc, { index, configs: [{ rules: settings.rules }], today: settings.today });
    findings.set(uri, { version: textDoc.version, findings: found });
    const diagnostics: Diagnostic[] = found.map((f) => toDiagnostic(f, ruleById.get(f.rule)?.meta.docs));
    void connection.sendDiagnostics({ uri, version: textDoc.version, diagnostics });
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
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    cache.delete(e.document.uri);
    findings.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDocumentSymbol((params) => {
    const textDoc = documents.get(params.textDocument.uri);
    if (!textDoc || !isOkrUri(textDoc.uri)) return [];
    return documentSymbols(cache.get(textDoc));
  });

  connection.onCodeAction((params) => {
    const textDoc = documents.get(params.textDocument.uri);
    if (!textDoc || !isOkrUri(textDoc.uri)) return [];
    const doc = cache.get(textDoc);
    let entry = findings.get(textDoc.uri);
    if (!entry || entry.version !== textDoc.version) {
      entry = {
        version: textDoc.version,
        findings: checkDocument(doc, { index, configs: [{ rules: settings.rules }], today: settings.today }),
      };
      findings.set(textDoc.uri, entry);
    }
    return codeActions(textDoc, doc, entry.findings, params.context.diagnostics, uiLocale);
  });

  documents.listen(connection);
  connection.listen();
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
