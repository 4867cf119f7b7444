#!/usr/bin/env node
// Builds the integration tests and runs them in a real VS Code, picking the runner:
//   1. OKR_TEST_RUNNER=code-server|electron, when set;
//   2. electron when VSCODE_EXECUTABLE_PATH is set (a local desktop VS Code);
//   3. code-server when scripts/vscode/setup.sh has installed it (build/code-server);
//   otherwise it fails and says how to get a VS Code: it never skips silently.
// Arguments are passed on to the runner (e.g. --verbose, --keep, --workspace <dir>).
// The extension itself must be built first (npm run build): the runners check dist/.
// Usage: node test/integration/run.mjs [runner options]
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
// Its presence is enough: runCodeServer.mjs explains what is missing from a broken install.
const codeServerInstalled = fs.existsSync(path.join(root, 'build/code-server'));

function pickRunner() {
  const forced = process.env.OKR_TEST_RUNNER;
  if (forced === 'code-server' || forced === 'electron') return forced;
  if (forced) fail(`OKR_TEST_RUNNER must be "code-server" or "electron", not "${forced}"`);
  if (process.env.VSCODE_EXECUTABLE_PATH) return 'electron';
  if (codeServerInstalled) return 'code-server';
  fail(
    'no VS Code to run the integration tests in.\n' +
      '  Offline (this machine): bash scripts/vscode/setup.sh   (installs code-server, Node 24, chromium)\n' +
      '  With a desktop VS Code:  VSCODE_EXECUTABLE_PATH=/path/to/code node test/integration/run.mjs\n' +
      '  With internet access:    OKR_TEST_RUNNER=electron node test/integration/run.mjs',
  );
}

function fail(msg) {
  console.error(`[run] FAILED: ${msg}`);
  process.exit(2);
}

const runner = pickRunner();
const build = spawnSync(process.execPath, [path.join(here, 'build.mjs')], { stdio: 'inherit' });
if (build.status !== 0) fail('building the integration tests failed');

const script = path.join(here, runner === 'electron' ? 'runElectron.mjs' : 'runCodeServer.mjs');
console.log(`[run] runner: ${runner}`);
const child = spawn(process.execPath, [script, ...process.argv.slice(2)], { stdio: 'inherit' });
// Let the runner clean up (it stops VS Code and removes its temp folder) before exiting.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
