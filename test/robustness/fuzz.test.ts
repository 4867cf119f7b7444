// Property-based fuzzing of the parser, every registered rule, every quick fix and the check-in edit.
// CI runs a fixed, seeded number of cases; `FUZZ_RUNS=20000 npm run test:fuzz` runs a long campaign
// (`FUZZ_SEED=n` replays another seed).
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { checkDocument, LineIndex, parseOkr, type OkrDocument } from '../../server/src/core/index';
import {
  applyEdits,
  assertFixesSound,
  assertJsonContract,
  assertModelRanges,
  assertRangeInside,
  runRulesDirectly,
  seedFiles,
  seedIndex,
  TODAY,
  wsUri,
} from './invariants';
import { checkInEdit } from '../../server/src/core/checkIn';
import { makeNonce, mapHtml } from '../../client/src/features/alignmentMap/html';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
// The long run needs room; CI stays bounded.
const TIMEOUT = Math.max(60_000, RUNS * 200);

const seeds = seedFiles();
const index = seedIndex(seeds);

/** Pieces of hostile or unusual Markdown that mutations insert. */
const FRAGMENTS = [
  // numbers
  '99999999999999999999999999999',
  '1e308',
  '1e309 %',
  '-0',
  'NaN',
  'Infinity',
  '0/0',
  '1/0',
  '１２３％',
  '1.000.000.000,5 tỷ đồng',
  '5万元',
  '三千',
  '1,2,3,4,5,6,7,8,9',
  ' from 0 to 0',
  ' from 10 to 10',
  ' từ 5 lên 1e400',
  ' (weight 1e999)',
  ' (weight -1)',
  // structure
  '- ',
  '  - ',
  '    - ',
  '\t- ',
  '* [ ] ',
  '- [x] ',
  '1. ',
  '1) ',
  '> ',
  '>>>>>>>> ',
  '# ',
  '###### ',
  '## O1: ',
  '## Objective 2: ',
  '## Mục tiêu 3: ',
  '## 目标 4：',
  '- KR1: ',
  '- KR: ',
  '- Kết quả then chốt 2: ',
  '- 关键结果3：',
  '- Objective: ',
  '#### Key results',
  'Type: committed',
  'Loại: cam kết',
  '类型：承诺型',
  '  - 2026-11-01: 50% · confidence 7/10 · note',
  '  - 2026-13-45: ???',
  '  - 2026-02-29: 3/4',
  '  - Progress: 120%',
  '  - 2026-10-01: confidence 11/10',
  '  - Source: https://example.com',
  'Aligns to: [Company O1](../company.okr.md#o1)',
  'Aligns to: [x](../../../etc/passwd)',
  'Aligns to: [x](file:///etc/passwd#o1)',
  'Aligns to: [x](%2e%2e/%2e%2e/x.okr.md)',
  'Aligns to: [x](..\\..\\x.okr.md)',
  'Căn chỉnh với: [O1][c]',
  '对齐：[公司](/abs.okr.md)',
  '[c]: ../company.okr.md#o1',
  '@Nguyễn Văn An',
  '@王芳',
  // brackets, code, html
  '[',
  ']',
  '[[',
  ']]',
  '](',
  '[x](',
  '![',
  '`',
  '```',
  '~~~',
  '<!--',
  '-->',
  '<!-- okr-disable-next-line -->',
  '<!-- okr-disable-file objective-without-krs -->',
  '<!-- okr-enable',
  '[number]',
  '[số lượng]',
  '[数字]',
  '\\[',
  '|a|b|\n|-|-|\n|1|2|',
  '<div>',
  '</div>',
  // front matter
  '---',
  '---\n',
  '---\nowner: [\n',
  'owner: &a [*a, *a]',
  'level: galaxy',
  'level: company',
  'period: 2026-Q5',
  'period: 2026-Q4',
  'period: 2026-02-30..2026-01-01',
  'lang: klingon',
  'lang: vi',
  'parent: ../company.okr.md',
  'parent: /etc/passwd',
  'rules: {objective-without-krs: off}',
  'rules: [1, 2',
  '{{{{{{{{{{',
  '"unterminated',
  ': : :',
  // scripts and odd characters
  'Tăng trưởng doanh thu',
  '提升收入',
  'مرحبا',
  'שלום',
  '\u202e',
  '\u200b',
  '\u200d',
  'e\u0301\u0301\u0301',
  '👍🏽',
  '👨‍👩‍👧',
  '🇻🇳',
  '\u0000',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\udc00\ud800',
  '\ufffd',
  '\u000b\u000c',
  '\r\n',
  '\r',
  '\n',
  '\n\n',
  '\t',
  '\u2028',
  '\u0085',
];

const EOLS = ['\n', '\r\n', '\r'];

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; code: number }
  | { kind: 'insert'; at: number; frag: string; lineStart: boolean }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'duplicate'; at: number; len: number }
  | { kind: 'shuffle'; keys: number[] }
  | { kind: 'eol'; eols: number[] }
  | { kind: 'nest'; depth: number; frag: string; quote: boolean };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), code: fc.integer({ min: 0, max: 0xffff }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    frag: fc.constantFrom(...FRAGMENTS),
    lineStart: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), frag: fc.string(), lineStart: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.nat({ max: 200 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.nat({ max: 400 }) }),
  fc.record({ kind: fc.constant('shuffle' as const), keys: fc.array(fc.nat(), { maxLength: 200 }) }),
  fc.record({ kind: fc.constant('eol' as const), eols: fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 50 }) }),
  fc.record({
    kind: fc.constant('nest' as const),
    depth: fc.integer({ min: 1, max: 40 }),
    frag: fc.constantFrom(...FRAGMENTS),
    quote: fc.boolean(),
  }),
);

function lineStartBefore(text: string, at: number): number {
  const i = Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1));
  return i + 1;
}

function mutate(text: string, m: Mutation): string {
  const n = text.length;
  const at = n === 0 ? 0 : m.kind === 'shuffle' || m.kind === 'eol' || m.kind === 'nest' ? 0 : m.at % (n + 1);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'flip':
      return n === 0
        ? String.fromCharCode(m.code)
        : text.slice(0, at) + String.fromCharCode(m.code) + text.slice(at + 1);
    case 'insert': {
      const p = m.lineStart ? lineStartBefore(text, at) : at;
      return text.slice(0, p) + m.frag + text.slice(p);
    }
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.len);
    case 'duplicate':
      return text.slice(0, at + m.len) + text.slice(at, at + m.len) + text.slice(at + m.len);
    case 'shuffle': {
      const lines = text.split(/(?<=\r\n|\n|\r(?!\n))/);
      const keyed = lines.map((l, i) => ({ l, k: m.keys[i] ?? i }));
      keyed.sort((a, b) => a.k - b.k);
      return keyed.map((x) => x.l).join('');
    }
    case 'eol': {
      let i = 0;
      return text.replace(/\r\n|\n|\r/g, () => EOLS[m.eols[i++ % m.eols.length]]);
    }
    case 'nest': {
      const unit = m.quote ? '> ' : '  - ';
      const block = Array.from({ length: m.depth }, (_, d) => unit.repeat(d) + m.frag).join('\n');
      const p = lineStartBefore(text, n === 0 ? 0 : m.depth % (n + 1));
      return `${text.slice(0, p)}${block}\n${text.slice(p)}`;
    }
  }
}

/** A seed file and the URI it lives at, mutated a few times. */
const mutatedSeed = fc
  .tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }))
  .map(([i, ms]) => ({ uri: wsUri(seeds[i].rel), text: ms.reduce(mutate, seeds[i].text) }));

/** Markdown-ish soup built only from fragments and line breaks. */
const soup = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.constantFrom(...EOLS), fc.string({ maxLength: 20 })), {
    maxLength: 80,
  })
  .map((parts) => ({ uri: wsUri('people/soup.okr.md'), text: parts.join('') }));

const randomText = fc
  .oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 400 }))
  .map((text) => ({ uri: wsUri('people/random.okr.md'), text }));

const input = fc.oneof(
  { arbitrary: mutatedSeed, weight: 6 },
  { arbitrary: soup, weight: 3 },
  { arbitrary: randomText, weight: 1 },
);

/** Totals over the whole run, printed at the end (docs/robustness.md quotes them). */
const stats = { inputs: 0, findings: 0, fixes: 0, checkIns: 0 };

function parseAt(uri: string, text: string): OkrDocument {
  const doc = parseOkr(text, uri, 1);
  assertModelRanges(doc);
  return doc;
}

function withDoc<T>(doc: OkrDocument, fn: () => T): T {
  const previous = index.get(doc.uri);
  index.set(doc);
  try {
    return fn();
  } finally {
    if (previous) index.set(previous);
    else index.delete(doc.uri);
  }
}

const params = { numRuns: RUNS, seed: SEED, endOnFailure: true } as const;

describe(`fuzzing (${RUNS} runs per property, seed ${SEED})`, function () {
  this.timeout(TIMEOUT);

  after(() => {
    console.log(
      `      fuzz: ${stats.inputs} inputs, ${stats.findings} findings checked, ${stats.fixes} fixes applied, ${stats.checkIns} check-in edits applied`,
    );
  });

  it('the parser never throws and every model range lies in the text', () => {
    fc.assert(
      fc.property(input, ({ uri, text }) => {
        stats.inputs++;
        parseAt(uri, text);
      }),
      params,
    );
  });

  it('no rule throws and every finding range lies in the text', () => {
    fc.assert(
      fc.property(input, ({ uri, text }) => {
        stats.inputs++;
        const doc = parseAt(uri, text);
        withDoc(doc, () => {
          runRulesDirectly(doc, index);
          const lines = new LineIndex(text);
          const findings = checkDocument(doc, { index, today: TODAY });
          stats.findings += findings.length;
          for (const f of findings) {
            assertRangeInside(lines, f.range, `finding ${f.rule}`);
            assert.ok(f.message.length > 0, `empty message from ${f.rule}`);
          }
        });
      }),
      params,
    );
  });

  it('every quick fix applies cleanly, keeps other text and removes its finding', () => {
    fc.assert(
      fc.property(input, ({ uri, text }) => {
        stats.inputs++;
        const doc = parseAt(uri, text);
        withDoc(doc, () => {
          const findings = checkDocument(doc, { index, today: TODAY });
          stats.fixes += assertFixesSound(doc, findings, index);
        });
      }),
      params,
    );
  });

  it('toJsonModel gives valid JSON with the contract fields', () => {
    fc.assert(
      fc.property(input, ({ uri, text }) => {
        stats.inputs++;
        assertJsonContract(parseAt(uri, text));
      }),
      params,
    );
  });

  it('the check-in edit never throws, only inserts (or toggles a box) and the file still parses', () => {
    const values = fc.oneof(
      fc.constantFrom('61%', '2,064', '4/6', '34万元', '1.000.000 tỷ', '1e400', '0/0', '', '  ', '\r\n', 'abc'),
      fc.string({ maxLength: 30 }),
    );
    const confidence = fc.option(fc.oneof(fc.integer({ min: -5, max: 15 }), fc.double()), { nil: null });
    fc.assert(
      fc.property(
        input,
        fc.nat(),
        values,
        confidence,
        fc.option(fc.string({ maxLength: 40 })),
        (inp, pick, value, c, note) => {
          stats.inputs++;
          const doc = parseAt(inp.uri, inp.text);
          const krs = doc.objectives.flatMap((ob) => ob.keyResults.map((kr) => ({ ob, kr })));
          if (krs.length === 0) return;
          const { ob, kr } = krs[pick % krs.length];
          const res = checkInEdit(doc, { objectiveId: ob.id, krId: kr.id, value, confidence: c, note, date: TODAY });
          if (!res.ok) return;
          stats.checkIns++;
          const lines = new LineIndex(inp.text);
          for (const e of res.edits) assertRangeInside(lines, e.range, 'check-in edit');
          const after = applyEdits(inp.text, res.edits);
          parseAt(inp.uri, after);
          if (res.toggled) {
            assert.equal(after.length, inp.text.length, 'a toggle changes only the box');
          } else {
            // Pure insertion: every character that was there is still there, in order.
            const e = res.edits[0];
            const at = lines.offsetAt(e.range.start);
            assert.equal(res.edits.length, 1);
            assert.deepEqual(e.range.start, e.range.end);
            assert.equal(after.slice(0, at) + after.slice(at + e.newText.length), inp.text, 'the check-in lost text');
          }
        },
      ),
      params,
    );
  });

  it('no OKR text changes the markup of the alignment map webview', () => {
    const text = fc.oneof(
      fc.constantFrom(...FRAGMENTS, '<script>alert(1)</script>', '</script>', '<!--', ']]>'),
      fc.string(),
    );
    const shape = fc.record({
      titles: fc.array(fc.tuple(text, text, text), { minLength: 1, maxLength: 6 }),
      label: text,
      row: text,
      strings: fc.tuple(text, text, text, text),
      lang: text,
    });
    const build = (t: typeof shape extends fc.Arbitrary<infer T> ? T : never, f: (s: string) => string) =>
      mapHtml({
        cspSource: 'vscode-webview://x',
        nonce: makeNonce(new Uint8Array(32).map((_, i) => i * 13)),
        lang: f(t.lang),
        strings: {
          title: f(t.strings[0]),
          empty: f(t.strings[1]),
          hidden: f(t.strings[1]),
          help: f(t.strings[2]),
          label: f(t.strings[3]),
        },
        data: {
          nodes: t.titles.map(([title, owner, id], i) => ({
            key: `k${i}`,
            uri: `file:///ws/${f(id)}`,
            id: f(id),
            title: f(title),
            owner: f(owner),
            line: i,
            progress: 0.5,
            color: 'green' as const,
            row: 0,
            inCycle: false,
            orphan: false,
          })),
          files: [{ key: 'f', uri: 'file:///ws/f', label: f(t.label), row: 1 }],
          edges: [],
          rows: [f(t.row)],
        },
      });
    const lt = (h: string) => (h.match(/</g) ?? []).length;
    fc.assert(
      fc.property(shape, (t) => {
        stats.inputs++;
        // Whatever the text, the page has exactly the elements it has with plain words in it.
        assert.equal(lt(build(t, (s) => s)), lt(build(t, (s) => (s === '' ? '' : 'x'))));
      }),
      params,
    );
  });
});
