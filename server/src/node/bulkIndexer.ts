// The language server's cold index on worker threads, with the persisted outline cache
// (outlineCache.ts). Workers read, parse and outline files and send packed outlines; the main
// thread unpacks them and hands them to the index in file order, so the index is the one the
// one-thread path builds. With one thread (or no worker script) everything runs here, yielding
// between files. Only this Node adapter knows threads; the LSP layer sees a BulkIndexer.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { deserialize, setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { OkrDocument } from '../core/model';
import { parseOkr } from '../core/parse/index';
import { packSlim, slimForIndex, unpackSlim, type PackedSlim } from '../core/workspace/slim';
import type { BulkIndexer, BulkIndexRequest } from '../lsp/bulkIndex';
import { CACHE_FILE, cacheKey, OutlineCache, STABLE_MS, stableStamp, type FileStamp } from './outlineCache';
import { readWithStat, uriToPath } from './nodeFs';

/** What every worker is told once. */
export interface IndexSetup {
  maxSize: number;
  /** Whether there is a cache (keys are computed only then). */
  cached: boolean;
  /** Keys the cache holds: those files are read and hashed, not parsed. */
  known: string[];
  /** See `BulkIndexerOptions.stableMs`. */
  stableMs: number;
}

export interface IndexBatch {
  id: number;
  uris: string[];
}

export type IndexedFile =
  | { uri: string; missing: true }
  /**
   * `bytes`: the packed outline, v8-serialized in the worker (what the cache keeps as is);
   * none when the cache knows the text: the main thread takes the outline from it. `stamp`: the
   * file's stat before the read, when old enough to identify the text (outlineCache.ts).
   */
  | { uri: string; key: string; bytes?: Uint8Array; stamp?: FileStamp | null };

export type IndexedBatch = { id: number; files: IndexedFile[] } | { id: number; error: string };

export interface BulkIndexerOptions {
  /** Worker threads; 1 = everything on the main thread. */
  workers: number;
  /** The worker script (dist/indexWorker.js); null = no threads. */
  script: string | null;
  /** Identifies the code that builds outlines (outlineCache.ts `fingerprintOf`). */
  fingerprint: string;
  /**
   * How long a file must have been unchanged for its stat to vouch for its text next time
   * (outlineCache.ts STABLE_MS; tests set it).
   */
  stableMs?: number;
  /** Fewer files than this are indexed on the main thread (threads cost more to start); 32. */
  minFiles?: number;
  /**
   * The process's `--max-semi-space-size` (MB), when it sets one (main.ts). V8 flags are
   * process-wide and win over a worker's resourceLimits: index workers are started without it.
   */
  semiSpaceMb?: number;
  /**
   * Stats the file listing took (nodeFs.ts `statWhileListing`), which spare the cache a stat per file.
   * Each is taken once; the rest are forgotten once the cache has been consulted.
   */
  listedStamps?: { take(file: string): FileStamp | null; forget(): void };
  /**
   * Called with the cache's counts after each run (the bench and tests read them): `unread` of the
   * hits were taken on their stat alone, without reading the file.
   */
  onCacheStats?(stats: { hits: number; misses: number; unread: number; unused: number; saved: boolean }): void;
}

/** Threads for indexing: one per core, at least 1, at most 4; `OKR_INDEX_WORKERS` overrides it. */
export function indexWorkerCount(): number {
  const forced = Number.parseInt(process.env.OKR_INDEX_WORKERS ?? '', 10);
  if (Number.isFinite(forced) && forced >= 1) return Math.min(forced, 16);
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** The worker next to the running bundle, when there is one. */
export function indexWorkerScript(dir: string): string | null {
  const script = path.join(dir, 'indexWorker.js');
  return existsSync(script) ? script : null;
}

/**
 * NodeFs.readText without the promise: a regular file's text, or null, with the file's stamp taken
 * before the read (null when too recent to identify the text; outlineCache.ts). Reading 10,000
 * small files this way takes a fraction of the time (no thread pool round trips); callers read in
 * short runs.
 */
export function readStamped(uri: string, stableMs = STABLE_MS): { text: string; stamp: FileStamp | null } | null {
  const read = readWithStat(uri);
  return read && { text: read.text, stamp: stableStamp(read.stat, read.statAt, stableMs) };
}

/** Below this many files, starting threads costs more than it saves. */
const MIN_FILES = 32;

const YOUNG_MB = 48;

export class NodeBulkIndexer implements BulkIndexer {
  constructor(private readonly options: BulkIndexerOptions) {}

  /** The last run's cache write, if any. */
  private saving: Promise<void> = Promise.resolve();

  flush(): Promise<void> {
    return this.saving;
  }

  /** A cache being read ahead of `index` (`preload`). */
  private preloaded: { folder: string; cache: Promise<OutlineCache> } | null = null;

  preload(cacheFolder: string): void {
    this.preloaded = { folder: cacheFolder, cache: this.loadCache(cacheFolder) };
  }

  private async loadCache(folder: string): Promise<OutlineCache> {
    await this.saving;
    const cache = new OutlineCache(path.join(folder, CACHE_FILE), this.options.fingerprint);
    await cache.load();
    return cache;
  }

  async index(req: BulkIndexRequest): Promise<void> {
    await this.saving;
    const ahead = this.preloaded;
    this.preloaded = null;
    const cache = !req.cacheFolder
      ? null
      : ahead?.folder === req.cacheFolder
        ? await ahead.cache
        : await this.loadCache(req.cacheFolder);
    // Files the cache vouches for by their stat are not read at all (outlineCache.ts).
    const known = new Map<string, string>();
    if (cache)
      for (const uri of req.uris) {
        const file = uriToPath(uri);
        const key = cache.keyByStat(file, req.maxSize, this.options.listedStamps?.take(file) ?? null);
        if (key) known.set(uri, key);
      }
    this.options.listedStamps?.forget();
    const { workers, script } = this.options;
    const toRead = req.uris.length - known.size;
    if (workers > 1 && script && toRead >= (this.options.minFiles ?? MIN_FILES))
      await this.inWorkers(req, cache, known, workers, script);
    else await this.inProcess(req, cache, known);
    // The index is ready now; the cache is written after this answer (the editor shows the end
    // of indexing without waiting for the disk).
    if (cache) this.saving = this.save(cache);
  }

  private async save(cache: OutlineCache): Promise<void> {
    await new Promise((r) => setImmediate(r));
    const unused = cache.unused;
    let saved = false;
    if (cache.changed) {
      try {
        await cache.save();
        saved = true;
      } catch {
        // A read-only or full disk only costs the next start its speed.
      }
    }
    this.options.onCacheStats?.({ hits: cache.hits, misses: cache.misses, unread: cache.unread, unused, saved });
  }

  private async inProcess(
    req: BulkIndexRequest,
    cache: OutlineCache | null,
    known: Map<string, string>,
  ): Promise<void> {
    let since = performance.now();
    for (const uri of req.uris) {
      let doc: OkrDocument | null = null;
      const key = known.get(uri);
      const hit = key === undefined ? null : cache?.get(key, uri, -1);
      if (hit) doc = unpackSlim(hit);
      else {
        const read = readStamped(uri, this.options.stableMs);
        // One file the parser chokes on is left out of the index (as on the worker threads).
        if (read !== null) doc = this.outlineOf(read.text, read.stamp, uri, req.maxSize, cache);
      }
      req.onFiles([{ uri, doc }]);
      // Let queued requests and edits run every few milliseconds: indexing never blocks typing.
      // (setImmediate, not setTimeout: a timer's minimum delay would add seconds over 10,000 files.)
      if (performance.now() - since > 8) {
        await new Promise((r) => setImmediate(r));
        since = performance.now();
      }
    }
  }

  private outlineOf(
    text: string,
    stamp: FileStamp | null,
    uri: string,
    maxSize: number,
    cache: OutlineCache | null,
  ): OkrDocument | null {
    try {
      const key = cache ? cacheKey(text, maxSize) : '';
      cache?.stamp(uriToPath(uri), stamp, key);
      const hit = cache?.get(key, uri, -1);
      if (hit) return unpackSlim(hit);
      const doc = slimForIndex(parseOkr(text, uri, -1, { maxSize }));
      cache?.put(key, packSlim(doc));
      return doc;
    } catch {
      return null;
    }
  }

  private async inWorkers(
    req: BulkIndexRequest,
    cache: OutlineCache | null,
    known: Map<string, string>,
    workers: number,
    script: string,
  ): Promise<void> {
    const { uris } = req;
    // Files the cache vouched for by their stat are ready now; the others go to the threads.
    const slots: (IndexedFile | undefined)[] = uris.map((uri) => {
      const key = known.get(uri);
      return key === undefined ? undefined : { uri, key };
    });
    const unread: number[] = [];
    for (let i = 0; i < uris.length; i++) if (!slots[i]) unread.push(i);
    const count = Math.max(1, Math.min(workers, unread.length));
    // Small enough batches that progress moves and threads finish together; few enough messages.
    const size = Math.max(8, Math.min(64, Math.ceil(unread.length / (count * 8))));
    const batches: number[][] = [];
    for (let i = 0; i < unread.length; i += size) batches.push(unread.slice(i, i + size));

    // Files reach the index in file order, whatever thread finished first.
    let added = 0;
    const addArrived = () => {
      while (added < uris.length && slots[added]) {
        const out: { uri: string; doc: OkrDocument | null }[] = [];
        for (; added < uris.length && out.length < 64; added++) {
          const f = slots[added];
          if (!f) break;
          slots[added] = undefined;
          if ('missing' in f) {
            out.push({ uri: f.uri, doc: null });
            continue;
          }
          if (f.bytes) cache?.putBytes(f.key, f.bytes);
          if (f.stamp) cache?.stamp(uriToPath(f.uri), f.stamp, f.key);
          // Keys sent to workers come from the cache, which keeps its entries for the whole run.
          const packed = f.bytes ? (deserialize(f.bytes) as PackedSlim) : (cache?.get(f.key, f.uri, -1) ?? null);
          out.push({ uri: f.uri, doc: packed && unpackSlim(packed) });
        }
        req.onFiles(out);
      }
    };
    addArrived();
    if (batches.length === 0) return;

    const setup: IndexSetup = {
      maxSize: req.maxSize,
      cached: cache !== null,
      known: cache?.keys() ?? [],
      stableMs: this.options.stableMs ?? STABLE_MS,
    };
    let next = 0;
    const restoreFlag = liftSemiSpace(this.options.semiSpaceMb);
    let online = 0;
    const pool = Array.from(
      { length: count },
      () =>
        new Worker(script, {
          workerData: setup,
          // Parsing makes many short-lived objects: a larger young generation halves the time in GC.
          resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB },
        }),
    );
    for (const w of pool) w.once('online', () => ++online === pool.length && restoreFlag());
    try {
      await Promise.all(
        pool.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              let inFlight = 0;
              const send = () => {
                if (next >= batches.length) return;
                const id = next++;
                inFlight++;
                w.postMessage({ id, uris: batches[id].map((i) => uris[i]) } satisfies IndexBatch);
              };
              w.on('message', (m: IndexedBatch) => {
                inFlight--;
                if ('error' in m) return reject(new Error(m.error));
                batches[m.id].forEach((at, i) => (slots[at] = m.files[i]));
                send();
                try {
                  addArrived();
                } catch (e) {
                  return reject(e as Error);
                }
                if (inFlight === 0) resolve();
              });
              w.on('error', reject);
              w.on('exit', (code) => {
                if (inFlight > 0) reject(new Error(`an index worker stopped (exit code ${code})`));
              });
              // Two batches in flight: the thread never waits for the main thread to answer.
              send();
              send();
              if (inFlight === 0) resolve();
            }),
        ),
      );
    } finally {
      restoreFlag();
      await Promise.all(pool.map((w) => w.terminate()));
    }
  }
}

/**
 * The server's small semi-space (`size`, process-wide) would hold for the index workers too, and
 * they would spend a fifth of their time in GC (measured on 10,000 files: 20% against 7%). A heap
 * reads the flag once, when it is made: the flag is lifted while the workers start (0: their
 * resourceLimits decide) and put back once they run; the main heap keeps its size. Returns the
 * function that puts it back (once; later calls do nothing).
 */
function liftSemiSpace(size: number | undefined): () => void {
  if (!size) return () => undefined;
  setFlagsFromString('--max-semi-space-size=0');
  let done = false;
  return () => {
    if (done) return;
    done = true;
    setFlagsFromString(`--max-semi-space-size=${size}`);
  };
}
