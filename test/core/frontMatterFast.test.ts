// The fast reader of simple front matter must give exactly what the YAML library gives, or step aside.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { simpleMapping, type MappingPair } from '../../server/src/core/parse/frontMatter';

/** What readFrontMatter takes from the library: the mapping and where each value is. */
function library(yaml: string): { data: unknown; pairs: MappingPair[] } | null {
  const doc = parseDocument(yaml, { uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length > 0) return null;
  const contents = doc.contents as {
    items?: { key?: { value?: unknown; range?: number[] }; value?: { range?: number[] } }[];
  };
  const pairs: MappingPair[] = [];
  for (const pair of contents?.items ?? []) {
    const key = String(pair.key?.value ?? '');
    const r = pair.value?.range ?? pair.key?.range;
    if (key && r) pairs.push({ key, start: r[0], end: Math.max(r[1], r[0]) });
  }
  return { data: doc.toJS(), pairs };
}

/** True when the fast reader took the text (and then agreed with the library). */
function agrees(yaml: string): boolean {
  const fast = simpleMapping(yaml);
  if (!fast) return false;
  assert.deepEqual(fast, library(yaml), JSON.stringify(yaml));
  // Same key order, same types: JSON says it byte for byte.
  assert.equal(JSON.stringify(fast.data), JSON.stringify(library(yaml)?.data));
  return true;
}

/** Ordinary value text, so that many random lines are simple enough for the fast reader. */
const WORDS = [
  'a',
  'Sales',
  ' ',
  'Nguyễn Văn An',
  '销售部',
  'c.okr.md',
  '2026-Q4',
  '2026',
  '-',
  '.',
  '1',
  '/',
  '(',
  "'",
  '%',
  'ſ',
  'İ',
  'e\u0301',
];

const PIECES = [
  'owner',
  'level',
  'period',
  'parent',
  'lang',
  'rules',
  'x-y',
  'a1',
  ': ',
  ':',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '#',
  ' #',
  '"',
  "'",
  '-',
  '- ',
  '?',
  ',',
  '[',
  ']',
  '{',
  '}',
  '&a',
  '*a',
  '!',
  '|',
  '>',
  '%',
  '@',
  '`',
  '~',
  'null',
  'Null',
  'true',
  'False',
  'yes',
  'no',
  'on',
  '2026',
  '2026-Q4',
  '2026-10-01',
  '07',
  '0o17',
  '0x1F',
  '1e3',
  '.5',
  '+1',
  '-1.5',
  '.inf',
  '.NaN',
  'Nguyễn Văn An',
  '销售部',
  'company.okr.md',
  '../company.okr.md#o1',
  'https://x.example/a',
  '\u00a0',
  '\u0085',
  '\u2028',
  '\ufeff',
  '\ud83d\ude00',
  '\ud800',
  '---',
  '...',
  'a'.repeat(70),
];

describe('simple front matter reader', () => {
  it('reads the usual front matter itself', () => {
    const yaml = 'owner: Nguyễn Văn An\nlevel: individual\nperiod: 2026-Q4\nparent: company.okr.md\nlang: vi\n';
    const fast = simpleMapping(yaml);
    assert.ok(fast);
    assert.deepEqual(fast.data, {
      owner: 'Nguyễn Văn An',
      level: 'individual',
      period: '2026-Q4',
      parent: 'company.okr.md',
      lang: 'vi',
    });
    agrees(yaml);
    agrees(yaml.replace(/\n/g, '\r\n'));
    agrees('owner:   Sales team   \n\nperiod: 2026-Q4');
  });

  it('leaves to the library what YAML reads otherwise', () => {
    for (const yaml of [
      'period: 2026',
      'owner: "Sales"',
      'owner: Sales # team',
      'rules:\n  kr-count: off',
      'owner: [a, b]',
      'owner: a\nowner: b',
      'owner:',
      'owner: true',
      'owner: ~',
      ' owner: a',
      'owner:\ta',
      'owner: a:b',
      '',
      '\n',
    ]) {
      assert.equal(simpleMapping(yaml), null, JSON.stringify(yaml));
    }
  });

  it('agrees with the YAML library on random lines', () => {
    const piece = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
      { weight: 1, arbitrary: fc.constantFrom(...PIECES) },
    );
    const line = fc
      .array(piece, { minLength: 1, maxLength: 6 })
      .map((parts) => parts.join(''))
      .chain((value) =>
        fc.tuple(fc.constantFrom('owner', 'level', 'period', 'x', 'a-b', 'null', 'True', '1', 'K'), fc.constant(value)),
      )
      .map(([key, value]) => `${key}: ${value}`);
    const text = fc
      .tuple(
        fc.array(fc.oneof({ weight: 6, arbitrary: line }, { weight: 1, arbitrary: fc.constantFrom(...PIECES) }), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.boolean(),
      )
      .map(([lines, crlf]) => lines.join(crlf ? '\r\n' : '\n'));
    let taken = 0;
    fc.assert(
      fc.property(text, (yaml) => {
        if (agrees(yaml)) taken++;
      }),
      { numRuns: 5000, seed: 20261123 },
    );
    // Not a vacuous test: a good share of the cases went through the fast reader.
    assert.ok(taken > 250, `only ${taken} cases were simple`);
  });
});
