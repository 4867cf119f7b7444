// The incremental section parser must give exactly what a full remark parse gives: the same mdast
// (positions included) and the same OKR model, on the generated corpus, the fixtures and the
// samples, after many random edits, including edits that open fences, HTML blocks, front matter
// and definitions (which must stop or widen the cutting).
import { strict as assert } from 'node:assert';
import { rng } from '../../scripts/bench/corpus';
import { parseOkr } from '../../server/src/core/parse/index';
import { remarkMarkdown as parseMarkdown } from '../../server/src/core/parse/markdown';
import { SectionParser, splitSections } from '../../server/src/core/parse/sections';
import { edit, inputs } from './parseInputs';

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
        const a = parseOkr(text, `file:///${input.name}`, step, { markdown: parseMarkdown });
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
