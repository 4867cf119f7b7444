// Hostile input at the edges: each case gets a finding (or a clean parse) within a time bound.
// Bounds are generous so a loaded CI machine does not flake; the measured time is printed.
import { strict as assert } from 'node:assert';
import { checkDocument, parseOkr, type Finding, type OkrDocument } from '../../server/src/core/index';
import { lineNesting, MAX_NESTING, nestingProblem } from '../../server/src/core/parse/guard';
import { SectionParser } from '../../server/src/core/parse/sections';
import { assertJsonContract, assertModelRanges, TODAY } from './invariants';

function timed<T>(label: string, fn: () => T, boundMs: number): T {
  const t0 = performance.now();
  const out = fn();
  const ms = performance.now() - t0;
  console.log(`      ${label}: ${ms.toFixed(0)} ms (bound ${boundMs} ms)`);
  assert.ok(ms < boundMs, `${label} took ${ms.toFixed(0)} ms`);
  return out;
}

function parseAndCheck(text: string, opts: { maxSize?: number } = {}): { doc: OkrDocument; findings: Finding[] } {
  const doc = parseOkr(text, 'file:///ws/edge.okr.md', 1, opts);
  assertModelRanges(doc);
  assertJsonContract(doc);
  return { doc, findings: checkDocument(doc, { today: TODAY }) };
}

const body = '\n## O1: Ship it\n- KR1: Ship 3 features\n';

describe('bad input at the edges', function () {
  this.timeout(60_000);

  describe('hostile YAML front matter', () => {
    it('an alias bomb gives a front-matter finding, fast', () => {
      const bomb = [
        'a: &a ["x","x","x","x","x","x","x","x","x"]',
        'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
        'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
        'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
        'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
        'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
        'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
        'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
        'owner: [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
      ].join('\n');
      const { doc, findings } = timed('alias bomb', () => parseAndCheck(`---\n${bomb}\n---\n${body}`), 2000);
      assert.ok(findings.some((f) => f.rule === 'front-matter-invalid'));
      assert.equal(doc.objectives.length, 1, 'the body is still read');
    });

    it('a huge key gives a finding, fast', () => {
      const { findings } = timed(
        'huge key',
        () => parseAndCheck(`---\n${'k'.repeat(100_000)}: 1\nowner: An\n---\n${body}`),
        2000,
      );
      assert.ok(findings.some((f) => f.rule === 'front-matter-invalid'));
    });

    it('a key longer than YAML allows (1,024) gives a finding, a shorter one is read', () => {
      const { doc, findings } = timed(
        'long key',
        () => parseAndCheck(`---\n${'k'.repeat(10_000)}: 1\nowner: An\n---\n${body}`),
        2000,
      );
      assert.ok(findings.some((f) => f.rule === 'front-matter-invalid'));
      assert.equal(doc.objectives.length, 1);
      assert.equal(parseAndCheck(`---\n${'k'.repeat(1000)}: 1\nowner: An\n---\n${body}`).doc.owner, 'An');
    });

    it('deeply nested flow collections give a finding, fast', () => {
      const deep = `owner: ${'['.repeat(2_000)}${']'.repeat(2_000)}`;
      const { findings } = timed('nested flow', () => parseAndCheck(`---\n${deep}\n---\n${body}`), 2000);
      assert.ok(findings.some((f) => f.rule === 'front-matter-invalid'));
      const unbalanced = `owner: ${'{a: ['.repeat(2_000)}`;
      const r = timed('unbalanced flow', () => parseAndCheck(`---\n${unbalanced}\n---\n${body}`), 2000);
      assert.ok(r.findings.some((f) => f.rule === 'front-matter-invalid'));
    });

    it('front matter that never closes, or closes twice, still parses', () => {
      for (const text of ['---\nowner: An\n## O1: X\n- KR1: 3 things\n', '---\n---\n---\n' + body, '---' + body]) {
        const { doc } = parseAndCheck(text);
        assert.ok(doc.lineCount > 0);
      }
    });
  });

  it('a binary file named *.okr.md is skipped with one finding', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const { doc, findings } = timed('binary', () => parseAndCheck(text), 2000);
    assert.equal(doc.skipped?.reason, 'binary');
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['file-skipped'],
    );
  });

  it('a 20 MB file gets one clear finding naming okr.maxFileSize, fast', () => {
    const line = '- KR1: Ship 3 features to 1,000 customers by 2026-12-31\n';
    const text = `## O1: Big\n${line.repeat(Math.ceil((20 * 1024 * 1024) / line.length))}`;
    const { doc, findings } = timed('20 MB', () => parseAndCheck(text), 2000);
    assert.equal(doc.skipped?.reason, 'too-large');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].rule, 'file-skipped');
    assert.match(findings[0].message, /okr\.maxFileSize/);
    // The setting raises or lowers the limit.
    const small = parseOkr('## O1: X\n- KR1: 3 things\n'.repeat(100), 'file:///ws/a.okr.md', 1, { maxSize: 1024 });
    assert.equal(small.skipped?.reason, 'too-large');
  });

  it('lines of 200,000 characters parse in bounded time', () => {
    const long = 'Grow revenue 12% '.repeat(12_000).slice(0, 200_000);
    const text = `## O1: ${long}\n- KR1: ${long}\n  - 2026-11-01: ${long}\n\n${long}\n`;
    const { doc } = timed('200,000-character lines', () => parseAndCheck(text), 20_000);
    assert.equal(doc.objectives.length, 1);
    assert.equal(doc.objectives[0].keyResults.length, 1);
  });

  it('an objective title with 25,000 numbers is checked in bounded time (objective-has-metric offers no fix)', () => {
    const title = `Grow ${'word 12 '.repeat(25_000)}`;
    const { findings } = timed(
      '25,000 numbers in a title',
      () => parseAndCheck(`## O1: ${title}\n- KR1: Sign 3 deals\n- KR2: Sign 4 deals\n`),
      3000,
    );
    const metric = findings.find((f) => f.rule === 'objective-has-metric');
    assert.ok(metric, 'the metric is still reported');
    assert.ok(metric.message.length < 1000, 'the message lists a handful of numbers, not all');
    assert.equal(metric.fixes?.length ?? 0, 0);
  });

  it('a line of 200,000 link or emphasis markers is skipped with a finding, fast', () => {
    for (const unit of ['*a', '[a](', '`a', '[']) {
      const text = `## O1: X\n- KR1: 3 things\n${unit.repeat(Math.ceil(200_000 / unit.length))}\n`;
      const { doc, findings } = timed(`200,000 × ${unit}`, () => parseAndCheck(text), 2000);
      assert.equal(doc.skipped?.reason, 'too-deep');
      assert.deepEqual(
        findings.map((f) => f.rule),
        ['file-skipped'],
      );
    }
  });

  it('1,000 nested list levels are skipped with a finding, fast', () => {
    const text = `## O1: X\n${Array.from({ length: 1000 }, (_, d) => `${'  '.repeat(d)}- KR${d}: ${d} things`).join('\n')}\n`;
    const { doc, findings } = timed('1,000 nested lists', () => parseAndCheck(text), 2000);
    assert.equal(doc.skipped?.reason, 'too-deep');
    assert.match(findings[0].message, /16/);
  });

  it('1,000 nested block quotes are skipped with a finding, fast', () => {
    for (const text of [
      Array.from({ length: 1000 }, (_, d) => `${'>'.repeat(d)} x`).join('\n'),
      `${'> '.repeat(1000)}x`,
      `${'- '.repeat(1000)}x`,
    ]) {
      const { doc } = timed('1,000 nested quotes', () => parseAndCheck(text), 2000);
      assert.equal(doc.skipped?.reason, 'too-deep');
    }
  });

  it('ordinary nesting is never skipped', () => {
    assert.equal(lineNesting('    - 2026-11-01: 50%', 0, 21), 2);
    assert.equal(lineNesting('> > - x', 0, 7), 3);
    assert.equal(nestingProblem(`${'> '.repeat(MAX_NESTING)}x`), null);
    assert.notEqual(nestingProblem(`${'> '.repeat(MAX_NESTING + 1)}x`), null);
    // Eight levels of list under a heading, repeated: an extreme but honest outline.
    const outline = Array.from({ length: 8 }, (_, d) => `${'  '.repeat(d)}- level ${d}`).join('\n');
    const { doc } = parseAndCheck(`## O1: Outline\n${`${outline}\n\n`.repeat(20)}`);
    assert.equal(doc.skipped, null);
  });

  it('NUL characters make the file binary; lone surrogates parse with ranges intact', () => {
    assert.equal(parseAndCheck(`## O1: X\u0000\n- KR1: 3 things\n`).doc.skipped?.reason, 'binary');
    const { doc, findings } = parseAndCheck('## O1: Grow \ud800 revenue\n- KR1: \udfff 3 \udc00\ud800 things\n');
    assert.equal(doc.skipped, null);
    assert.equal(doc.objectives[0].keyResults.length, 1);
    for (const f of findings) assert.ok(f.message.length > 0);
  });

  it('10,000 objectives parse and check in bounded time (the server parses by section)', () => {
    const make = (n: number) =>
      Array.from(
        { length: n },
        (_, i) =>
          `## O${i + 1}: Objective ${i + 1}\n\n- KR1: Ship ${i + 1} features\n  - 2026-11-01: ${i} · confidence 7/10\n`,
      ).join('\n');
    const text = make(10_000);
    const doc = timed(
      '10,000 objectives, section parse',
      () => parseOkr(text, 'file:///ws/big.okr.md', 1, { markdown: new SectionParser().parseMarkdown }),
      20_000,
    );
    assert.equal(doc.objectives.length, 10_000);
    assertModelRanges(doc);
    const findings = timed('10,000 objectives, all rules', () => checkDocument(doc, { today: TODAY }), 20_000);
    assert.ok(Array.isArray(findings));
    // A whole-document remark parse grows faster than linearly (micromark's event splicing); 1,000 stay quick.
    const small = timed('1,000 objectives, whole parse', () => parseAndCheck(make(1_000)), 20_000);
    assert.equal(small.doc.objectives.length, 1_000);
  });
});
