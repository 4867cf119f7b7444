// Entry point loaded by VS Code's extension host as `extensionTestsPath` (both runners:
// runCodeServer.mjs and runElectron.mjs). It runs every `*.test.js` bundled next to it
// (built from test/integration/*.test.ts by build.mjs) with mocha's programmatic API.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';

// mocha 12 is an ES module whose entry only re-exports this CommonJS file. Requiring the file
// directly also works in extension hosts whose Node has no require(esm) (older Electron).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha = require('mocha/lib/mocha.cjs') as typeof import('mocha');

export async function run(): Promise<void> {
  // The runner may ask for a copy of the reporter output in a file: the extension host's
  // console is not reliably visible from outside (it is a browser console in code-server).
  const outputFile = process.env.OKR_TEST_OUTPUT;
  if (outputFile) {
    const original = Mocha.reporters.Base.consoleLog;
    Mocha.reporters.Base.consoleLog = (...args: unknown[]): void => {
      fs.appendFileSync(outputFile, util.format(...args) + '\n');
      original(...args);
    };
  }
  Mocha.reporters.Base.useColors = false;

  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    // Generous: the first test pays for extension activation and language server start-up
    // in a cold VS Code on a slow CI machine. Helpers below carry their own tighter deadlines.
    timeout: 120_000,
    // OKR_TEST_GREP narrows a local run to matching test titles.
    ...(process.env.OKR_TEST_GREP ? { grep: process.env.OKR_TEST_GREP } : {}),
  });

  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  if (files.length === 0) {
    throw new Error(`no *.test.js suites found in ${__dirname} (run test/integration/build.mjs)`);
  }
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const failures = await new Promise<number>((resolve, reject) => {
    try {
      mocha.run(resolve);
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
