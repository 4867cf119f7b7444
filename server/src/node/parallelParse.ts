// Parses many OKR files on worker threads (cold start of a large workspace). Each worker takes
// batches from a shared queue; models come back as plain data and their parse extras are
// re-attached, so the result equals parsing on the main thread.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { restoreParseExtras, type ParseExtras } from '../core/parse/index';
import type { OkrDocument } from '../core/model';

export interface ParseRequest {
  uris: string[];
  version: number;
  maxSize?: number;
}

export interface ParsedFile {
  doc: OkrDocument;
  extras: ParseExtras;
}

export interface ParallelOptions {
  /** Worker script (dist/parseWorker.js when bundled), or its code when `evalCode` is set. */
  script: string;
  evalCode?: boolean;
  workers?: number;
  batch?: number;
  version?: number;
  maxSize?: number;
  execArgv?: string[];
}

export async function parseFilesParallel(uris: string[], opts: ParallelOptions): Promise<OkrDocument[]> {
  const batch = opts.batch ?? 64;
  const count = Math.max(1, Math.min(opts.workers ?? availableParallelism(), Math.ceil(uris.length / batch)));
  let next = 0;
  const results: OkrDocument[][] = [];
  const run = (w: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        if (next >= uris.length) return resolve();
        const slot = results.length;
        results.push([]);
        const part = uris.slice(next, next + batch);
        next += part.length;
        w.once('message', (files: ParsedFile[]) => {
          for (const f of files) restoreParseExtras(f.doc, f.extras);
          results[slot] = files.map((f) => f.doc);
          send();
        });
        w.postMessage({ uris: part, version: opts.version ?? -1, maxSize: opts.maxSize } satisfies ParseRequest);
      };
      w.once('error', reject);
      send();
    });
  const workers = Array.from(
    { length: count },
    () => new Worker(opts.script, { execArgv: opts.execArgv, eval: opts.evalCode }),
  );
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results.flat();
}
