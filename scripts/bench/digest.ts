// A fingerprint of everything the parser and the rules produce over a fixed set of inputs, to prove
// that a performance change leaves the output byte for byte the same. Run it on the tree before the
// change and after; the digests must match.
//   npx tsx scripts/bench/digest.ts [--code <repo root holding server/src>] [--out <file for the full dump>]
// `--code` lets a pristine checkout (git worktree) be measured on the same inputs as the working tree.
// Markdown comes from a remark processor built here, so the fingerprint covers the model builder and
// the rules only, whichever Markdown front end the parser defaults to.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const ROOT = path.join(__dirname, '..', '..');
const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const CODE = path.resolve(arg('code') ?? ROOT);
const OUT = arg('out');
const today = '2026-11-23';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

function mdFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...mdFiles(p));
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

async function main(): Promise<void> {
  const core = path.join(CODE, 'server', 'src', 'core');
  const { parseOkr, parseExtras } = await import(path.join(core, 'parse', 'index.ts'));
  const { checkDocument } = await import(path.join(core, 'check.ts'));
  const { toJsonModel } = await import(path.join(core, 'json.ts'));
  const { WorkspaceIndex } = await import(path.join(core, 'workspace', 'index.ts'));

  const corpus = path.join(ROOT, 'build', 'bench-corpus');
  const tree = path.join(corpus, 'tree-1000');
  const files = [
    path.join(corpus, 'typical.okr.md'),
    path.join(corpus, 'big.okr.md'),
    ...mdFiles(tree),
    ...mdFiles(path.join(ROOT, 'samples')),
    ...mdFiles(path.join(ROOT, 'test', 'fixtures')),
  ];
  const hash = createHash('sha256');
  const dump: string[] = [];
  const emit = (s: string) => {
    hash.update(s);
    hash.update('\n');
    if (OUT) dump.push(s);
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const treeDocs: any[] = [];
  for (const file of files) {
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    const uri = `file:///corpus/${rel}`;
    const text = readFileSync(file, 'utf8');
    const doc = parseOkr(text, uri, 0, { markdown: (t: string) => processor.parse(t) as Root });
    const rest: Partial<typeof doc> = { ...doc };
    delete rest.text;
    emit(`== ${rel}`);
    emit(JSON.stringify(toJsonModel(doc, rel)));
    emit(JSON.stringify(rest));
    emit(JSON.stringify(parseExtras(doc)));
    emit(JSON.stringify(checkDocument(doc, { today })));
    if (file.startsWith(tree + path.sep)) treeDocs.push(doc);
  }
  // With the workspace index too: the cross-file rules (alignment) read other documents' models.
  const index = new WorkspaceIndex(['file:///corpus/build/bench-corpus/tree-1000']);
  for (const d of treeDocs) index.set(d);
  for (const d of treeDocs) {
    emit(`== index ${d.uri}`);
    emit(JSON.stringify(checkDocument(d, { today, index })));
  }
  const digest = hash.digest('hex');
  if (OUT) writeFileSync(OUT, dump.join('\n'));
  process.stdout.write(`${files.length} files, sha256 ${digest}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
  process.exit(1);
});
