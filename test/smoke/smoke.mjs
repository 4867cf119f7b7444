#!/usr/bin/env node
// User-view smoke test of the packaged extension, offline: installs the .vsix into
// code-server (scripts/vscode/setup.sh), opens a copy of samples/ in headless chromium and
// looks at what a user sees: an OKR file open, findings in the Problems panel, progress
// code lenses, the "OKRs" activity bar container. Screenshots go to build/screenshots/.
// Assertions about behaviour belong in test/integration (real extension host API); this only
// proves that the package installs and shows up. Workbench selectors are VS Code internals:
// they are kept few and every one is named in SELECTORS.
//
// Usage: node test/smoke/smoke.mjs <path/to/extension.vsix> [options]
//   --workspace <dir>   folder to open; a throwaway copy is used (default: samples/)
//   --expect-lenses     (kept for compatibility: a code lens with "%" is always required now)
//                       without it a missing lens is reported as SKIP
//   --timeout <sec>     overall deadline (default: 300)
//   --keep              keep the run folder under build/vscode-run/
// Exit code: 0 all checks passed (or skipped), 1 a check failed, 2 setup failed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT,
  NODE24,
  CODE_SERVER_CLI,
  Sandbox,
  SetupError,
  cleanupOnSignals,
  once,
  codeServerVersion,
  freePort,
  missingToolchain,
  tail,
  untilHttpOk,
} from '../../scripts/vscode/sandbox.mjs';

const EXTENSION_ID = 'okr-markdown.okr-markdown';
const SCREENSHOTS = path.join(ROOT, 'build/screenshots');
fs.mkdirSync(SCREENSHOTS, { recursive: true });
// The only workbench internals this test relies on.
const SELECTORS = {
  workbench: '.monaco-workbench',
  editorLines: '.editor-instance .monaco-editor .view-lines',
  problemsRow: '.markers-panel .monaco-list-row',
  codeLens: '.monaco-editor .codelens-decoration',
  activityBar: '.activitybar',
  sidebarRow: '.part.sidebar .monaco-list-row',
};
// A file with known findings, written into the workspace copy (objective-without-krs on the
// objective heading, template-placeholder on the key result) and a key result with progress (a lens with "%").
const SMOKE_FILE = 'smoke-check.okr.md';
const SMOKE_TEXT = `# Smoke check

## O1: Grow revenue

## O2: Delight customers

- KR1: Raise NPS from 30 to [number]
  - 2026-11-13: 35 · confidence 6/10
- KR2: Sign 10 new customers
  - 2026-11-13: 4 · confidence 7/10
`;

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    workspace: { type: 'string', default: path.join(ROOT, 'samples') },
    'expect-lenses': { type: 'boolean', default: process.env.OKR_SMOKE_EXPECT_LENSES === '1' },
    timeout: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
  },
});
const log = (msg) => process.stdout.write(`[smoke] ${msg}\n`);

const results = [];
function record(status, name, detail = '') {
  results.push({ status, name, detail });
  log(`${status.padEnd(4)} ${name}${detail ? ` — ${detail}` : ''}`);
}

let sandbox;
let shotIndex = 0;
async function screenshot(page, name) {
  const file = path.join(SCREENSHOTS, `smoke-${String(++shotIndex).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file }).catch((err) => log(`screenshot ${name} failed: ${err.message}`));
  return path.relative(ROOT, file);
}

/** True once `locator` is visible within `ms`, false otherwise (never throws). */
async function visibleWithin(locator, ms) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: ms });
    return true;
  } catch {
    return false;
  }
}

function preflight() {
  const vsix = positionals[0] ?? process.env.OKR_VSIX;
  const missing = missingToolchain({ needCli: true });
  if (!vsix)
    missing.push('the .vsix to test: pass its path (e.g. npx vsce package --no-dependencies -o build/okr.vsix)');
  else if (!fs.existsSync(vsix)) missing.push(`the .vsix ${vsix}`);
  const workspace = path.resolve(opts.workspace);
  if (!fs.statSync(workspace, { throwIfNoEntry: false })?.isDirectory()) missing.push(`workspace folder ${workspace}`);
  if (missing.length) throw new SetupError(`cannot run the smoke test, missing:\n  - ${missing.join('\n  - ')}`);
  return { vsix: path.resolve(vsix), workspace };
}

/** The installed extension's manifest, read from the extensions folder. */
function installedManifest(extensionsDir) {
  const dir = fs.readdirSync(extensionsDir).find((d) => d.toLowerCase().startsWith(`${EXTENSION_ID}-`));
  if (!dir) return undefined;
  return JSON.parse(fs.readFileSync(path.join(extensionsDir, dir, 'package.json'), 'utf8'));
}

async function main() {
  const { vsix, workspace } = preflight();
  const started = Date.now();
  // Screenshots of an earlier run would pass for this one's.
  for (const f of fs.readdirSync(SCREENSHOTS, { withFileTypes: true }).filter((e) => e.name.startsWith('smoke-'))) {
    fs.rmSync(path.join(SCREENSHOTS, f.name));
  }
  sandbox = new Sandbox('smoke', log);
  const userData = sandbox.dir('user-data');
  const extensions = sandbox.dir('extensions');
  const config = sandbox.file('config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  // code-server keeps user settings on the server side, in <user-data-dir>/User.
  sandbox.writeSettings([path.join(userData, 'User')]);
  const folder = sandbox.copyWorkspace(workspace);
  fs.writeFileSync(path.join(folder, SMOKE_FILE), SMOKE_TEXT);
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions, '--config', config];

  // 1. Install the package the way a user would.
  log(
    `installing ${vsix.startsWith(ROOT + path.sep) ? path.relative(ROOT, vsix) : vsix} into code-server ${codeServerVersion()}`,
  );
  const install = spawnSync(NODE24, [CODE_SERVER_CLI, ...common, '--install-extension', vsix, '--force'], {
    env: sandbox.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const installOut = `${install.stdout ?? ''}${install.stderr ?? ''}`.trim();
  const manifest = install.status === 0 ? installedManifest(extensions) : undefined;
  if (!manifest) {
    record('FAIL', 'install the .vsix', installOut || `exit code ${install.status}`);
    return;
  }
  record('PASS', 'install the .vsix', `${EXTENSION_ID}@${manifest.version}`);

  // 2. Start code-server on the workspace copy.
  const port = await freePort();
  // prettier-ignore
  const server = sandbox.spawnGroup(NODE24, [
    CODE_SERVER_CLI, ...common,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--ignore-last-opened',
    folder,
  ], 'code-server.log');
  const base = `http://127.0.0.1:${port}`;
  await untilHttpOk('code-server to answer', `${base}/healthz`, 60_000, () => server.exitReason);
  log(`code-server up on 127.0.0.1:${port} in ${((Date.now() - started) / 1000).toFixed(1)}s`);

  const browser = await sandbox.launchBrowser({ viewport: { width: 1400, height: 900 } });
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`${base}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  if (!(await visibleWithin(page.locator(SELECTORS.workbench), 60_000))) {
    record(
      'FAIL',
      'workbench loads',
      `no ${SELECTORS.workbench} after 60 s (${await screenshot(page, 'no-workbench')})`,
    );
    return;
  }
  record('PASS', 'workbench loads', await screenshot(page, 'workbench'));

  // 3. Open the OKR file from the Explorer (a fresh profile shows the Explorer).
  const fileItem = page.getByRole('treeitem', { name: SMOKE_FILE });
  if (!(await visibleWithin(fileItem, 30_000))) {
    record('FAIL', `open ${SMOKE_FILE}`, `not in the Explorer (${await screenshot(page, 'no-explorer-item')})`);
    return;
  }
  await fileItem.first().click();
  const opened = await visibleWithin(page.locator(SELECTORS.editorLines, { hasText: 'Grow revenue' }), 30_000);
  record(opened ? 'PASS' : 'FAIL', `open ${SMOKE_FILE}`, await screenshot(page, 'okr-file'));
  if (!opened) return;

  // 4. Problems panel lists the extension's findings.
  await page.locator(SELECTORS.editorLines).first().click();
  await page.keyboard.press('Control+Shift+M');
  const finding = page.locator(SELECTORS.problemsRow, { hasText: /objective-without-krs|template-placeholder/ });
  const found = await visibleWithin(finding, 60_000);
  const rows = (
    await page
      .locator(SELECTORS.problemsRow)
      .allInnerTexts()
      .catch(() => [])
  )
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const shot = await screenshot(page, 'problems');
  record(
    found ? 'PASS' : 'FAIL',
    'Problems panel lists OKR findings',
    `${shot}; rows: ${rows.slice(0, 4).join(' | ') || '(none)'}${rows.length > 4 ? ` | … (${rows.length})` : ''}`,
  );

  // 5. Progress code lenses ("…%"). The findings above prove the server is up, so lenses
  // that exist show within seconds.
  const lens = page.locator(SELECTORS.codeLens, { hasText: '%' });
  const hasLens = await visibleWithin(lens, 30_000);
  const lensText = hasLens ? (await lens.first().innerText()).replace(/\s+/g, ' ').trim() : '';
  if (hasLens) record('PASS', 'code lens with "%"', `"${lensText}" (${await screenshot(page, 'code-lens')})`);
  else record('FAIL', 'code lens with "%"', 'none visible after 30 s');

  // 6. The "OKRs" activity bar container, checked when the manifest contributes one.
  const containers = manifest.contributes?.viewsContainers?.activitybar ?? [];
  // Titles are localized (%key% in package.json, English in package.nls.json).
  const nls = JSON.parse(await fs.promises.readFile(path.join(ROOT, 'package.nls.json'), 'utf8').catch(() => '{}'));
  const title = (t) => (typeof t === 'string' && /^%.+%$/.test(t) ? (nls[t.slice(1, -1)] ?? t) : t);
  const okrs = containers.find((c) => title(c.title) === 'OKRs');
  if (!okrs) {
    record('FAIL', '"OKRs" activity bar container', 'the manifest contributes none');
  } else {
    const item = page.locator(`${SELECTORS.activityBar} [aria-label^="OKRs"]`);
    const shown = await visibleWithin(item, 15_000);
    if (shown) await item.first().click();
    record(shown ? 'PASS' : 'FAIL', '"OKRs" activity bar container', await screenshot(page, 'okrs-container'));
    // 7. The Objectives view lists the samples' objectives (the whole workspace is indexed).
    if (shown) {
      const row = page.locator(SELECTORS.sidebarRow, { hasText: 'bookkeeping tool' });
      const listed = await visibleWithin(row, 30_000);
      record(
        listed ? 'PASS' : 'FAIL',
        'Objectives view lists the company objective',
        await screenshot(page, 'objectives-view'),
      );
    }
  }
}

const cleanup = once(() => sandbox?.cleanup({ keep: opts.keep }));
const interrupted = cleanupOnSignals(cleanup, log);

const deadline = setTimeout(
  () => {
    record('FAIL', `finish within ${opts.timeout}s`);
    void finish(2);
  },
  Number(opts.timeout) * 1000,
);

async function finish(code) {
  clearTimeout(deadline);
  if (code !== 0 && sandbox && !interrupted()) process.stdout.write(tail(sandbox.file('code-server.log')));
  await cleanup();
  const count = (s) => results.filter((r) => r.status === s).length;
  log(`${count('PASS')} passed, ${count('FAIL')} failed, ${count('SKIP')} skipped`);
  process.exit(interrupted() ? 130 : code);
}

try {
  await main();
  await finish(results.some((r) => r.status === 'FAIL') ? 1 : 0);
} catch (err) {
  if (!interrupted()) process.stderr.write(`[smoke] FAILED: ${err instanceof SetupError ? err.message : err.stack}\n`);
  await finish(2);
}
