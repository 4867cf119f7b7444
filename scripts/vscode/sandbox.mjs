// Shared by test/integration/runCodeServer.mjs and test/smoke/smoke.mjs: where the offline
// VS Code toolchain lives (installed by scripts/vscode/setup.sh) and a throwaway "sandbox"
// run folder that holds every path of a run and stops every process the run started.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const NODE24 = path.join(ROOT, 'build/node24/bin/node');
export const CODE_SERVER = path.join(ROOT, 'build/code-server/node_modules/code-server');
/** The bare VS Code server (workbench + Node extension host) bundled in code-server. */
export const SERVER_MAIN = path.join(CODE_SERVER, 'lib/vscode/out/server-main.js');
/** code-server's own CLI (what users run): installs .vsix files, serves the workbench. */
export const CODE_SERVER_CLI = path.join(CODE_SERVER, 'out/node/entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SETUP_HINT = 'run `bash scripts/vscode/setup.sh` first';

// User settings that keep a test workbench quiet and deterministic.
export const USER_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // Run folders live inside the repo's git work tree (build/ is ignored): no prompt about it.
  'git.openRepositoryInParentFolders': 'never',
};

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Browser/workbench errors every offline run logs; they say nothing about the extension. */
export const OFFLINE_NOISE =
  /Service Worker|serviceWorker|manifest\.json|Failed to load resource|ENOTFOUND|ERR_NAME_NOT_RESOLVED|authentication provider '\w+' to register/;

/** A problem with the toolchain or the start-up (exit code 2), as opposed to failed tests. */
export class SetupError extends Error {}

/** What is missing from the toolchain, as readable lines (empty when complete). */
export function missingToolchain({ needCli = false } = {}) {
  const missing = [];
  if (!fs.existsSync(NODE24)) missing.push(`Node 24 (${path.relative(ROOT, NODE24)}): ${SETUP_HINT}`);
  if (!fs.existsSync(SERVER_MAIN)) missing.push(`code-server (${path.relative(ROOT, SERVER_MAIN)}): ${SETUP_HINT}`);
  if (needCli && !fs.existsSync(CODE_SERVER_CLI)) {
    missing.push(`code-server CLI (${path.relative(ROOT, CODE_SERVER_CLI)}): ${SETUP_HINT}`);
  }
  if (!fs.existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM}): ${SETUP_HINT} (or set CHROMIUM_PATH)`);
  return missing;
}

export function codeServerVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(CODE_SERVER, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once `predicate` is truthy; SetupError after `ms`, or as soon as `abort()` gives a reason. */
export async function until(what, predicate, ms, abort = () => undefined) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await predicate()) return;
    const reason = abort();
    if (reason) throw new SetupError(`${what}: ${reason}`);
    if (Date.now() > deadline) throw new SetupError(`timed out after ${Math.round(ms / 1000)}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Resolves once `url` answers with a 2xx status. */
export function untilHttpOk(what, url, ms, abort) {
  return until(
    what,
    () =>
      fetch(url, { redirect: 'manual' }).then(
        (r) => r.ok,
        () => false,
      ),
    ms,
    abort,
  );
}

/** The last `lines` lines of a file, framed, for failure reports ('' when unreadable). */
export function tail(file, lines = 40) {
  try {
    const all = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    const shown = all.slice(-lines);
    return `--- last ${shown.length} lines of ${path.basename(file)} ---\n${shown.join('\n')}\n---\n`;
  } catch {
    return '';
  }
}

/**
 * One throwaway folder under build/vscode-run/ with every path of a run in it (profiles,
 * caches, XDG dirs, temp files, the workspace copy), plus the processes started for the run.
 * cleanup() stops them all and deletes the folder.
 */
export class Sandbox {
  constructor(prefix, log) {
    this.log = log;
    fs.mkdirSync(path.join(ROOT, 'build/vscode-run'), { recursive: true });
    this.root = fs.mkdtempSync(path.join(ROOT, `build/vscode-run/${prefix}-`));
    this.children = [];
    this.browser = undefined;
    this.env = {
      ...process.env,
      HOME: this.dir('home'),
      TMPDIR: this.dir('tmp'),
      XDG_CONFIG_HOME: this.dir('xdg/config'),
      XDG_DATA_HOME: this.dir('xdg/data'),
      XDG_CACHE_HOME: this.dir('xdg/cache'),
      XDG_RUNTIME_DIR: this.dir('xdg/runtime'),
      // Read by code-server: `{}` means no extension gallery, so an offline run makes no
      // marketplace requests (and logs no errors about them).
      EXTENSIONS_GALLERY: '{}',
    };
    // The caller's Node options (for Node 20 / tsx) must not leak into Node 24 processes.
    delete this.env.NODE_OPTIONS;
  }

  /** `name` inside the sandbox, created. */
  dir(name) {
    const p = path.join(this.root, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  }

  file(name) {
    return path.join(this.root, name);
  }

  /** Copies the fixture folder: tests may edit and create files, never in the fixture. */
  copyWorkspace(src) {
    const folder = path.join(this.root, 'workspace');
    fs.cpSync(src, folder, { recursive: true });
    return folder;
  }

  /** Writes USER_SETTINGS (plus `extra`) as settings.json into each of `dirs`. */
  writeSettings(dirs, extra = {}) {
    for (const d of dirs) {
      fs.mkdirSync(d, { recursive: true });
      fs.writeFileSync(path.join(d, 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...extra }, null, 2));
    }
  }

  /**
   * Starts a long-running process in its own process group (like setsid) so cleanup() can
   * stop it together with everything it spawned. Output goes to `logFile` in the sandbox.
   * Returns the child; `child.exitReason` is set once it has exited.
   */
  spawnGroup(command, args, logName) {
    if (this.cleaning) throw new SetupError('interrupted');
    const out = fs.openSync(this.file(logName), 'a');
    const child = spawn(command, args, {
      cwd: this.root,
      env: this.env,
      detached: true,
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    child.exitReason = undefined;
    child.on(
      'exit',
      (code, signal) => (child.exitReason = `${path.basename(command)} exited (code ${code}, signal ${signal})`),
    );
    child.on('error', (err) => (child.exitReason = `cannot start ${command}: ${err.message}`));
    this.children.push(child);
    return child;
  }

  /** Headless chromium with a fresh profile inside the sandbox; returns the context. */
  async launchBrowser(options = {}) {
    let chromium;
    try {
      ({ chromium } = await import('playwright-core'));
    } catch (err) {
      throw new SetupError(`cannot load playwright-core (a root devDependency): ${err.message}`);
    }
    // Playwright keeps its own temp files (artifacts) in this process's temp dir: the sandbox's.
    process.env.TMPDIR = this.env.TMPDIR;
    // A persistent context is how playwright takes a profile folder of our choosing. The env
    // keeps chromium's other files (crash reports, NSS database, dconf) in the sandbox too.
    this.browser = await chromium
      .launchPersistentContext(this.dir('browser'), {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_FLAGS,
        env: this.env,
        // Playwright's own handlers would close the browser and exit the process on Ctrl+C,
        // cutting cleanup() short (the VS Code server would be left running).
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        ...options,
      })
      .catch((err) => {
        throw new SetupError(`cannot launch ${CHROMIUM}: ${err.message}`);
      });
    if (this.cleaning) {
      // Interrupted while chromium was starting: cleanup() has already passed the browser.
      await this.browser.close().catch(() => {});
      throw new SetupError('interrupted');
    }
    return this.browser;
  }

  /** Stops everything and removes the folder; safe to call more than once (same promise). */
  cleanup({ keep = false } = {}) {
    this.cleaning ??= this.#cleanup(keep);
    return this.cleaning;
  }

  async #cleanup(keep) {
    if (this.browser) {
      await this.browser.close().catch(() => {});
      this.browser = undefined;
    }
    for (const child of this.children.splice(0)) await stopGroup(child);
    // Helpers (chromium's, the extension host's) can outlive their parents by a moment: wait
    // for every process whose command line points into the sandbox, and kill (by pid) the rest.
    const killed = await reapProcessesUsing(this.root);
    if (killed.length) this.log(`killed ${killed.length} leftover process(es): ${killed.join(' ')}`);
    if (keep) this.log(`kept ${this.root}`);
    else fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** SIGTERM to the child's process group, SIGKILL after 3 s if it is still there. */
async function stopGroup(child) {
  const kill = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {} // group already gone
  };
  if (child.pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    kill('SIGTERM');
    const timer = setTimeout(() => kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
  kill('SIGKILL'); // members of the group that outlived its leader
}

/** Pids of live processes (not this one) whose command line mentions `dir`. */
function processesUsing(dir) {
  if (process.platform !== 'linux') return [];
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      // Zombies have an empty cmdline, so they are (rightly) not counted.
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(dir)) pids.push(Number(entry));
    } catch {} // exited meanwhile
  }
  return pids;
}

async function reapProcessesUsing(dir) {
  const deadline = Date.now() + 5000;
  let pids = processesUsing(dir);
  while (pids.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    pids = processesUsing(dir);
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
  return pids;
}

/** Wraps `fn` so that every call after the first returns the first call's promise. */
export function once(fn) {
  let result;
  return () => (result ??= Promise.resolve().then(fn));
}

/**
 * On SIGINT/SIGTERM/SIGHUP: runs `cleanup` (pass a once() function: the main flow may be
 * running it too), then exits 130. Ctrl+C can arrive twice when a wrapper forwards it too
 * (test/integration/run.mjs): repeats are ignored. Returns () => whether a signal came.
 */
export function cleanupOnSignals(cleanup, log) {
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      log(`${sig}: stopping`);
      cleanup().finally(() => process.exit(130));
    });
  }
  return () => stopping;
}
