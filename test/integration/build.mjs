#!/usr/bin/env node
// Bundles the integration tests for VS Code's extension host: test/integration/index.ts
// (the mocha entry) and every test/integration/*.test.ts, each into out/integration/ as a
// CommonJS file. `vscode` is provided by the extension host and mocha is loaded from
// node_modules at run time, so both stay external.
//
// Usage: node test/integration/build.mjs [--src <dir with *.test.ts>] [--out <dir>]
//   --src  take the *.test.ts suites from another folder (default test/integration)
//   --out  write somewhere else (default out/integration); the folder is emptied first
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

const { values } = parseArgs({
  options: { src: { type: 'string' }, out: { type: 'string' } },
});
const srcDir = path.resolve(values.src ?? here);
const outDir = path.resolve(values.out ?? path.join(root, 'out/integration'));

const suites = fs
  .readdirSync(srcDir)
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => path.join(srcDir, f));
if (suites.length === 0) {
  console.error(`build.mjs: no *.test.ts files in ${srcDir}`);
  process.exit(1);
}

// Stale bundles of deleted suites would otherwise still be discovered by index.js.
fs.rmSync(outDir, { recursive: true, force: true });

const started = Date.now();
await esbuild.build({
  // Explicit output names keep every bundle flat in outDir even when --src is elsewhere
  // (index.js discovers the suites next to itself).
  entryPoints: [path.join(here, 'index.ts'), ...suites].map((file) => ({
    in: file,
    out: path.basename(file, '.ts'),
  })),
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  // Inline maps so assertion stack traces point at the .ts lines.
  sourcemap: 'inline',
  logLevel: 'warning',
});
console.log(
  `build.mjs: bundled index + ${suites.length} suite(s) into ${path.relative(root, outDir) || outDir} in ${Date.now() - started} ms`,
);
