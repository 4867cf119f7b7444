// Heap kept per indexed file, full models against the server's slim ones (in process, no LSP):
//   node --expose-gc --import tsx scripts/bench/indexHeap.ts [--files 1000] [--folder <dir>]
// Parses every OKR file of the tree, keeps it in a WorkspaceIndex, builds the alignment graph,
// collects garbage and divides the heap growth by the number of files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseOkr } from '../../server/src/core/parse/index';
import { WorkspaceIndex } from '../../server/src/core/workspace/index';
import { slimForIndex } from '../../server/src/core/workspace/slim';
import { writeTree } from './corpus';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc --import tsx');

function okrFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...okrFiles(p));
    else if (e.name.endsWith('.okr.md')) out.push(p);
  }
  return out.sort();
}

/** The JS heap plus typed arrays' backing stores (kept outside the heap, still part of the RSS). */
function heap(): number {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const files = Number(option('files') ?? 1000);
const folder = path.resolve(
  option('folder') ?? path.join(__dirname, '..', '..', 'build', 'bench-corpus', `tree-${files}`),
);
if (!option('folder') && !existsSync(path.join(folder, 'company.okr.md'))) writeTree(path.dirname(folder), files);
const paths = okrFiles(folder);
const texts = paths.map((p) => [pathToFileURL(p).toString(), readFileSync(p, 'utf8')] as const);
const bytes = texts.reduce((n, [, t]) => n + Buffer.byteLength(t), 0);
// Warm the parser up (its tables, regexes) so that their memory is not counted per file.
for (const [uri, text] of texts.slice(0, 300)) parseOkr(text, uri, -1);

const results: Record<string, unknown> = { folder: path.basename(folder), files: paths.length, kbPerFile: 0 };
results.kbPerFile = Math.round(bytes / paths.length / 102.4) / 10;
// One mode per process run is the cleanest measure; both by default (the second starts after a GC).
const modes = option('mode') ? [option('mode') as 'full' | 'slim'] : (['full', 'slim'] as const);
for (const mode of modes) {
  const base = heap();
  const index = new WorkspaceIndex([pathToFileURL(folder).toString()]);
  let slimUs = 0;
  for (const [uri, text] of texts) {
    const doc = parseOkr(text, uri, -1);
    if (mode === 'slim') {
      const s = performance.now();
      const slim = slimForIndex(doc);
      slimUs += (performance.now() - s) * 1000;
      index.set(slim);
    } else index.set(doc);
  }
  const docsOnly = heap() - base;
  const graph = index.alignment();
  const withGraph = heap() - base;
  results[mode] = {
    kbPerFile: Math.round(docsOnly / paths.length / 102.4) / 10,
    withGraphKbPerFile: Math.round(withGraph / paths.length / 102.4) / 10,
    totalMB: Math.round(withGraph / 1024 / 102.4) / 10,
    nodes: graph.nodes.size,
    ...(mode === 'slim' ? { slimUsPerFile: Math.round((slimUs / paths.length) * 10) / 10 } : {}),
  };
  // Keep the index alive until it was measured, then drop it before the next mode.
  if (index.size !== paths.length) throw new Error('files missing from the index');
}
console.log(JSON.stringify(results));
