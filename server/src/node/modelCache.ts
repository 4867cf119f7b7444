// A persisted cache of parsed models for warm starts of large workspaces: content hash -> model.
// A model depends only on the file's text and the parser, so the key is the text's hash and the
// whole cache is dropped when the code that wrote it differs (fingerprint) or the file is damaged.
// v8 serialization is data only (no code runs on load) and much faster than JSON for this shape.
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { OkrDocument } from '../core/model';
import { DEFAULT_MAX_SIZE, parseExtras, parseOkr, restoreParseExtras, type ParseExtras } from '../core/parse/index';
import type { WorkspaceFs } from '../core/workspace/files';
import { WorkspaceIndex } from '../core/workspace/index';

const FORMAT = 1;

interface Entry {
  /** The model without `uri`, `version` and `text` (those come from the file). */
  doc: Omit<OkrDocument, 'uri' | 'version' | 'text'>;
  extras: ParseExtras;
}

interface Stored {
  format: number;
  fingerprint: string;
  entries: [string, Entry][];
}

/** Hash of the running code (e.g. the bundle file): a new build never reads an old cache. */
export function fingerprintOf(file: string): string {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 32);
  } catch {
    return `unreadable:${file}`;
  }
}

export class ModelCache {
  private stored = new Map<string, Entry>();
  private used = new Map<string, Entry>();
  hits = 0;
  misses = 0;
  /** The file on disk was missing, damaged or written by other code: save even without a miss. */
  dropped = true;

  constructor(
    readonly file: string,
    private readonly fingerprint: string,
  ) {}

  static key(text: string, maxSize: number): string {
    return `${createHash('sha1').update(text).digest('base64')}:${text.length}:${maxSize}`;
  }

  async load(): Promise<void> {
    try {
      const data = deserialize(await fs.readFile(this.file)) as Stored;
      if (data?.format !== FORMAT || data.fingerprint !== this.fingerprint || !Array.isArray(data.entries)) return;
      this.stored = new Map(data.entries);
      this.dropped = false;
    } catch {
      // Missing or damaged: start empty; the next save replaces it.
      this.stored = new Map();
    }
  }

  /** The cached model for this text, as if parsed now with this uri and version, or null. */
  get(text: string, uri: string, version: number, maxSize: number): OkrDocument | null {
    const key = ModelCache.key(text, maxSize);
    const e = this.stored.get(key) ?? this.used.get(key);
    if (!e) {
      this.misses++;
      return null;
    }
    this.hits++;
    // An entry read from disk is handed out once as is; the same text twice gets a copy.
    const again = this.used.has(key);
    this.used.set(key, e);
    const body = again ? structuredClone(e.doc) : e.doc;
    const doc = { uri, version, text, ...body } as OkrDocument;
    restoreParseExtras(doc, e.extras);
    return doc;
  }

  put(text: string, doc: OkrDocument, maxSize: number): void {
    const rest: Partial<OkrDocument> = { ...doc };
    delete rest.uri;
    delete rest.version;
    delete rest.text;
    this.used.set(ModelCache.key(text, maxSize), { doc: rest as Entry['doc'], extras: parseExtras(doc) });
  }

  /** Entries on disk that no file used this time (deleted or changed files). */
  get unused(): number {
    let n = 0;
    for (const k of this.stored.keys()) if (!this.used.has(k)) n++;
    return n;
  }

  /** Writes the entries used since load (files gone from the workspace drop out); atomic rename. */
  async save(): Promise<void> {
    const data: Stored = { format: FORMAT, fingerprint: this.fingerprint, entries: [...this.used] };
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, serialize(data));
    await fs.rename(tmp, this.file);
  }
}

/**
 * `loadWorkspace` with the persisted cache: unchanged files are not parsed again. The result is
 * the same index (test/cli/modelCache.test.ts); the cache file is rewritten when something changed.
 */
export async function loadWorkspaceCached(
  fs: WorkspaceFs,
  folders: string[],
  files: string[],
  cache: ModelCache,
  opts: { maxSize?: number } = {},
): Promise<WorkspaceIndex> {
  const maxSize = opts.maxSize ?? DEFAULT_MAX_SIZE;
  await cache.load();
  const index = new WorkspaceIndex(folders);
  for (const uri of files) {
    const text = await fs.readText(uri);
    if (text === null) continue;
    let doc = cache.get(text, uri, 0, maxSize);
    if (!doc) {
      doc = parseOkr(text, uri, 0, { maxSize });
      cache.put(text, doc, maxSize);
    }
    index.set(doc);
  }
  if (cache.misses > 0 || cache.dropped || cache.unused > 0) {
    try {
      await cache.save();
    } catch {
      // A read-only folder only costs the next run its speed.
    }
  }
  return index;
}
