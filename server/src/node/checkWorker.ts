// Worker thread of `okr check` (see checkPool.ts): reads, parses and checks batches of files with
// the rules that look at one document only, and sends back plain data: the findings, the config
// files that failed to load, and the document's packed outline for the main thread's index.
import { parentPort, workerData } from 'node:worker_threads';
import type { ConfigFile } from '../core/configFiles';
import { NodeFs } from './nodeFs';
import { checkBatch, type CheckBatch, type CheckedBatch, type PoolSetup } from './checkPool';

const setup = workerData as PoolSetup;
const fs = new NodeFs();
// 10,000 files share a few folders: each folder's config file is read once per worker.
const configFolders = new Map<string, Promise<ConfigFile | null>>();

parentPort?.on('message', async (batch: CheckBatch) => {
  try {
    const files = await checkBatch(batch.uris, setup, fs, configFolders);
    parentPort?.postMessage({ id: batch.id, files } satisfies CheckedBatch);
  } catch (e) {
    // The main thread fails the run with this message, as a failure on the main thread would.
    parentPort?.postMessage({ id: batch.id, error: (e as Error)?.message ?? String(e) } satisfies CheckedBatch);
  }
});
