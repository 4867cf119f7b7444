// The server's cold index on worker threads and its persisted outline cache (server/src/node/
// bulkIndexer.ts, outlineCache.ts): the same outlines, in the same order, as the one-thread path;
// a cache that is used when valid and ignored when changed, foreign or damaged. Needs
// `npm run build` (the workers run dist/indexWorker.js).
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeTree } from '../../scripts/bench/corpus';
import { DEFAULT_MAX_SIZE, parseOkr, WorkspaceIndex, type OkrDocument } from '../../server/src/core/index';
import { listOkrFiles } from '../../server/src/core/workspace/load';
import { isSlim, slimForIndex } from '../../server/src/core/workspace/slim';
import { alignmentTree } from '../../server/src/core/workspace/views';
import { workspaceSymbols } from '../../server/src/lsp/features/symbols';
import { NodeBulkIndexer, type BulkIndexerOptions } from '../../server/src/node/bulkIndexer';
import { fileUri, NodeFs } from '../../server/src/node/nodeFs';
import { CACHE_FILE, stableStamp } from '../../server/src/node/outlineCache';
import { view } from '../core/outlineView';

const SCRIPT = path.join(__dirname, '..', '..', 'dist', 'indexWorker.js');
const today = '2026-11-23';

type Stats = { hits: number; misses: number; unread: number; unused: number; saved: boolean };

async function run(
  uris: string[],
  opts: Partial<BulkIndexerOptions> & { cacheFolder?: string },
): Promise<{ docs: { uri: string; doc: OkrDocument | null }[]; stats: Stats | null }> {
  let stats: Stats | null = null;
  const indexer = new NodeBulkIndexer({
    workers: 1,
    script: null,
    fingerprint: 'test',
    minFiles: 1,
    ...opts,
    onCacheStats: (s) => (stats = s),
  });
  const docs: { uri: string; doc: OkrDocument | null }[] = [];
  await indexer.index({
    uris,
    maxSize: DEFAULT_MAX_SIZE,
    cacheFolder: opts.cacheFolder,
    onFiles: (files) => docs.push(...files),
  });
  await indexer.flush();
  return { docs, stats };
}

const views = (docs: { uri: string; doc: OkrDocument | null }[]) => docs.map((d) => [d.uri, d.doc && view(d.doc)]);

function answers(roots: string[], docs: { uri: string; doc: OkrDocument | null }[]): unknown {
  const index = new WorkspaceIndex(roots);
  for (const d of docs) if (d.doc) index.set(d.doc);
  return {
    tree: alignmentTree(index, { today, locale: 'en', folders: roots }),
    symbols: workspaceSymbols(index.all(), ''),
  };
}

describe('server cold index on worker threads, and the outline cache', function () {
  this.timeout(120000);
  let dir: string;
  let roots: string[];
  let uris: string[];

  before(async function () {
    // The workers run the built bundle (npm test builds first): missing is a failure, not a skip.
    assert.ok(existsSync(SCRIPT), `${SCRIPT} is missing: run npm run build first`);
    dir = mkdtempSync(path.join(tmpdir(), 'okr-bulk-'));
    writeTree(dir, 100);
    roots = [fileUri(path.join(dir, 'tree-100')), fileUri(path.join(__dirname, '..', '..', 'samples'))];
    const fs = new NodeFs();
    uris = [];
    for (const root of roots) uris.push(...(await listOkrFiles(fs, [root])));
    // One that cannot be read: it comes back as null, in its place.
    uris.splice(3, 0, `${roots[0]}/gone.okr.md`);
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('gives the outlines of the one-thread path, in file order, with threads', async () => {
    assert.ok(uris.length > 100);
    const fs = new NodeFs();
    const expected: { uri: string; doc: OkrDocument | null }[] = [];
    for (const uri of uris) {
      const text = await fs.readText(uri);
      expected.push({ uri, doc: text === null ? null : slimForIndex(parseOkr(text, uri, -1)) });
    }
    const one = await run(uris, {});
    const threads = await run(uris, { workers: 3, script: SCRIPT });
    assert.deepStrictEqual(views(one.docs), views(expected));
    assert.deepStrictEqual(views(threads.docs), views(expected));
    assert.equal(threads.docs[3].doc, null);
    assert.ok(threads.docs.every((d) => d.doc === null || isSlim(d.doc)));
    assert.deepStrictEqual(answers(roots, threads.docs), answers(roots, expected));
  });

  it('trusts a stat only when the file had not changed for a while before it', () => {
    const file = path.join(dir, 'fresh.okr.md');
    writeFileSync(file, '# O1: Fresh\n');
    try {
      const st = statSync(file);
      assert.equal(stableStamp(st), null);
      assert.deepEqual(stableStamp(st, Date.now() + 10_000), [st.size, st.mtimeMs, st.ctimeMs, st.ino]);
      // An old modification time does not help: the change time is the kernel's, and recent.
      utimesSync(file, 1e9, 1e9);
      assert.equal(stableStamp(statSync(file)), null);
    } finally {
      rmSync(file);
    }
  });

  for (const mode of ['one thread', 'threads'] as const) {
    it(`takes unchanged files on their stat alone, and notices a change that keeps size and mtime (${mode})`, async () => {
      const cacheFolder = mkdtempSync(path.join(tmpdir(), 'okr-cache-'));
      // Every stat is old enough here (stableMs), as after a while in a real workspace.
      const opts = { cacheFolder, stableMs: -60_000, ...(mode === 'threads' ? { workers: 2, script: SCRIPT } : {}) };
      const readable = uris.length - 1;
      const changedUri = uris.filter((u) => u.includes('/people/'))[1];
      const changedPath = new URL(changedUri).pathname;
      const before = readFileSync(changedPath, 'utf8');
      // Whole seconds, so that setting the same mtime again gives exactly the same number.
      utimesSync(changedPath, 1e9, 1e9);
      try {
        const cold = await run(uris, opts);
        assert.deepEqual(cold.stats, { hits: 0, misses: readable, unread: 0, unused: 0, saved: true });
        const warm = await run(uris, opts);
        assert.deepEqual(warm.stats, { hits: readable, misses: 0, unread: readable, unused: 0, saved: false });
        assert.deepStrictEqual(views(warm.docs), views(cold.docs));
        assert.deepStrictEqual(answers(roots, warm.docs), answers(roots, cold.docs));

        // Same size, same modification time, another text (a tool restoring mtimes would do this).
        const after = before.replace(/^(## \S+ )(\S)/m, (_, a: string, c: string) => a + (c === 'Z' ? 'Y' : 'Z'));
        assert.notEqual(after, before);
        assert.equal(Buffer.byteLength(after), Buffer.byteLength(before));
        const old = statSync(changedPath);
        writeFileSync(changedPath, after);
        utimesSync(changedPath, 1e9, 1e9);
        const now = statSync(changedPath);
        assert.equal(now.mtimeMs, old.mtimeMs);
        assert.equal(now.size, old.size);
        const changed = await run(uris, opts);
        assert.deepEqual(changed.stats, {
          hits: readable - 1,
          misses: 1,
          unread: readable - 1,
          unused: 1,
          saved: true,
        });
        const got = changed.docs.find((d) => d.uri === changedUri)!.doc!;
        assert.deepStrictEqual(view(got), view(slimForIndex(parseOkr(after, changedUri, -1))));

        // Deleted: the stat fails, the file comes back as unreadable, in its place.
        rmSync(changedPath);
        const gone = await run(uris, opts);
        assert.equal(gone.docs.find((d) => d.uri === changedUri)!.doc, null);
        assert.deepEqual(gone.stats, { hits: readable - 1, misses: 0, unread: readable - 1, unused: 1, saved: true });
      } finally {
        writeFileSync(changedPath, before);
        rmSync(cacheFolder, { recursive: true, force: true });
      }
    });
  }

  for (const mode of ['one thread', 'threads'] as const) {
    it(`uses the cache when valid, re-reads changed files, ignores foreign or damaged caches (${mode})`, async () => {
      const cacheFolder = mkdtempSync(path.join(tmpdir(), 'okr-cache-'));
      const file = path.join(cacheFolder, CACHE_FILE);
      // Stats never vouch for a text here (stableMs): every file is read and hashed.
      const opts = { cacheFolder, stableMs: 1e12, ...(mode === 'threads' ? { workers: 2, script: SCRIPT } : {}) };
      const readable = uris.length - 1;
      try {
        const cold = await run(uris, opts);
        assert.deepEqual(cold.stats, { hits: 0, misses: readable, unread: 0, unused: 0, saved: true });
        assert.ok(existsSync(file));

        const warm = await run(uris, opts);
        assert.deepEqual(warm.stats, { hits: readable, misses: 0, unread: 0, unused: 0, saved: false });
        assert.deepStrictEqual(views(warm.docs), views(cold.docs));
        assert.deepStrictEqual(answers(roots, warm.docs), answers(roots, cold.docs));

        // A changed file is parsed again; its old entry is dropped on save.
        const changedUri = uris.find((u) => u.includes('/people/'))!;
        const changedPath = new URL(changedUri).pathname;
        const before = readFileSync(changedPath, 'utf8');
        const after = before.replace(/^## (\S+)/m, '## $1 Renamed:');
        assert.notEqual(after, before);
        writeFileSync(changedPath, after);
        try {
          const changed = await run(uris, opts);
          assert.deepEqual(changed.stats, { hits: readable - 1, misses: 1, unread: 0, unused: 1, saved: true });
          const got = changed.docs.find((d) => d.uri === changedUri)!.doc!;
          assert.deepStrictEqual(view(got), view(slimForIndex(parseOkr(after, changedUri, -1))));
        } finally {
          writeFileSync(changedPath, before);
        }
        const restored = await run(uris, opts);
        assert.deepEqual(restored.stats, { hits: readable - 1, misses: 1, unread: 0, unused: 1, saved: true });

        // Written by other code: ignored as a whole, and replaced.
        const foreign = await run(uris, { ...opts, fingerprint: 'another build' });
        assert.deepEqual(foreign.stats, { hits: 0, misses: readable, unread: 0, unused: 0, saved: true });
        assert.deepStrictEqual(views(foreign.docs), views(cold.docs));

        // Damaged: a flipped byte in the middle, a cut file, garbage. Never a crash, never half read.
        const good = readFileSync(file);
        const flipped = Buffer.from(good);
        flipped[Math.floor(flipped.length / 2)] ^= 0xff;
        for (const bad of [flipped, good.subarray(0, good.length >> 1), Buffer.from('not a cache'), Buffer.alloc(0)]) {
          writeFileSync(file, bad);
          // The same build: only the checksum or the file's shape can tell.
          const damaged = await run(uris, opts);
          assert.deepEqual(damaged.stats, { hits: 0, misses: readable, unread: 0, unused: 0, saved: true });
          assert.deepStrictEqual(views(damaged.docs), views(cold.docs));
          assert.ok(statSync(file).size > 1000, 'rewritten');
        }
      } finally {
        rmSync(cacheFolder, { recursive: true, force: true });
      }
    });
  }
});
