// What every LSP feature gets: the connection, the open documents, the shared parse of each
// version, the workspace index and the settings. Features never parse on their own.
import type {
  CodeLens,
  CompletionItem,
  CompletionParams,
  Connection,
  Hover,
  HoverParams,
  Position,
  TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, OkrConfig, OkrDocument, WorkspaceIndex } from '../core/index';
import type { Locale } from '../core/messages';
import type { WorkspaceFs } from '../core/workspace/files';

export interface OkrSettings {
  rules?: OkrConfig['rules'];
  files?: { globs?: string[] };
  maxFileSize?: number;
  /** ISO date; tests pin "today". */
  today?: string;
  validate?: { debounceMs?: number };
  codeLens?: { enabled?: boolean };
  [key: string]: unknown;
}

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  index: WorkspaceIndex;
  fs: WorkspaceFs | undefined;
  settings(): OkrSettings;
  folders(): string[];
  /** Locale of UI text (the editor's display language). */
  uiLocale(): Locale;
  isOkrUri(uri: string): boolean;
  /** The shared parse of an open document's current version, or undefined when it is not an OKR file. */
  okrDocument(uri: string): { text: TextDocument; doc: OkrDocument } | undefined;
  /**
   * The full model of an OKR file: the open document's, or the file read and parsed again (the
   * index keeps only an outline of closed files, see core/workspace/slim.ts). Undefined when unreadable.
   */
  fullDocument(uri: string): Promise<OkrDocument | undefined>;
  /** Findings of the current version (computed on demand when the debounce has not run yet). */
  findings(uri: string): Finding[];
  /** ISO "today" (settings.today or the real date). */
  today(): string;
  /** Asks for the diagnostics of these open documents to be recomputed. */
  revalidate(uris?: string[]): void;
  /** Called after a document's model changed (open documents and index updates). */
  onDidChangeModel(listener: (uri: string) => void): void;
  /**
   * LSP allows one handler per request, so features that share a request (code lenses from
   * progress and from alignment, hovers, completions) add providers; results are concatenated.
   */
  addCodeLensProvider(p: (entry: OkrEntry) => CodeLens[]): void;
  addHoverProvider(p: (entry: OkrEntry, position: Position, params: HoverParams) => Hover | null): void;
  addCompletionProvider(p: (entry: OkrEntry, position: Position, params: CompletionParams) => CompletionItem[]): void;
}

export interface OkrEntry {
  text: TextDocument;
  doc: OkrDocument;
}

export interface ServerFeature {
  /** Adds capabilities to the initialize result. */
  capabilities?(): Record<string, unknown>;
  register(ctx: ServerContext): void;
}
