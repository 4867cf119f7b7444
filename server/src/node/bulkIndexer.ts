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
import { CACHE_FILE, cacheKey, OutlineCache } from './outlineCache';
import { readTextSync } from './nodeFs';

/** What every worker is told once. */
export interface IndexSetup {
  maxSize: number;
  /** Whether there is a cache (keys are computed only then). */
  cached: boolean;
  /** Keys the cache holds: those files are read and hashed, not parsed. */
  known: string[];
}

export interface IndexBatch {
  id: number;
  uris: string[];
}

export type IndexedFile =
  | { uri: string; missing: true }
  /**
   * `bytes`: the packed outline, v8-serialized in the worker (what the cache keeps as is);
   * none when the cache knows the text: the main thread takes the outline from it.
   */
  | { uri: string; key: string; bytes?: Uint8Array };

export type IndexedBatch = { id: number; files: IndexedFile[] } | { id: number; error: string };

export interface BulkIndexerOptions {
  /** Worker threads; 1 = everything on the main thread. */
  workers: number;
  /** The worker script (dist/indexWorker.js); null = no threads. */
  script: string | null;
  /** Identifies the code that builds outlines (outlineCache.ts `fingerprintOf`). */
  fingerprint: string;
  /** Fewer files than this are indexed on the main thread (threads cost more to start); 32. */
  minFiles?: number;
  /**
   * The process's `--max-semi-space-size` (MB), when it sets one (main.ts). V8 flags are
   * process-wide and win over a worker's resourceLimits: index workers are started without it.
   */
  semiSpaceMb?: number;
  /** Called with the cache's counts after each run (the bench and tests read them). */
  onCacheStats?(stats: { hits: number; misses: number; unused: number; saved: boolean }): void;
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

// NodeFs.readText without the promise (in nodeFs.ts: okr check's workers read with it too).
export { readTextSync };

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

  async index(req: BulkIndexRequest): Promise<void> {
    await this.saving;
    const cache = req.cacheFolder
      ? new OutlineCache(path.join(req.cacheFolder, CACHE_FILE), this.options.fingerprint)
      : null;
    await cache?.load();
    const { workers, script } = this.options;
    if (workers > 1 && script && req.uris.length >= (this.options.minFiles ?? MIN_FILES))
      await this.inWorkers(req, cache, workers, script);
    else await this.inProcess(req, cache);
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
    this.options.onCacheStats?.({ hits: cache.hits, misses: cache.misses, unused, saved });
  }

  private async inProcess(req: BulkIndexRequest, cache: OutlineCache | null): Promise<void> {
    let since = performance.now();
    for (const uri of req.uris) {
      let doc: OkrDocument | null = null;
      const text = readTextSync(uri);
      // One file the parser chokes on is left out of the index (as on the worker threads).
      if (text !== null) doc = this.outlineOf(text, uri, req.maxSize, cache);
      req.onFiles([{ uri, doc }]);
      // Let queued requests and edits run every few milliseconds: indexing never blocks typing.
      // (setImmediate, not setTimeout: a timer's minimum delay would add seconds over 10,000 files.)
      if (performance.now() - since > 8) {
        await new Promise((r) => setImmediate(r));
        since = performance.now();
      }
    }
  }

  private outlineOf(text: string, uri: string, maxSize: number, cache: OutlineCache | null): OkrDocument | null {
    try {
      const key = cache ? cacheKey(text, maxSize) : '';
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
    workers: number,
    script: string,
  ): Promise<void> {
    const { uris } = req;
    const count = Math.max(1, Math.min(workers, uris.length));
    // Small enough batches that progress moves and threads finish together; few enough messages.
    const size = Math.max(8, Math.min(64, Math.ceil(uris.length / (count * 8))));
    const batches: string[][] = [];
    for (let i = 0; i < uris.length; i += size) batches.push(uris.slice(i, i + size));

    // Batches reach the index in file order, whatever thread finished first.
    const arrived = new Map<number, IndexedFile[]>();
    let added = 0;
    const addArrived = () => {
      for (let b = arrived.get(added); b; b = arrived.get(added)) {
        arrived.delete(added++);
        const out: { uri: string; doc: OkrDocument | null }[] = [];
        for (const f of b) {
          if ('missing' in f) {
            out.push({ uri: f.uri, doc: null });
            continue;
          }
          if (f.bytes) cache?.putBytes(f.key, f.bytes);
          // Keys sent to workers come from the cache, which keeps its entries for the whole run.
          const packed = f.bytes ? (deserialize(f.bytes) as PackedSlim) : (cache?.get(f.key, f.uri, -1) ?? null);
          out.push({ uri: f.uri, doc: packed && unpackSlim(packed) });
        }
        req.onFiles(out);
      }
    };

    const setup: IndexSetup = { maxSize: req.maxSize, cached: cache !== null, known: cache?.keys() ?? [] };
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
                w.postMessage({ id, uris: batches[id] } satisfies IndexBatch);
              };
              w.on('message', (m: IndexedBatch) => {
                inFlight--;
                if ('error' in m) return reject(new Error(m.error));
                arrived.set(m.id, m.files);
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
