// The incremental section parser must give exactly what a full remark parse gives: the same mdast
// (positions included) and the same OKR model, on the generated corpus, the fixtures and the
// samples, after many random edits, including edits that open fences, HTML blocks, front matter
// and definitions (which must stop or widen the cutting).
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { bigFile, okrFile, rng, treeSpecs, typicalFile } from '../../scripts/bench/corpus';
import { parseOkr } from '../../server/src/core/parse/index';
import { parseMarkdown } from '../../server/src/core/parse/markdown';
import { SectionParser, splitSections } from '../../server/src/core/parse/sections';

const root = path.join(__dirname, '..', '..');

function filesBelow(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) filesBelow(p, out);
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

function inputs(): { name: string; text: string }[] {
  const r = rng(5);
  const out = [
    { name: 'typical-en', text: typicalFile(1, 'en') },
    { name: 'typical-vi', text: typicalFile(2, 'vi') },
    { name: 'typical-zh', text: typicalFile(3, 'zh') },
    { name: 'big-20', text: bigFile(20) },
  ];
  for (const spec of treeSpecs(12, r)) out.push({ name: spec.rel, text: okrFile(r, spec, 5) });
  for (const f of [...filesBelow(path.join(root, 'test', 'fixtures')), ...filesBelow(path.join(root, 'samples'))]) {
    out.push({ name: path.relative(root, f), text: readFileSync(f, 'utf8') });
  }
  return out;
}

/** Snippets that change block structure: each must be handled by cutting less, never wrongly. */
const SNIPPETS = [
  '```',
  '```js\n',
  '\n```\n',
  '~~~\n',
  '   ```\n',
  '  ```\n',
  '<!--\n',
  '-->\n',
  '<!-- okr-disable-next-line -->\n',
  '<div>\n',
  '<pre>\n',
  '</pre>\n',
  '<span>x</span>\n',
  '\n---\n',
  '---\n',
  '===\n',
  '## ',
  '#',
  '\n## O9: Added\n',
  '\n# Title\n',
  '[ref]: https://example.com\n',
  '[^1]: note\n',
  '[x][ref]',
  '| a | b |\n| - | - |\n',
  '> ',
  '- ',
  '  - ',
  '\t',
  '\r\n',
  '\r',
  '\n',
  '\n\n',
  'Mục tiêu 3: ',
  '目标2：',
  '`',
];

function edit(text: string, r: () => number): string {
  const at = Math.floor(r() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const kind = r();
  if (kind < 0.45) {
    const s = SNIPPETS[Math.floor(r() * SNIPPETS.length)];
    const pos = r() < 0.6 ? lineStart : at;
    return text.slice(0, pos) + s + text.slice(pos);
  }
  if (kind < 0.75) {
    const len = Math.floor(r() * 40);
    return text.slice(0, at) + text.slice(at + len);
  }
  // Typing: one character, the usual keystroke.
  const c = 'ax 1%,.:：é字'[Math.floor(r() * 12)];
  return text.slice(0, at) + c + text.slice(at);
}

function stripVersion<T extends { version: number }>(d: T): Omit<T, 'version'> {
  const rest: Partial<T> = { ...d };
  delete rest.version;
  return rest as Omit<T, 'version'>;
}

describe('incremental section parsing (parse/sections.ts)', () => {
  it('cuts before top-level headings and gives the text back whole', () => {
    const text = '---\na: 1\n---\n# T\n\nx\n## O1: A\n- KR1: b\n## O2: C\n';
    const s = splitSections(text);
    assert.deepEqual(
      s.map((x) => x.text),
      ['---\na: 1\n---\n', '# T\n\nx\n', '## O1: A\n- KR1: b\n', '## O2: C\n'],
    );
    assert.deepEqual(
      s.map((x) => x.line),
      [0, 3, 6, 8],
    );
  });

  it('does not cut inside fences, HTML blocks or front matter, nor a document with definitions', () => {
    const cut = (t: string) => splitSections(t).length;
    assert.equal(cut('```\n## A\n```\n## B\n'), 2);
    assert.equal(cut('~~~~\n## A\n~~~\n## B\n~~~~\n'), 1);
    assert.equal(cut('<!--\n## A\n-->\n## B\n'), 2);
    assert.equal(cut('<div>\n## A\n\n## B\n'), 2);
    assert.equal(cut('---\n## A\n---\n## B\n'), 2);
    assert.equal(cut('## A\n[x]: /u\n## B\n'), 1);
    // An indented fence may belong to a list item: the rest of the document stays one section.
    assert.equal(cut('## A\n- a\n  ```\n## B\n```\n## C\n'), 1);
    // A backtick line with a backtick in its info string is a paragraph, not a fence.
    assert.equal(cut('```a`b\n## A\n```\n## B\n```\n'), 2);
  });

  it('gives the same mdast and model as a full parse, after random edits', function () {
    // SECTIONS_FUZZ_STEPS / SECTIONS_FUZZ_SEED run a longer search by hand.
    const steps = Number(process.env.SECTIONS_FUZZ_STEPS ?? 6);
    this.timeout(Math.max(120000, steps * 30000));
    const r = rng(Number(process.env.SECTIONS_FUZZ_SEED ?? 99));
    let checked = 0;
    let reused = 0;
    for (const input of inputs()) {
      const sp = new SectionParser();
      let text = input.text;
      for (let step = 0; step < steps; step++) {
        // The model builder gives remark the text without a byte order mark.
        const md = text.replace(/^\ufeff/, '');
        const full = parseMarkdown(md);
        const inc = sp.parseMarkdown(md);
        assert.deepEqual(inc, full, `${input.name}: mdast differs after edit ${step}`);
        if (step > 0) reused += sp.lastSections - sp.lastParsed;
        const a = parseOkr(text, `file:///${input.name}`, step);
        const b = parseOkr(text, `file:///${input.name}`, step + 1, { markdown: sp.parseMarkdown });
        assert.deepEqual(stripVersion(b), stripVersion(a), `${input.name}: model differs after edit ${step}`);
        checked++;
        text = edit(text, r);
      }
    }
    assert.ok(checked >= steps * 30, `${checked} states checked`);
    // The point of it all: most sections come from the cache.
    assert.ok(reused * 2 > checked, `${reused} sections reused over ${checked} states`);
  });

  it('keeps a byte order mark, CRLF and lone CR line ends exact', () => {
    for (const text of [
      '\ufeff## O1: A\r\n- KR1: 3 x\r\n## O2: B\r\n- KR1: 4 y\r\n',
      '## O1: A\r- KR1: 3 x\r## O2: B\r- KR1: 4 y\r',
      '## O1: A\n- KR1: 3 x\n\n## O2: B\n- KR1: 4 y',
    ]) {
      const sp = new SectionParser();
      const full = parseOkr(text);
      assert.deepEqual(parseOkr(text, undefined, 0, { markdown: sp.parseMarkdown }), full);
      const edited = text.replace('3 x', '5 x');
      assert.deepEqual(parseOkr(edited, undefined, 0, { markdown: sp.parseMarkdown }), parseOkr(edited));
      assert.equal(sp.lastParsed, 1);
    }
  });

  it('parses a section seen twice in one document twice (the cache never shares nodes)', () => {
    const text = '## A\n- x\n## A\n- x\n';
    const sp = new SectionParser();
    assert.deepEqual(sp.parseMarkdown(text), parseMarkdown(text));
    assert.deepEqual(sp.parseMarkdown(text + '## B\n'), parseMarkdown(text + '## B\n'));
  });
});
