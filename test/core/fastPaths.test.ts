// The parser's and the rules' shortcuts (taken for speed) must give exactly what the plain way gives.
// Each test holds the plain way as a reference and compares on real lines and on random ones.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { writeTree } from '../../scripts/bench/corpus';
import { readNumber, readNumberPlain, scanText, scanTextWithoutShortcuts } from '../../server/src/core/lang/scan';
import { ACTIVITY, BUSINESS_AS_USUAL, detectLang, HAN_CHARS, VI_CHARS } from '../../server/src/core/lang/tables';
import type { Lang } from '../../server/src/core/model';
import { nestingProblem, nestingProblemPlain } from '../../server/src/core/parse/guard';
import { parseOkr } from '../../server/src/core/parse/index';
import { checkInNote, checkInNotePlain, displayText } from '../../server/src/core/parse/inline';
import { isValidIsoDate, isValidIsoDatePlain } from '../../server/src/core/period';
import { sameId } from '../../server/src/core/rules/duplicateId';
import { startsWithWord, startsWithWordOrLang } from '../../server/src/core/rules/util';
import { LineIndex, normalizeWidth, normalizeWidthPlain } from '../../server/src/core/text';
import { packSlim, packSlimForTransfer, slimForIndex, unpackSlim } from '../../server/src/core/workspace/slim';

const ROOT = path.join(__dirname, '..', '..');
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);

function mdFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...mdFiles(p));
    else if (name.endsWith('.md')) out.push(p);
  }
  return out;
}

/** Every line of the samples and fixtures, the languages' real wording. */
const LINES = [...mdFiles(path.join(ROOT, 'samples')), ...mdFiles(path.join(ROOT, 'test', 'fixtures'))].flatMap((f) =>
  readFileSync(f, 'utf8').split(/\r\n|\n|\r/),
);

/** Words and signs the patterns look for, in three languages, and characters that fold or pair oddly. */
const TOKENS = [
  'end of the year',
  'END OF Q4',
  'this quarter',
  'thiſ quarter',
  'next month',
  'EOY',
  'year-end',
  'by',
  'before',
  'Until',
  'through',
  'within',
  'in the next',
  'Jan',
  'JANUARY',
  'ſep',
  'Sept.',
  'May',
  'Dec 31st, 2026',
  '31 December 2026',
  'Q4',
  'q4',
  'H1',
  'FY26',
  '2026-Q4',
  '2026-12-31',
  '2026-1-5..2026-3-1',
  '12/31/2026',
  '３１',
  '２０２６',
  '％',
  '－',
  '／',
  '40%',
  '$3.5M',
  '1.000.000',
  '1,000.5',
  '7/10',
  'tỷ đồng',
  'triệu',
  'ngày 31 tháng 12 năm 2026',
  'tháng 12',
  'THÁNG 6/2026',
  'quý IV',
  'QUÝ 4 năm 2026',
  'cuối năm',
  'ĐẦU quý',
  'giữa tháng',
  'nửa đầu năm',
  'sáu tháng cuối năm',
  'trong vòng 30 ngày',
  'sau 3 tháng',
  'trước 2027',
  '2026财年',
  '2026年12月31日',
  '12月底',
  '十二月',
  '〇月',
  '第四季度',
  '上半年',
  '30天内',
  '三个月内',
  '百分之五十',
  '五十个',
  '10万元',
  'K',
  'İ',
  'ı',
  'Σ',
  '\u00a0',
  '\u3000',
  '\ud800',
  '\udc00',
  '\u{20000}',
  '\u{1d400}',
  'e\u0301',
  ' ',
  '  ',
  '\t',
  ',',
  '.',
  '-',
  '·',
  'x',
  'B2B',
  'a',
  'in 2027',
  'by 1999',
  'năm 2026',
  '3 NGÀY',
  'trong 2 TUẦN',
  'ĐẦU',
  'Nửa',
  'ſ',
  'ſau 3 days',
  '–',
  '—',
  '…',
  '→',
  '12',
  '季',
  '年',
  '月',
  '内',
  '八',
];

const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 10 }).map((xs) => xs.join(' '));
const langs: Lang[] = ['en', 'vi', 'zh'];

describe('fast paths give what the plain way gives', () => {
  it('scanText skips only patterns that cannot match', () => {
    for (const line of LINES)
      for (const lang of langs) assert.deepEqual(scanText(line, lang), scanTextWithoutShortcuts(line, lang), line);
    fc.assert(
      fc.property(tokenText, fc.constantFrom(...langs), (text, lang) => {
        assert.deepEqual(scanText(text, lang), scanTextWithoutShortcuts(text, lang));
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
  });

  it('detectLang counts as the plain regexes do', () => {
    const plain = (text: string): Lang => {
      const sample = text.length > 20000 ? text.slice(0, 20000) : text;
      const han = sample.match(HAN_CHARS)?.length ?? 0;
      const vi = sample.match(VI_CHARS)?.length ?? 0;
      const letters = sample.match(/\p{L}/gu)?.length ?? 0;
      if (letters === 0) return 'en';
      if (han / letters > 0.15) return 'zh';
      if (vi / letters > 0.03) return 'vi';
      return 'en';
    };
    for (const line of LINES) assert.equal(detectLang(line), plain(line), line);
    const files = [...mdFiles(path.join(ROOT, 'samples')), ...mdFiles(path.join(ROOT, 'test', 'fixtures'))];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      assert.equal(detectLang(text), plain(text), f);
    }
    // Mixed texts near the thresholds: many English words around a few Vietnamese or Chinese ones.
    const mixed = fc
      .tuple(fc.array(fc.constantFrom('word', 'a', '1', ' '), { maxLength: 60 }), tokenText)
      .map(([en, other]) => en.join(' ') + other);
    fc.assert(
      fc.property(mixed, (text) => assert.equal(detectLang(text), plain(text))),
      { numRuns: RUNS, seed: 20261123 },
    );
  });

  it('displayText collapses whitespace as the regex does', () => {
    const plain = (s: string) => s.replace(/\s+/g, ' ').trim();
    for (const line of LINES) assert.equal(displayText(line), plain(line));
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}`, `${ch}a`, `a ${ch}b`, `a${ch} b`]) assert.equal(displayText(s), plain(s));
    }
    const piece = fc.constantFrom('a', ' ', '  ', '\t', '\n', '\u00a0', '\u3000', '\u200b', '\ufeff', '\u0085', 'é');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (xs) => {
        const s = xs.join('');
        assert.equal(displayText(s), plain(s));
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
  });

  it('isValidIsoDate agrees with the calendar of Date', () => {
    const plain = (s: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      if (!m) return false;
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.getUTCMonth() + 1 === +m[2] && d.getUTCDate() === +m[3];
    };
    const p2 = (n: number) => String(n).padStart(2, '0');
    for (const y of [0, 1, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 2026, 2100, 2400, 9999]) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${String(y).padStart(4, '0')}-${p2(m)}-${p2(d)}`;
          assert.equal(isValidIsoDate(s), plain(s), s);
        }
      }
    }
    for (const s of ['2026-1-01', '2026-01-1', ' 2026-01-01', '2026-01-01 ', '２０２６-01-01', '2026/01/01', '', 'x'])
      assert.equal(isValidIsoDate(s), plain(s), s);
    // Digit by digit as the regular expression reads it: characters next to the digits, a sign, a line break.
    const piece = fc.constantFrom('0', '1', '2', '9', '/', ':', '-', '+', ' ', '\n', '٣', '２');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 8, maxLength: 12 }), (xs) => {
        const s = xs.join('');
        assert.equal(isValidIsoDate(s), isValidIsoDatePlain(s), s);
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
    for (const s of ['2026-02-29', '2024-02-29', '2026-0a-01', '20x6-01-01', '2026-01-0/', '2026-01-0:', '2026-13-01'])
      assert.equal(isValidIsoDate(s), isValidIsoDatePlain(s), s);
  });

  it('readNumber reads digits alone as the general way does', () => {
    const piece = fc.constantFrom('0', '1', '5', '9', '000', '.', ',', ' ', 'a', '٣');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.constantFrom(...langs), (xs, lang) => {
        const s = xs.join('');
        assert.ok(Object.is(readNumber(s, lang), readNumberPlain(s, lang)), s);
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
    for (const s of ['', '0', '007', '1.000', '1,000.5', '99999999999999999999', ' 12'])
      for (const lang of langs) assert.ok(Object.is(readNumber(s, lang), readNumberPlain(s, lang)), s);
  });

  it('normalizeWidth changes only what the replace changes', () => {
    for (const line of LINES) assert.equal(normalizeWidth(line), normalizeWidthPlain(line));
    for (let c = 0xff00; c <= 0xff60; c++) {
      const s = `a${String.fromCharCode(c)}1`;
      assert.equal(normalizeWidth(s), normalizeWidthPlain(s));
    }
    fc.assert(
      fc.property(tokenText, (t) => assert.equal(normalizeWidth(t), normalizeWidthPlain(t))),
      { numRuns: RUNS, seed: 20261123 },
    );
  });

  it('a check-in note is trimmed and joined as the regular expressions do', () => {
    for (const line of LINES) assert.equal(checkInNote(line), checkInNotePlain(line), line);
    const piece = fc.constantFrom(
      'a',
      'b c',
      ' ',
      '   ',
      '·',
      '•',
      '|',
      ',',
      ';',
      ':',
      '：',
      '-',
      '–',
      '—',
      '\t',
      '\u00a0',
      '\u3000',
      '\u200b',
      'x · y',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (xs) => {
        const s = xs.join('');
        assert.equal(checkInNote(s), checkInNotePlain(s), JSON.stringify(s));
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
  });

  it('nestingProblem finds what the plain line loop finds', () => {
    const files = [...mdFiles(path.join(ROOT, 'samples')), ...mdFiles(path.join(ROOT, 'test', 'fixtures'))];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      assert.equal(nestingProblem(text), nestingProblemPlain(text), f);
    }
    // Deep lines (block quotes, list markers, indentation), marker characters and line breaks of every kind.
    const piece = fc.constantFrom(
      '- ',
      '* ',
      '1. ',
      '> ',
      '    ',
      '  ',
      '\t',
      'a',
      '[',
      '*a*',
      '`',
      '\n',
      '\r\n',
      '\r',
      '\n\n',
    );
    const deep = fc.array(piece, { maxLength: 120 }).map((xs) => xs.join(''));
    const many = fc.tuple(
      fc.constantFrom('- > 1. ', '    '),
      fc.integer({ min: 0, max: 20 }),
      fc.integer({ min: 1, max: 400 }),
    );
    fc.assert(
      fc.property(deep, (t) => assert.equal(nestingProblem(t), nestingProblemPlain(t))),
      { numRuns: RUNS, seed: 20261123 },
    );
    fc.assert(
      fc.property(many, ([unit, depth, lines]) => {
        const t = `${unit.repeat(depth)}x\n`.repeat(lines);
        assert.equal(nestingProblem(t), nestingProblemPlain(t));
      }),
      { numRuns: 200, seed: 20261123 },
    );
  });

  it('an outline packed straight from a model is the one packed from slimForIndex', () => {
    // A generated tree too (written here: a clean clone has no bench corpus).
    const tree = mkdtempSync(path.join(tmpdir(), 'okr-fast-'));
    writeTree(tree, 100);
    const files = [
      ...mdFiles(path.join(ROOT, 'samples')),
      ...mdFiles(path.join(ROOT, 'test', 'fixtures')),
      ...mdFiles(path.join(tree, 'tree-100')).slice(0, 40),
    ];
    for (const f of files) {
      const doc = parseOkr(readFileSync(f, 'utf8'), `file:///ws/${path.basename(f)}`, -1);
      const plain = packSlim(slimForIndex(doc));
      assert.deepEqual(packSlim(doc), plain, f);
      assert.deepEqual(packSlimForTransfer(doc), plain, f);
      assert.deepEqual(unpackSlim(packSlimForTransfer(doc)), unpackSlim(plain), f);
    }
    rmSync(tree, { recursive: true, force: true });
  });

  it('LineIndex gives the binary search answer in any order of lookups', () => {
    const plain = (text: string, starts: number[], offset: number) => {
      let o = Math.max(0, Math.min(offset, text.length));
      if (o > 0 && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) o--;
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= o) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, character: o - starts[lo] };
    };
    const text = fc
      .array(fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', '\n\n', 'é'), { maxLength: 40 })
      .map((x) => x.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.integer({ min: -3, max: 90 }), { maxLength: 30 }), (t, offsets) => {
        const li = new LineIndex(t);
        const starts = [0];
        for (const m of t.matchAll(/\r\n|\n|\r/g)) starts.push(m.index + m[0].length);
        assert.deepEqual(li.lineStarts, starts);
        for (const o of [...offsets, ...offsets.sort((a, b) => a - b)]) {
          assert.deepEqual(li.positionAt(o), plain(t, li.lineStarts, o));
          assert.equal(li.lineOf(o), plain(t, li.lineStarts, o).line);
        }
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
  });

  it('the activity and status-quo words are found as with the language looked up first', () => {
    const plain = (text: string, byLang: Record<Lang, string[]>, lang: Lang) =>
      startsWithWord(text, byLang[lang]) ?? startsWithWord(text, byLang[detectLang(text)]);
    const starts = fc
      .tuple(fc.constantFrom(...[...Object.values(ACTIVITY), ...Object.values(BUSINESS_AS_USUAL)].flat()), tokenText)
      .map(([w, rest]) => (w.toUpperCase() + rest).slice(0, 40));
    fc.assert(
      fc.property(fc.oneof(starts, tokenText), fc.constantFrom(...langs), (text, lang) => {
        for (const byLang of [ACTIVITY, BUSINESS_AS_USUAL]) {
          assert.equal(startsWithWordOrLang(text, byLang[lang], byLang), plain(text, byLang, lang));
          assert.equal(startsWithWordOrLang(text, ['keep'], null), startsWithWord(text, ['keep']));
        }
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
  });
  it('duplicate-id compares IDs as lower-casing both does', () => {
    // IDs as written, their case changed, and letters whose lower case is special (İ grows, ς / σ,
    // the Kelvin sign, full-width letters, astral capitals).
    const odd = ['İ', 'i̇', 'Σ', 'σ', 'ς', 'K', 'k', 'Ａ', 'ａ', '𐐀', '𐐨', 'ß', 'ẞ', '@', '[', '`', '{'];
    const id = fc
      .array(fc.oneof(fc.constantFrom('O', 'o', 'KR', 'kr', 'Kr', '1', '2', '10', '.', '-', ...odd), fc.string()), {
        maxLength: 4,
      })
      .map((parts) => parts.join(''));
    const pairs = [
      ['@', '`'],
      ['[', '{'],
      ['O1', 'o1'],
      ['KR1', 'kr2'],
      ['İ', 'i̇'],
      ['KR1', 'kr1'],
      ['KR1x', 'KR1'],
    ];
    for (const [a, b] of pairs) assert.equal(sameId(a, b), a.toLowerCase() === b.toLowerCase(), `${a} / ${b}`);
    fc.assert(
      fc.property(id, id, (a, b) => {
        assert.equal(sameId(a, b), a.toLowerCase() === b.toLowerCase(), `${a} / ${b}`);
        assert.equal(sameId(a, a.toUpperCase()), a.toLowerCase() === a.toUpperCase().toLowerCase());
      }),
      { numRuns: RUNS * 5, seed: 20261124 },
    );
  });
});
