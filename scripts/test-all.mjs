// `npm test`: the offline real VS Code and a headless chromium are installed first (unless a
// desktop VS Code is given; scripts/vscode/setup.sh is cached under build/, so a fresh clone needs
// nothing else), then the build, lint, unit + LSP + CLI + robustness tests (the alignment map is
// checked in chromium), the performance ratios (bench:check), grammar tests, the integration suite
// in a real VS Code and the smoke test.
import { spawnSync } from 'node:child_process';

const electron = process.env.OKR_TEST_RUNNER === 'electron' || Boolean(process.env.VSCODE_EXECUTABLE_PATH);
const steps = [
  // Idempotent: a fraction of a second once installed. With a desktop VS Code, set CHROMIUM_PATH.
  ...(electron ? [] : [['bash', ['scripts/vscode/setup.sh']]]),
  ['npm', ['run', 'build']],
  ['npm', ['run', 'lint']],
  ['npm', ['run', 'test:unit']],
  // Issue 8's CI check: growth shape and gross regressions as ratios to remark in the same run.
  ['npm', ['run', 'bench:check']],
  ['npm', ['run', 'test:grammar']],
  [process.execPath, ['test/integration/run.mjs']],
  // The user's view: the packaged .vsix installed into code-server, checked through the workbench.
  ...(electron ? [] : [['npm', ['run', 'test:smoke']]]),
];

for (const [cmd, args] of steps) {
  const started = Date.now();
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\nnpm test: "${cmd} ${args.join(' ')}" failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
  console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
