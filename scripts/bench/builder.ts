// Times our own code apart from Markdown: the model builder (mdast -> OkrDocument) and the rules,
// per file kind. Each file's mdast is parsed once and handed to the builder through `markdown`.
//   npx tsx scripts/bench/builder.ts [--runs N] [--tree N] [--only typical|big|tree] [--baseline <repo root>] [--cpu] [--bundle]
//   node --import tsx --cpu-prof --cpu-prof-dir build/prof scripts/bench/builder.ts --only big
// `--baseline` loads a second copy of the core from another checkout (`git worktree add /tmp/base HEAD`,
// with a node_modules link) and alternates the two run by run, so that a busy machine slows both alike.
import { buildSync } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Root } from 'mdast';
import type { checkDocument as CheckDocument } from '../../server/src/core/check';
import type { parseOkr as ParseOkr } from '../../server/src/core/parse/index';
import { parseMarkdown } from '../../server/src/core/parse/markdown';
import { stats, type Stats } from './stats';

const ROOT = path.join(__dirname, '..', '..');
const CORPUS = path.join(ROOT, 'build', 'bench-corpus');
const today = '2026-11-23';
const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const RUNS = Number(option('runs') ?? 0);
const TREE = Number(option('tree') ?? 300);
const ONLY = option('only');
const BASELINE = option('baseline');

/** CPU time of this process instead of wall time: steadier on a machine busy with other work. */
const now = argv.includes('--cpu')
  ? () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }
  : () => performance.now();

interface Core {
  parseOkr: typeof ParseOkr;
  checkDocument: typeof CheckDocument;
}

/** `--bundle`: the core as esbuild bundles it for dist/ (no tsx module wrappers), as the server runs it. */
const BUNDLE = argv.includes('--bundle');

async function loadCore(root: string): Promise<Core> {
  const core = path.join(path.resolve(root), 'server', 'src', 'core');
  if (BUNDLE) {
    const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'okr-bench-')), 'core.cjs');
    buildSync({
      stdin: {
        contents: `export { parseOkr } from './parse/index';\nexport { checkDocument } from './check';\n`,
        resolveDir: core,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      mainFields: ['module', 'main'],
      outfile,
      logLevel: 'warning',
    });
    return createRequire(__filename)(outfile) as Core;
  }
  const { parseOkr } = await import(path.join(core, 'parse', 'index.ts'));
  const { checkDocument } = await import(path.join(core, 'check.ts'));
  return { parseOkr, checkDocument };
}

function mdFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...mdFiles(p));
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

interface Input {
  uri: string;
  text: string;
  root: Root;
}

function load(file: string): Input {
  const text = readFileSync(file, 'utf8');
  // The builder hands remark the text without a byte order mark.
  const root = parseMarkdown(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return { uri: `file:///bench/${path.relative(CORPUS, file)}`, text, root };
}

interface Samples {
  builder: number[];
  rules: number[];
}

/** One pass over all the files, builder and rules timed apart; per-file averages are recorded. */
function pass(core: Core, inputs: Input[], out: Samples | null): void {
  let tb = 0;
  let tr = 0;
  for (const inp of inputs) {
    let s = now();
    const doc = core.parseOkr(inp.text, inp.uri, 0, { markdown: () => inp.root });
    tb += now() - s;
    s = now();
    core.checkDocument(doc, { today });
    tr += now() - s;
  }
  out?.builder.push(tb / inputs.length);
  out?.rules.push(tr / inputs.length);
}

async function main(): Promise<void> {
  const cores: [string, Core][] = [['current', await loadCore(ROOT)]];
  if (BASELINE) cores.unshift(['baseline', await loadCore(BASELINE)]);
  const kinds: [string, Input[], number][] = [];
  if (!ONLY || ONLY === 'typical') kinds.push(['typical (2.5 KB)', [load(path.join(CORPUS, 'typical.okr.md'))], 2000]);
  if (!ONLY || ONLY === 'big') kinds.push(['big (1,000 objectives)', [load(path.join(CORPUS, 'big.okr.md'))], 40]);
  if (!ONLY || ONLY === 'tree') {
    const files = mdFiles(path.join(CORPUS, 'tree-1000')).slice(0, TREE);
    kinds.push([`tree-1000, first ${files.length} (per file)`, files.map(load), 60]);
  }
  // The builder must not change the tree it is given (the incremental parser shares subtrees).
  for (const [, inputs] of kinds) {
    for (const inp of inputs) {
      const before = JSON.stringify(inp.root);
      cores[cores.length - 1][1].parseOkr(inp.text, inp.uri, 0, { markdown: () => inp.root });
      if (JSON.stringify(inp.root) !== before) throw new Error(`the builder changed the mdast of ${inp.uri}`);
    }
  }
  const ms = (x: number) => x.toFixed(x < 1 ? 3 : x < 10 ? 2 : 1);
  const cell = (x: Stats) => `${ms(x.median)} / ${ms(x.p95)} ms`;
  process.stdout.write(`kind | code | builder median / p95 | rules median / p95 | runs\n`);
  for (const [name, inputs, dflt] of kinds) {
    const runs = RUNS || dflt;
    const samples = cores.map((): Samples => ({ builder: [], rules: [] }));
    // Warm-up passes (JIT) are not recorded; then the cores take turns.
    for (let k = 0; k < Math.ceil(runs / 10); k++) for (const [, core] of cores) pass(core, inputs, null);
    for (let k = 0; k < runs; k++) cores.forEach(([, core], i) => pass(core, inputs, samples[i]));
    cores.forEach(([label], i) => {
      const b = stats(samples[i].builder);
      const r = stats(samples[i].rules);
      process.stdout.write(`${name} | ${label} | ${cell(b)} | ${cell(r)} | ${b.runs}\n`);
    });
    if (cores.length === 2) {
      const ratio = (k: keyof Samples) => stats(samples[0][k]).median / stats(samples[1][k]).median;
      process.stdout.write(
        `${name} | speed-up | builder ×${ratio('builder').toFixed(2)} | rules ×${ratio('rules').toFixed(2)} |\n`,
      );
    }
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
  process.exit(1);
});
