// One cold-start measurement in a fresh process (spawned by bench.ts): prints one JSON line.
// Usage: tsx scripts/bench/cold.ts <mode> <folder>   (the real server's modes: scripts/bench/server.ts)
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import { lint } from 'markdownlint/sync';
import { checkDocument } from '../../server/src/core/check';
import { remarkMarkdown } from '../../server/src/core/parse/markdown';
import { listOkrFiles, loadWorkspace } from '../../server/src/core/workspace/load';
import { NodeFs } from '../../server/src/node/nodeFs';
import { lineScan } from './baselines';

const [mode, folder] = process.argv.slice(2);
const today = '2026-11-23';

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.okr.md')) out.push(p);
  }
  return out.sort();
}

function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

async function main(): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  if (mode === 'remark' || mode === 'markdown-it' || mode === 'scan' || mode === 'markdownlint') {
    const md = new MarkdownIt();
    const keep: unknown[] = [];
    const files = walk(folder);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      if (mode === 'remark') remarkMarkdown(text);
      else if (mode === 'markdown-it') md.parse(text, {});
      else if (mode === 'scan') keep.push(lineScan(text));
      else lint({ strings: { f: text } });
    }
    return { files: files.length, wallMs: performance.now() - t0, ...memory() };
  }
  const fs = new NodeFs();
  const root = pathToFileURL(path.resolve(folder)).toString();
  const uris = await listOkrFiles(fs, [root]);
  if (mode !== 'ours') throw new Error(`unknown mode ${mode}`);
  const index = await loadWorkspace(fs, [root], uris);
  const indexMs = performance.now() - t0;
  let findings = 0;
  for (const doc of index.all()) findings += checkDocument(doc, { index, today }).length;
  const wallMs = performance.now() - t0;
  return { files: index.size, indexMs, wallMs, findings, ...memory() };
}

main().then(
  (r) => {
    process.stdout.write(`${JSON.stringify(r)}\n`);
    process.exit(0);
  },
  (e) => {
    process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  },
);
