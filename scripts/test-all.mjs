// `npm test`: build, lint, unit + LSP + CLI tests, grammar tests, then the integration suite in a
// real VS Code. Unless a desktop VS Code is given, the offline one is installed first
// (scripts/vscode/setup.sh, cached under build/), so a fresh clone needs nothing else.
import { spawnSync } from 'node:child_process';

const steps = [
  ['npm', ['run', 'build']],
  ['npm', ['run', 'lint']],
  ['npm', ['run', 'test:unit']],
  ['npm', ['run', 'test:grammar']],
];
// setup.sh is idempotent and cached (a fraction of a second once installed).
const electron = process.env.OKR_TEST_RUNNER === 'electron' || Boolean(process.env.VSCODE_EXECUTABLE_PATH);
if (!electron) steps.push(['bash', ['scripts/vscode/setup.sh']]);
steps.push([process.execPath, ['test/integration/run.mjs']]);
// The user's view: the packaged .vsix installed into code-server, checked through the workbench.
if (!electron) steps.push(['npm', ['run', 'test:smoke']]);

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
