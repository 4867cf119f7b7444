// The persisted model cache (server/src/node/modelCache.ts): a warm load gives exactly the index and
// findings of a fresh parse, and a changed file, another build or a damaged cache file is never trusted.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkDocument } from '../../server/src/core/check';
import { WorkspaceIndex } from '../../server/src/core/workspace/index';
import { listOkrFiles, loadWorkspace } from '../../server/src/core/workspace/load';
import { ModelCache, loadWorkspaceCached } from '../../server/src/node/modelCache';
import { fileUri, NodeFs } from '../../server/src/node/nodeFs';
import { parseFilesParallel } from '../../server/src/node/parallelParse';

describe('persisted model cache', () => {
  let dir: string;
  const fs = new NodeFs();
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'okr-cache-'));
    writeFileSync(
      path.join(dir, 'company.okr.md'),
      '---\nlevel: company\nrules:\n  objective-without-krs: off\n---\n## O1: Grow\n\n## O2: Ship [number] things\n- KR1: 3 releases\n',
    );
    writeFileSync(
      path.join(dir, 'team.okr.md'),
      '---\nlevel: team\nparent: company.okr.md\nlang: vi\n---\n## Mục tiêu 1: Tăng trưởng\n- KR1: Doanh thu từ 10 lên 20 tỷ đồng\n  - 2026-10-01: 12 tỷ đồng · độ tin cậy 7/10\n',
    );
    writeFileSync(path.join(dir, 'zh.okr.md'), '## 目标1：提升效率\n\n对齐：[公司](company.okr.md#o9)\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const load = async (cacheFile: string, fingerprint = 'build-1') => {
    const root = fileUri(dir);
    const files = await listOkrFiles(fs, [root]);
    const cache = new ModelCache(cacheFile, fingerprint);
    const index = await loadWorkspaceCached(fs, [root], files, cache);
    return { index, cache, files };
  };
  const findings = (index: Awaited<ReturnType<typeof load>>['index']) =>
    index.all().map((d) => [d.uri, checkDocument(d, { index, today: '2026-11-23' })]);

  it('gives the same models and findings as a fresh parse, warm or cold', async () => {
    const file = path.join(dir, '.okr-cache', 'models.bin');
    const root = fileUri(dir);
    const fresh = await loadWorkspace(fs, [root], await listOkrFiles(fs, [root]));
    const cold = await load(file);
    assert.equal(cold.cache.misses, 3);
    const warm = await load(file);
    assert.equal(warm.cache.hits, 3);
    assert.equal(warm.cache.misses, 0);
    assert.deepEqual(warm.index.all(), fresh.all());
    // Front matter `rules:` travel with the cached model (the rule stays off in company.okr.md).
    assert.deepEqual(findings(warm.index), findings(fresh));
    assert.ok(findings(fresh).some(([, f]) => (f as unknown[]).length > 0));
  });

  it('parses a changed file again and drops what no file uses', async () => {
    const file = path.join(dir, '.okr-cache', 'models.bin');
    await load(file);
    writeFileSync(path.join(dir, 'zh.okr.md'), '## 目标1：提升效率\n- 关键结果1：成本降低到５０万元\n');
    const after = await load(file);
    assert.equal(after.cache.hits, 2);
    assert.equal(after.cache.misses, 1);
    assert.equal(after.index.get(fileUri(path.join(dir, 'zh.okr.md')))!.objectives[0].keyResults.length, 1);
    const again = await load(file);
    assert.equal(again.cache.unused, 0);
    assert.equal(again.cache.hits, 3);
  });

  it('ignores a cache written by other code or damaged on disk', async () => {
    const file = path.join(dir, '.okr-cache', 'models.bin');
    await load(file);
    assert.equal((await load(file, 'build-2')).cache.misses, 3);
    writeFileSync(file, 'not a cache');
    const damaged = await load(file);
    assert.equal(damaged.cache.misses, 3);
    assert.equal(damaged.index.size, 3);
  });

  it('parses on worker threads to the same models and findings', async function () {
    this.timeout(60000);
    const root = fileUri(dir);
    const files = await listOkrFiles(fs, [root]);
    const fresh = await loadWorkspace(fs, [root], files);
    const worker = path.join(__dirname, '..', '..', 'server', 'src', 'node', 'parseWorker.ts');
    const docs = await parseFilesParallel(files, {
      script: `require('tsx/cjs'); require(${JSON.stringify(worker)});`,
      evalCode: true,
      workers: 2,
      batch: 1,
      version: 0,
    });
    assert.deepEqual(docs, fresh.all());
    const index = new WorkspaceIndex([root]);
    for (const d of docs) index.set(d);
    assert.deepEqual(findings(index), findings(fresh));
  });
});
