// Server entry for every client: VS Code starts it over IPC, other editors with --stdio.
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../lsp/server';
import { NodeFs } from './nodeFs';
import { indexWorkerCount, indexWorkerScript, NodeBulkIndexer } from './bulkIndexer';
import { fingerprintOf } from './outlineCache';

// A small young generation (the extension passes --max-semi-space-size=2 on the command line,
// which works best; other editors start the server plainly, so set it here too, before the heap
// grows): a language server allocates in short bursts and idles in between.
const semiSpaceArg = process.execArgv.filter((a) => a.startsWith('--max-semi-space-size')).pop();
const semiSpaceMb = semiSpaceArg ? Number(semiSpaceArg.split('=')[1]) : 2;
if (!semiSpaceArg) setFlagsFromString(`--max-semi-space-size=${semiSpaceMb}`);
const connection = createConnection(ProposedFeatures.all);
process.on('unhandledRejection', (e) =>
  connection.console.error(`okr: unhandled rejection: ${(e as Error)?.stack ?? e}`),
);
// One bad document must not take the server down for every other file: log and keep serving.
process.on('uncaughtException', (e) =>
  connection.console.error(`okr: uncaught exception: ${(e as Error)?.stack ?? e}`),
);
// Only the memory benchmark (scripts/bench/server.ts) sets OKR_BENCH: a full GC, then the process's memory.
if (process.env.OKR_BENCH === '1') {
  connection.onRequest('okr/bench.memory', () => {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage();
  });
}
// Listings stat the files they find, which the outline cache then checks without a system call.
const fs = new NodeFs({ statWhileListing: true });
// The cold index on worker threads (dist/indexWorker.js next to this bundle) and its persisted
// cache, which is valid only for the very code that wrote it: this bundle and the worker's.
const script = indexWorkerScript(__dirname);
// OKR_INDEX_STABLE_MS: how long a file must be unchanged before its stat alone vouches for its
// text at the next start (outlineCache.ts); tests set it.
const stableMs = Number(process.env.OKR_INDEX_STABLE_MS);
const bulkIndexer = new NodeBulkIndexer({
  workers: indexWorkerCount(),
  script,
  stableMs: process.env.OKR_INDEX_STABLE_MS && Number.isFinite(stableMs) ? stableMs : undefined,
  fingerprint: fingerprintOf(script ? [__filename, script] : [__filename]),
  semiSpaceMb: Number.isFinite(semiSpaceMb) && semiSpaceMb > 0 ? semiSpaceMb : undefined,
  listedStamps: { take: (file) => fs.takeListedStamp(file), forget: () => fs.forgetListedStamps() },
});
startServer(connection, { fs, bulkIndexer });
