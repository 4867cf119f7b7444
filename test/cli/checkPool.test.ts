// `okr check` on worker threads (server/src/node/checkPool.ts) prints exactly what one thread
// prints: the same bytes in json, text and sarif, the same warnings and exit code. Workers send
// outlines; the cross-file rules run on them and re-run on full models only where they report, so
// the premise "nothing on the outline => nothing on the full model" is checked here too.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeTree } from '../../scripts/bench/corpus';
import { parseOkr, WorkspaceIndex, type OkrDocument } from '../../server/src/core/index';
import { listOkrFiles } from '../../server/src/core/workspace/load';
import { slimForIndex } from '../../server/src/core/workspace/slim';
import { crossFileRules } from '../../server/src/node/checkPool';
import { fileUri, NodeFs } from '../../server/src/node/nodeFs';

const root = path.join(__dirname, '..', '..');
const today = '2026-11-23';

function okr(threads: number, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'okr.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, OKR_CHECK_THREADS: String(threads) },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs both paths and compares everything they print. Returns the one-thread output. */
function sameBothWays(format: string, ...args: string[]): string {
  const one = okr(1, 'check', '--today', today, '--format', format, ...args);
  // Two threads: one worker and the main thread, both checking files.
  const many = okr(2, 'check', '--today', today, '--format', format, ...args);
  assert.ok(one.status === 0 || one.status === 1, one.stderr);
  assert.equal(many.stderr, one.stderr);
  assert.equal(many.status, one.status);
  // Not assert.equal on megabytes: find the first difference and show it.
  if (many.stdout !== one.stdout) {
    let i = 0;
    while (i < one.stdout.length && one.stdout[i] === many.stdout[i]) i++;
    assert.fail(
      `${format} output differs at ${i}:\n  one thread: ${JSON.stringify(one.stdout.slice(i - 80, i + 80))}\n  workers:    ${JSON.stringify(many.stdout.slice(i - 80, i + 80))}`,
    );
  }
  return one.stdout;
}

/** The bench corpus tree of `n` files, or a fresh one in `tmp` when it has not been generated. */
function corpusTree(n: number, tmp: string): string {
  const built = path.join(root, 'build', 'bench-corpus', `tree-${n}`);
  if (existsSync(path.join(built, 'company.okr.md'))) return built;
  writeTree(tmp, n);
  return path.join(tmp, `tree-${n}`);
}

function write(dir: string, rel: string, text: string): void {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Every hard case of the split in one tree: broken links, a loop, directives, configs, front matter rules. */
function trickyTree(dir: string): void {
  write(
    dir,
    'company.okr.md',
    '---\nlevel: company\nperiod: 2026-Q4\n---\n## O1: Grow revenue from 10 to 20 billion\n- KR1: Revenue from 10 to 20 billion\n\n## O2: Hire well\n- KR1: Hire 5 engineers\n',
  );
  // A loop between two files, plus a broken fragment and a missing file next to it.
  write(
    dir,
    'teams/a.okr.md',
    '---\nlevel: team\nperiod: 2026-Q4\n---\n## O1: Ship the app\n\nAligns to: [B](b.okr.md#o1)\n\n- KR1: Ship 3 releases\n\n## O2: Wrong target\n\nAligns to: [Company](../company.okr.md#o9)\n\n- KR1: Close 4 deals\n\n## O3: Gone\n\nAligns to: [Gone](nowhere.okr.md#o1)\n\n- KR1: Sign 2 partners\n',
  );
  write(
    dir,
    'teams/b.okr.md',
    '---\nlevel: team\nperiod: 2026-Q4\n---\n## O1: Support the app\n\nAligns to: [A](a.okr.md#o1)\n\n- KR1: Answer 90% of tickets within a day\n',
  );
  // Directives: one broken link silenced on its line, another kept; a loop silenced for the whole file.
  write(
    dir,
    'teams/c.okr.md',
    '---\nlevel: team\nperiod: 2026-Q4\n---\n## O1: Quiet link\n\n<!-- okr-disable-next-line alignment-broken -->\nAligns to: [Missing](missing.okr.md)\n\n- KR1: Publish 2 guides\n\n## O2: Loud link\n\nAligns to: [Company](../company.okr.md#o1.kr7)\n\n- KR1: [number] things\n',
  );
  write(
    dir,
    'teams/d.okr.md',
    '---\nlevel: team\nperiod: 2026-Q4\n---\n<!-- okr-disable-file alignment-cycle -->\n## O1: Loop D\n\nAligns to: [E](e.okr.md#o1)\n\n- KR1: Ship 2 features\n',
  );
  write(
    dir,
    'teams/e.okr.md',
    '---\nlevel: team\nperiod: 2026-Q4\n---\n## O1: Loop E\n\nAligns to: [D](d.okr.md#o1)\n\n- KR1: Ship 2 fixes\n',
  );
  // A folder config: broken links are warnings there, one writing rule off.
  write(dir, 'ops/.okr.json', '{ "rules": { "alignment-broken": "warning", "kr-no-evidence": "off" } }\n');
  write(
    dir,
    'ops/f.okr.md',
    '---\nlevel: team\nparent: ../company.okr.md#o3\nperiod: 2026-Q4\n---\n## O1: Run smoothly\n- KR1: Uptime from 99.5% to 99.9%\n\n## O2: Cut costs\n- KR1: Costs from 10 to 8 billion\n',
  );
  // Front matter `rules:` turns the broken-link rule off for this file only, over the folder config.
  write(
    dir,
    'ops/g.okr.md',
    '---\nlevel: team\nperiod: 2026-Q4\nrules:\n  alignment-broken: off\n  objective-has-metric: off\n---\n## O1: Calm\n\nAligns to: [Nope](nope.okr.md)\n\n- KR1: Reduce pages from 30 to 10\n',
  );
  // A deeper config that fails to load (a warning on stderr), and an outside link.
  write(dir, 'ops/deep/.okr.json', '{ "rules": ');
  write(
    dir,
    'ops/deep/h.okr.md',
    '---\nlevel: individual\nparent: ../f.okr.md#o1\nperiod: 2026-Q4\n---\n## O1: Outside\n\nAligns to: [Far](../../../../elsewhere.okr.md)\n\n- KR1: Write 3 runbooks\n',
  );
  // Vietnamese and Chinese files in the loop-free part, one skipped file.
  write(
    dir,
    'vi/nhom.okr.md',
    '---\nlevel: team\nlang: vi\nperiod: 2026-Q4\n---\n## Mục tiêu 1: Tăng trưởng\n\nCăn chỉnh: [Công ty](../company.okr.md#o2)\n\n- KR1: Doanh thu từ 10 lên 20 tỷ đồng\n\n## Mục tiêu 2: Sai liên kết\n\nCăn chỉnh: [Không có](../khong-co.okr.md#o1)\n\n- KR1: Ký 5 hợp đồng\n',
  );
  write(
    dir,
    'zh/团队.okr.md',
    '---\nlevel: team\nlang: zh-cn\nperiod: 2026-Q4\n---\n## 目标1：提升效率\n\n对齐：[公司](../company.okr.md#o1)\n\n- KR1：交付周期从 10 天缩短到 5 天\n\n## 目标2：错误的对齐\n\n对齐：[公司](../company.okr.md#o5)\n\n- KR1：客户数从 10 增加到 20\n',
  );
  write(dir, 'skip/binary.okr.md', '\u0000\u0001\u0002 not text');
}

describe('okr check on worker threads', function () {
  this.timeout(300000);
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'okr-pool-'));
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('prints the same bytes as one thread on the hard cases (json, text, sarif)', () => {
    const dir = path.join(tmp, 'tricky');
    trickyTree(dir);
    const json = JSON.parse(sameBothWays('json', dir)) as { rule: string; file: string; severity: string }[];
    sameBothWays('text', dir);
    sameBothWays('sarif', dir);
    // The tree exercises what it is meant to: cross-file findings in several files, some silenced.
    const cross = json.filter((f) => f.rule === 'alignment-broken' || f.rule === 'alignment-cycle');
    const files = (rule: string) => [
      ...new Set(cross.filter((f) => f.rule === rule).map((f) => path.basename(f.file))),
    ];
    assert.deepEqual(files('alignment-cycle').sort(), ['a.okr.md', 'b.okr.md', 'e.okr.md']);
    assert.deepEqual(files('alignment-broken').sort(), [
      'a.okr.md',
      'c.okr.md',
      'f.okr.md',
      'h.okr.md',
      'nhom.okr.md',
      '团队.okr.md',
    ]);
    assert.ok(cross.some((f) => f.severity === 'warning' && f.file.endsWith('f.okr.md')));
    // Named files as well as folders.
    sameBothWays('json', path.join(dir, 'teams', 'a.okr.md'), path.join(dir, 'ops'));
  });

  it('prints the same bytes as one thread on samples/', () => {
    sameBothWays('json', 'samples');
    sameBothWays('text', 'samples');
  });

  it('prints the same bytes as one thread on the 100- and 1,000-file corpus trees', () => {
    for (const n of [100, 1000]) {
      const dir = corpusTree(n, tmp);
      sameBothWays('json', dir);
      sameBothWays('text', dir);
    }
  });

  it('cross-file rules report the same on outlines as on full models', async () => {
    // What the split relies on: for every file, the cross-file findings with outlines in the index
    // (and as the document) equal those with full models; in particular none on one means none on the other.
    const dir = path.join(tmp, 'tricky');
    const fs = new NodeFs();
    for (const folder of [dir, path.join(root, 'samples'), corpusTree(100, tmp)]) {
      const roots = [fileUri(folder)];
      const docs: OkrDocument[] = [];
      for (const uri of await listOkrFiles(fs, roots)) docs.push(parseOkr((await fs.readText(uri))!, uri, 0));
      const full = new WorkspaceIndex(roots);
      const slim = new WorkspaceIndex(roots);
      for (const d of docs) {
        full.set(d);
        slim.set(slimForIndex(d));
      }
      let reported = 0;
      for (const d of docs) {
        const run = (index: WorkspaceIndex) =>
          crossFileRules.flatMap((rule) =>
            rule
              .check({
                doc: index.get(d.uri)!,
                options: {},
                lang: d.lang,
                msg: (k, p) => `${k} ${JSON.stringify(p)}`,
                index,
                today,
              })
              .map((f) => ({ rule: rule.meta.id, range: f.range, message: f.message, fixes: f.fixes?.length ?? 0 })),
          );
        const expected = run(full);
        reported += expected.length;
        assert.deepEqual(run(slim), expected, d.uri);
      }
      if (folder === dir) assert.ok(reported >= 10, `only ${reported} cross-file findings`);
    }
  });
});
