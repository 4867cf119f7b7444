#!/usr/bin/env node
// Runs the integration suite inside a real VS Code with no internet: the VS Code server that
// the code-server npm package bundles (installed by scripts/vscode/setup.sh), its workbench
// in headless Debian chromium driven by playwright-core, and the suite in the server's Node
// extension host. Same suite, same `run()` entry as runElectron.mjs.
//
// Usage: node test/integration/runCodeServer.mjs [options]
//   --extension <dir>   extension under test (default: the repo root)
//   --tests <file>      tests entry exporting run() (default: out/integration/index.js)
//   --workspace <dir>   folder to open; a throwaway copy is used (default: samples/)
//   --timeout <sec>     overall deadline (default: 600)
//   --keep              keep the run folder under build/vscode-run/ for inspection
//   --verbose           also print the workbench's own log and the server's output
// Exit code: the suite's (0 = all passed, 1 = failures), 2 when VS Code could not run it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT,
  NODE24,
  SERVER_MAIN,
  OFFLINE_NOISE,
  Sandbox,
  SetupError,
  cleanupOnSignals,
  once,
  codeServerVersion,
  freePort,
  missingToolchain,
  tail,
  until,
  untilHttpOk,
} from '../../scripts/vscode/sandbox.mjs';

const { values: opts } = parseArgs({
  options: {
    extension: { type: 'string', default: ROOT },
    tests: { type: 'string', default: path.join(ROOT, 'out/integration/index.js') },
    workspace: { type: 'string', default: path.join(ROOT, 'samples') },
    timeout: { type: 'string', default: '600' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const log = (msg) => process.stdout.write(`[runCodeServer] ${msg}\n`);
// index.ts's own summary of a failed run: mocha has already shown the details.
const NOISE = new RegExp(`${OFFLINE_NOISE.source}|integration test\\(s\\) failed`);

/** Fails with a clear message, never a silent skip, when a piece is missing. */
function preflight() {
  const ext = path.resolve(opts.extension);
  const tests = path.resolve(opts.tests);
  const workspace = path.resolve(opts.workspace);
  const missing = missingToolchain();
  if (!fs.existsSync(path.join(ext, 'package.json'))) missing.push(`extension manifest ${ext}/package.json`);
  if (!fs.existsSync(tests)) missing.push(`tests entry ${tests}: run \`node test/integration/build.mjs\``);
  if (!fs.statSync(workspace, { throwIfNoEntry: false })?.isDirectory()) missing.push(`workspace folder ${workspace}`);
  if (missing.length) throw new SetupError(`cannot run the integration tests, missing:\n  - ${missing.join('\n  - ')}`);
  const main = JSON.parse(fs.readFileSync(path.join(ext, 'package.json'), 'utf8')).main;
  if (main && !fs.existsSync(path.resolve(ext, main)) && !fs.existsSync(path.resolve(ext, `${main}.js`))) {
    throw new SetupError(
      `the extension's main ${main} does not exist in ${ext}: build the extension first (npm run build)`,
    );
  }
  return { ext, tests, workspace };
}

/** Prints what the suite appends to `file` (mocha's reporter output) as it grows. */
function followFile(file) {
  let offset = 0;
  const pump = () => {
    const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    if (size <= offset) return;
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(size - offset);
    fs.readSync(fd, buf, 0, buf.length, offset);
    fs.closeSync(fd);
    offset = size;
    process.stdout.write(buf);
  };
  const timer = setInterval(pump, 200);
  return () => {
    clearInterval(timer);
    pump();
  };
}

let sandbox;
let stopFollowing;
let workbenchLog;

async function main() {
  const { ext, tests, workspace } = preflight();
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

  sandbox = new Sandbox('run', log);
  const userData = sandbox.dir('user-data');
  const serverData = sandbox.dir('server-data');
  const folder = sandbox.copyWorkspace(workspace);
  sandbox.writeSettings([path.join(userData, 'User'), path.join(serverData, 'data/Machine')]);
  const outputFile = sandbox.file('test-output.log');
  fs.writeFileSync(outputFile, '');
  // Read by index.ts in the extension host, which inherits the server's environment: the
  // extension host's console is only a browser console here, so mocha also writes to a file.
  sandbox.env.OKR_TEST_OUTPUT = outputFile;

  const port = await freePort();
  log(`starting VS Code server (code-server ${codeServerVersion()}) on 127.0.0.1:${port}`);
  // prettier-ignore
  const server = sandbox.spawnGroup(NODE24, [
    SERVER_MAIN,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--disable-telemetry',
    '--disable-workspace-trust',
    '--user-data-dir', userData,
    '--server-data-dir', serverData,
    '--extensions-dir', sandbox.dir('extensions'),
  ], 'server.log');
  const base = `http://127.0.0.1:${port}`;
  await untilHttpOk('the VS Code server to answer', `${base}/`, 60_000, () => server.exitReason);
  log(`server up in ${seconds()}`);

  const browser = await sandbox.launchBrowser();
  const page = browser.pages()[0] ?? (await browser.newPage());

  let exitCode;
  let pageCrashed;
  // The workbench's own log (which also carries the extension host's console output) goes to
  // workbench.log; only errors that are not known offline noise are shown live.
  workbenchLog = fs.createWriteStream(sandbox.file('workbench.log'));
  const show = (line, isError) => {
    workbenchLog.write(line + '\n');
    if (opts.verbose || (isError && !NOISE.test(line))) process.stdout.write(line + '\n');
  };
  // The workbench calls these when started with extensionTestsPath and the smoke-test driver:
  // codeAutomationLog for its log lines, codeAutomationExit once run() has settled.
  await page.exposeFunction('codeAutomationExit', (code) => {
    exitCode = Number(code);
  });
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    show(`[workbench ${level}] ${message}`, level === 'error');
  });
  // The browser console repeats the workbench log, so it is only kept in the file.
  page.on('console', (msg) => workbenchLog.write(`[browser ${msg.type()}] ${msg.text()}\n`));
  page.on('pageerror', (err) => show(`[browser pageerror] ${err.message}`, true));
  page.on('crash', () => (pageCrashed = 'the workbench page crashed'));

  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(ext)],
    ['extensionTestsPath', remote(tests)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const url = `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const shown = workspace.startsWith(ROOT + path.sep) ? path.relative(ROOT, workspace) : workspace;
  log(`opening the workbench on a copy of ${shown}`);
  stopFollowing = followFile(outputFile);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

  await until(
    `the test run to finish (overall deadline ${opts.timeout}s)`,
    () => exitCode !== undefined,
    Number(opts.timeout) * 1000 - (Date.now() - started),
    () => server.exitReason ?? pageCrashed,
  );
  stopFollowing();
  if (fs.statSync(outputFile).size === 0) {
    // run() failed before mocha printed anything (e.g. the tests entry threw on load).
    log('the suite printed nothing; logs follow');
    await printLogTails();
  }
  log(`tests finished with exit code ${exitCode} in ${seconds()}`);
  if (opts.verbose) process.stdout.write(tail(sandbox.file('server.log')));
  return exitCode;
}

/** Shows the end of the server's and the workbench's logs (after a failure to start or finish). */
async function printLogTails() {
  if (workbenchLog) await new Promise((r) => workbenchLog.write('', r));
  process.stdout.write(tail(sandbox.file('server.log')));
  process.stdout.write(tail(sandbox.file('workbench.log'), 60));
}

// Memoized: a signal and the main flow may both ask for it; both wait for the same run.
const cleanup = once(async () => {
  stopFollowing?.();
  if (workbenchLog) await new Promise((r) => workbenchLog.end(r));
  await sandbox?.cleanup({ keep: opts.keep });
});

const interrupted = cleanupOnSignals(cleanup, log);
let code;
try {
  code = await main();
} catch (err) {
  // After Ctrl+C, errors from the closing browser are expected: not worth a report.
  if (!interrupted()) {
    process.stderr.write(`[runCodeServer] FAILED: ${err instanceof SetupError ? err.message : err.stack}\n`);
    if (sandbox) await printLogTails();
  }
  code = 2;
}
await cleanup();
process.exit(interrupted() ? 130 : code);
