// The main job: build and package the extension, then check the sample workspace with `okr`.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

function run(cmd, args) {
  console.log(`\n> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status ?? 1;
}

if (run('npm', ['run', '--silent', 'package']) !== 0) process.exit(1);
const vsix = 'build/okr-markdown.vsix';
console.log(`packaged ${vsix} (${(statSync(vsix).size / 1024).toFixed(0)} KiB)`);
// The samples carry deliberate problems, so exit code 1 (error findings) is the expected outcome here.
const code = run(process.execPath, ['bin/okr.js', 'check', 'samples']);
if (code === 2) process.exit(2);
console.log('\nDone: install the extension with "code --install-extension build/okr-markdown.vsix".');
