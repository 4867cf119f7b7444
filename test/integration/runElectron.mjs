#!/usr/bin/env node
// Runs the integration suite in desktop VS Code through @vscode/test-electron: for machines
// that have a VS Code (VSCODE_EXECUTABLE_PATH) or can download one (otherwise runTests
// downloads the latest stable, or VSCODE_VERSION, into .vscode-test/). Same suite and same
// run() entry as runCodeServer.mjs. On a Linux machine without a display run it under
// `xvfb-run -a`.
//
// Usage: node test/integration/runElectron.mjs [--extension <dir>] [--tests <file>]
//          [--workspace <dir>] [--keep]
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { USER_SETTINGS } from '../../scripts/vscode/sandbox.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const { values: opts } = parseArgs({
  options: {
    extension: { type: 'string', default: root },
    tests: { type: 'string', default: path.join(root, 'out/integration/index.js') },
    workspace: { type: 'string', default: path.join(root, 'samples') },
    keep: { type: 'boolean', default: false },
  },
});
const log = (msg) => process.stdout.write(`[runElectron] ${msg}\n`);

const ext = path.resolve(opts.extension);
const tests = path.resolve(opts.tests);
const workspace = path.resolve(opts.workspace);
for (const [what, p, hint] of [
  ['extension manifest', path.join(ext, 'package.json'), ''],
  ['tests entry', tests, ' (run `node test/integration/build.mjs`)'],
  ['workspace folder', workspace, ''],
]) {
  if (!fs.existsSync(p)) {
    console.error(`[runElectron] FAILED: missing ${what} ${p}${hint}`);
    process.exit(2);
  }
}

// Throwaway profile, extensions folder and workspace copy (tests may edit files).
fs.mkdirSync(path.join(root, 'build/vscode-run'), { recursive: true });
const runDir = fs.mkdtempSync(path.join(root, 'build/vscode-run/electron-'));
const userData = path.join(runDir, 'user-data');
const folder = path.join(runDir, 'workspace');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
fs.writeFileSync(path.join(userData, 'User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
fs.cpSync(workspace, folder, { recursive: true });

const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH || undefined;
log(
  vscodeExecutablePath
    ? `using ${vscodeExecutablePath}`
    : `downloading VS Code ${process.env.VSCODE_VERSION || 'stable'}`,
);

let code;
try {
  code = await runTests({
    ...(vscodeExecutablePath ? { vscodeExecutablePath } : { version: process.env.VSCODE_VERSION || 'stable' }),
    extensionDevelopmentPath: ext,
    extensionTestsPath: tests,
    launchArgs: [
      folder,
      '--user-data-dir',
      userData,
      '--extensions-dir',
      path.join(runDir, 'extensions'),
      // runTests itself adds --skip-welcome, --skip-release-notes, --disable-workspace-trust, ...
      '--disable-telemetry',
    ],
  });
} catch (err) {
  // runTests rejects when VS Code exits non-zero (failed tests) or cannot be started.
  console.error(`[runElectron] FAILED: ${err instanceof Error ? err.message : err}`);
  code = typeof err?.code === 'number' && err.code !== 0 ? err.code : 1;
} finally {
  if (!opts.keep) fs.rmSync(runDir, { recursive: true, force: true });
  else log(`kept ${runDir}`);
}
log(`tests finished with exit code ${code}`);
process.exit(code);
