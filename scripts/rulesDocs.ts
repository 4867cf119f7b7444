// `npm run docs:rules`: regenerates everything derived from the rule registry's metadata:
// schemas/okr.schema.json, the `okr.rules` setting and jsonValidation in package.json, and the
// index table in docs/rules.md. `--check` only reports what is out of date (exit 1).
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { rules } from '../server/src/core/rules/index';
import { generated } from './rulesGenerated';

const root = path.join(__dirname, '..');
const check = process.argv.includes('--check');
let stale = 0;
async function main(): Promise<void> {
  for (const [file, text] of Object.entries(
    await generated(
      root,
      rules.map((r) => r.meta),
    ),
  )) {
    const full = path.join(root, file);
    let old = '';
    try {
      old = readFileSync(full, 'utf8');
    } catch {
      // A missing file is out of date.
    }
    if (old === text) continue;
    stale++;
    if (check) console.error(`${file} is out of date: run npm run docs:rules`);
    else {
      writeFileSync(full, text);
      console.log(`wrote ${file}`);
    }
  }
  process.exitCode = check && stale ? 1 : 0;
}
void main();
