// Runs the injection grammar's tests (test/grammar/*.okr.md) with vscode-tmgrammar-test.
// VS Code's own Markdown grammar ships with VS Code, not with any npm package, so the tests always
// run against the stand-in test/grammar/markdown.tmLanguage.json, and also against the real one
// when a copy is at hand: $VSCODE_MARKDOWN_GRAMMAR, or the code-server that scripts/vscode/setup.sh
// installs for the integration tests.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cli = require.resolve('vscode-tmgrammar-test/dist/unit.js');
const real = [
  process.env.VSCODE_MARKDOWN_GRAMMAR,
  'build/code-server/node_modules/code-server/lib/vscode/extensions/markdown-basics/syntaxes/markdown.tmLanguage.json',
].find((p) => p && existsSync(p));

const runs = [['test/grammar/markdown.tmLanguage.json', 'stand-in Markdown grammar']];
if (real) runs.push([real, "VS Code's Markdown grammar"]);
let failed = false;
for (const [grammar, label] of runs) {
  console.log(`grammar tests against the ${label} (${grammar})`);
  const r = spawnSync(process.execPath, [cli, '-g', grammar, 'test/grammar/*.okr.md'], { encoding: 'utf8' });
  // The real grammar embeds many languages; their absence does not matter to these tests.
  const out = `${r.stdout}${r.stderr}`
    .split('\n')
    .filter((l) => l && !/^grammar not found for/.test(l))
    .join('\n');
  console.log(out);
  if (r.status !== 0) failed = true;
}
if (!real) console.log('(VS Code Markdown grammar not found: set VSCODE_MARKDOWN_GRAMMAR to test against it too)');
process.exit(failed ? 1 : 0);
