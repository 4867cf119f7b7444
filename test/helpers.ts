import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Compares a value with the JSON file beside a fixture. `UPDATE_FIXTURES=1` rewrites the
 * file instead: review the diff before committing it.
 */
export function assertGolden(file: string, actual: unknown): void {
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_FIXTURES === '1' || !existsSync(file)) {
    if (process.env.CI && !existsSync(file)) assert.fail(`missing expectation file ${file}`);
    writeFileSync(file, text);
    return;
  }
  assert.deepEqual(actual, JSON.parse(readFileSync(file, 'utf8')), `differs from ${file}`);
}
