// Writes snippets/*.json from the template pack (server/src/core/authoring). Run after editing
// the templates: `node --import tsx scripts/snippets.mjs`; test/core/snippets.test.ts fails when
// the committed files are out of date.
import { writeFileSync, mkdirSync } from 'node:fs';
import * as prettier from 'prettier';
import { fileURLToPath } from 'node:url';
import { buildSnippetFiles } from '../server/src/core/authoring/snippets.ts';

const dir = fileURLToPath(new URL('../snippets/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [name, file] of Object.entries(buildSnippetFiles())) {
  // Formatted like the rest of the repository, so `prettier --check .` stays quiet.
  const options = (await prettier.resolveConfig(dir + name)) ?? {};
  writeFileSync(dir + name, await prettier.format(JSON.stringify(file), { ...options, filepath: dir + name }));
  console.log(`snippets/${name}: ${Object.keys(file).length} snippets`);
}
