// A language server started twice on the same workspace with the same cache folder
// (initializationOptions.cacheFolder) answers the same: the second start reads outlines from the
// cache (server/src/node/outlineCache.ts) instead of parsing. Over real JSON-RPC, dist/server.js.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { writeTree } from '../../scripts/bench/corpus';
import { fileUri } from '../../server/src/node/nodeFs';
import { CACHE_FILE } from '../../server/src/node/outlineCache';
import { SERVER } from './lspClient';

interface Answers {
  symbols: unknown;
  query: unknown;
  tree: unknown;
  progress: string;
}

/** Starts the server, waits for the end of indexing, asks cross-file questions, stops it. */
async function answersOf(root: string, cacheFolder: string, workers?: string, stableMs = 1e12): Promise<Answers> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...(workers ? { OKR_INDEX_WORKERS: workers } : {}),
      // By default no stat is trusted here: every file is read and hashed (the other test trusts them all).
      OKR_INDEX_STABLE_MS: String(stableMs),
    },
  });
  child.stdin!.on('error', () => undefined);
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const tokens = new Set<string | number>();
  let last = '';
  let indexed!: () => void;
  const done = new Promise<void>((r) => (indexed = r));
  connection.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
    tokens.add(p.token);
    return null;
  });
  connection.onNotification(
    '$/progress',
    (p: { token: string | number; value: { kind: string; message?: string } }) => {
      if (!tokens.has(p.token)) return;
      if (p.value.message) last = p.value.message;
      if (p.value.kind === 'end') indexed();
    },
  );
  connection.onRequest('workspace/configuration', () => [{ today: '2026-11-23' }]);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  try {
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: root,
      workspaceFolders: [{ uri: root, name: 'root' }],
      capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
      locale: 'en',
      initializationOptions: { cacheFolder },
    });
    connection.sendNotification('initialized', {});
    await done;
    return {
      symbols: await connection.sendRequest('workspace/symbol', { query: '' }),
      query: await connection.sendRequest('workspace/symbol', { query: 'o2' }),
      tree: await connection.sendRequest('okr/alignmentTree', {}),
      progress: last,
    };
  } finally {
    // The server answers `shutdown` once the cache it writes after indexing is on disk.
    await connection.sendRequest('shutdown').catch(() => undefined);
    void connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
    if (child.exitCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          child.kill();
          resolve();
        }, 3000);
        child.on('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

describe('warm start from the outline cache (LSP)', function () {
  this.timeout(120000);
  let dir: string;
  let root: string;

  before(function () {
    // The server runs the built bundles (npm test builds first): missing is a failure, not a skip.
    const worker = path.join(path.dirname(SERVER), 'indexWorker.js');
    assert.ok(existsSync(worker), `${worker} is missing: run npm run build first`);
    dir = mkdtempSync(path.join(tmpdir(), 'okr-warm-'));
    writeTree(dir, 100);
    root = fileUri(path.join(dir, 'tree-100'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  for (const workers of ['1', '2']) {
    it(`answers the same after a restart with the same cache folder (${workers} index thread(s))`, async () => {
      const cacheFolder = path.join(dir, `cache-${workers}`);
      const file = path.join(cacheFolder, CACHE_FILE);
      const cold = await answersOf(root, cacheFolder, workers);
      assert.ok(existsSync(file), 'the cache is written after indexing');
      assert.ok(Array.isArray(cold.symbols) && cold.symbols.length > 100);
      assert.match(cold.progress, /of 10\d files/);
      const written = statSync(file).mtimeMs;

      const warm = await answersOf(root, cacheFolder, workers);
      assert.deepEqual(warm, cold);
      assert.equal(statSync(file).mtimeMs, written, 'every file came from the cache: nothing to save');

      // A damaged cache is ignored: the same answers, and a new cache.
      writeFileSync(file, 'damaged');
      const damaged = await answersOf(root, cacheFolder, workers);
      assert.deepEqual(damaged, cold);
      assert.ok(statSync(file).size > 1000);
    });
  }

  for (const workers of ['1', '2']) {
    it(`answers the same after a restart that reads no file, every stat unchanged (${workers} index thread(s))`, async () => {
      const cacheFolder = path.join(dir, `cache-stat-${workers}`);
      const file = path.join(cacheFolder, CACHE_FILE);
      const cold = await answersOf(root, cacheFolder, workers, -60_000);
      const written = statSync(file).mtimeMs;
      const warm = await answersOf(root, cacheFolder, workers, -60_000);
      assert.deepEqual(warm, cold);
      assert.equal(statSync(file).mtimeMs, written, 'every file came from the cache on its stat: nothing to save');
    });
  }
});
