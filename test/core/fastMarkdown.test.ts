// The fast Markdown reader (parse/fastMarkdown.ts) must give exactly remark's mdast, positions
// included, whenever it gives a tree at all; and it must give one for the plain files OKR
// repositories are made of, or it is not worth having. Checked on the corpus, every fixture and
// sample, random edits of them, and random documents built from tricky lines.
import { strict as assert } from 'node:assert';
import { rng } from '../../scripts/bench/corpus';
import { fastMarkdown } from '../../server/src/core/parse/fastMarkdown';
import { parseOkr } from '../../server/src/core/parse/index';
import { remarkMarkdown } from '../../server/src/core/parse/markdown';
import { edit, inputs } from './parseInputs';

function same(text: string, what: string): boolean {
  const fast = fastMarkdown(text);
  if (!fast) return false;
  assert.deepEqual(fast, remarkMarkdown(text), `${what}: the fast reader differs from remark`);
  return true;
}

/** Lines that look like OKR files, and lines meant to trip the reader. */
const LINES = [
  '# OKRs · Team',
  '## O1: Grow revenue [Company O1](../company.okr.md#o1)',
  '## Mục tiêu 2: Tăng doanh thu 20%',
  '## 目标3：提升客户满意度',
  '### Key results',
  '#hashtag is text',
  '####### seven is text',
  '## closed ##',
  '#',
  '##   ',
  'Aligns to: [Company O1](../company.okr.md#o1)',
  'Type: committed',
  'Căn chỉnh: [Mục tiêu 4](company.okr.md#o4)',
  '对齐：[公司目标1](../公司.okr.md#o1)',
  '- KR1: Revenue from $10 to $20 by 2026-12-31',
  '- KR2: [number] customers by [date]',
  '- [ ] Ship SSO',
  '- [x] Publish pricing',
  '- [X] done',
  '- [] not a box',
  '- [ ]',
  '* KR3: star bullet',
  '+ plus bullet',
  '1. first',
  '2. second',
  '1) paren',
  '10. ten',
  '-',
  '1.',
  '-     five spaces',
  '-no space',
  '  - 2026-10-14: 110 · confidence 8/10',
  '    - deeper 4',
  '   - three',
  ' - one',
  '      - six',
  '  - Source: https://bi.example.com/x/y-z?a=1',
  '  - 来源：https://finance.example/reports/a',
  '  - see https://a.b/c. next',
  '  - (https://a.b/c)',
  '  - (https://-a.b/c) and https://a-b.example/x-y',
  '  - www.example.com',
  '  - mail me@example.com',
  '  - ping @Marketing',
  '  continuation with two spaces',
  'plain paragraph text',
  'trailing one ',
  'trailing two  ',
  '    indented four',
  '  indented two',
  '',
  '',
  '   ',
  '---',
  '***',
  '===',
  '> quote',
  '- > quoted item',
  '  - > quoted check-in',
  '- # heading in an item',
  '- ```',
  '- <b>x</b>',
  '1. > quote',
  '```',
  '<!-- okr-disable-next-line -->',
  '| a | b |',
  '| - | - |',
  'A &amp; B and R&D',
  'x *em* y',
  'x _u_ y',
  'x `code` y',
  'x ~s~ y',
  'x \\* y',
  '![img](a.png)',
  '[ref]: https://example.com',
  '[x][ref] and [y]',
  '[^1] footnote call',
  '[a](b "t")',
  '[a](<b c>)',
  '[ ](x)',
  '[a]()',
  'emoji 🎯 and 字 and é',
  'x\tab',
];

function randomDoc(r: () => number): string {
  const parts: string[] = [];
  if (r() < 0.4) parts.push('---', 'owner: A', r() < 0.5 ? 'lang: vi' : 'period: 2026-Q4', '---');
  const n = 1 + Math.floor(r() * 14);
  // Mostly lines of the plain kind (the first part of the list), so that many documents reach the comparison.
  const plain = LINES.indexOf('plain paragraph text') + 1;
  for (let i = 0; i < n; i++) parts.push(LINES[Math.floor(r() * (r() < 0.75 ? plain : LINES.length))]);
  const eol = r() < 0.15 ? '\r\n' : '\n';
  let doc = parts.join(eol) + (r() < 0.7 ? eol : '');
  // A few single-character changes make structures no line list foresees.
  const chars = ' -*+[]()#:.1x\n字';
  for (let k = Math.floor(r() * 4); k > 0; k--) {
    const at = Math.floor(r() * (doc.length + 1));
    doc =
      r() < 0.7
        ? doc.slice(0, at) + chars[Math.floor(r() * chars.length)] + doc.slice(at)
        : doc.slice(0, at) + doc.slice(at + 1);
  }
  return doc;
}

describe('fast Markdown reader (parse/fastMarkdown.ts)', () => {
  it('reads every generated corpus file, and equals remark on every input it reads', () => {
    let fast = 0;
    let all = 0;
    for (const input of inputs()) {
      const text = input.text.replace(/^\ufeff/, '');
      const read = same(text, input.name);
      if (read) {
        fast++;
        assert.deepEqual(
          parseOkr(input.text, `file:///${input.name}`, 0),
          parseOkr(input.text, `file:///${input.name}`, 0, { markdown: remarkMarkdown }),
          `${input.name}: the model differs`,
        );
      }
      all++;
      // The generated corpus is what OKR repositories look like: it must take the fast path.
      if (!input.name.includes('/') || input.name.startsWith('people') || input.name.startsWith('departments')) {
        if (!input.name.endsWith('.md') || !input.name.includes('fixtures')) assert.ok(read, `${input.name} fell back`);
      }
    }
    assert.ok(fast * 10 > all * 7, `only ${fast} of ${all} inputs took the fast path`);
  });

  it('equals remark after random edits of the inputs', function () {
    const steps = Number(process.env.FAST_FUZZ_STEPS ?? 12);
    this.timeout(Math.max(120000, steps * 20000));
    const r = rng(Number(process.env.FAST_FUZZ_SEED ?? 7));
    let read = 0;
    let checked = 0;
    for (const input of inputs()) {
      const base = input.text.replace(/^\ufeff/, '');
      let text = base;
      for (let step = 0; step < steps; step++) {
        // Edits pile up (one fence or tab makes the rest of a run fall back): start again now and then.
        text = edit(step % 4 === 0 ? base : text, r);
        if (same(text, `${input.name} after edit ${step}`)) read++;
        checked++;
      }
    }
    assert.ok(read * 4 > checked, `${read} of ${checked} edited states took the fast path`);
  });

  it('equals remark on random documents made of tricky lines', function () {
    this.timeout(120000);
    const runs = Number(process.env.FAST_FUZZ_DOCS ?? 3000);
    const r = rng(Number(process.env.FAST_FUZZ_SEED ?? 11));
    let read = 0;
    for (let k = 0; k < runs; k++) {
      const doc = randomDoc(r);
      if (same(doc, `random document ${k}: ${JSON.stringify(doc)}`)) read++;
    }
    // Both outcomes must be exercised: many documents read fast, many handed to remark.
    assert.ok(read > runs / 20 && read < runs - runs / 20, `${read} of ${runs} random documents read fast`);
  });

  it('hands everything else to remark', () => {
    for (const text of [
      '\ufeff# A\n',
      'a\tb\n',
      '# A\n\n[x]: /u\n',
      '- a\n\n- b\n',
      '- a\nlazy\n',
      'x *y*\n',
      'a\nb  \nc\n',
      'a\r',
      '---\nno end\n',
      'see www.example.com\n',
    ]) {
      assert.equal(fastMarkdown(text), null, JSON.stringify(text));
    }
    assert.ok(fastMarkdown('## O1: A\n- KR1: 3 x\n  - 2026-10-01: 1\n'));
  });
});
