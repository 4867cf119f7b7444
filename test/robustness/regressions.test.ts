// One test per problem the fuzzer or the edge cases found, with the smallest input that showed it.
import { strict as assert } from 'node:assert';
import { checkDocument, LineIndex, parseOkr } from '../../server/src/core/index';
import { assertFixesSound, assertModelRanges, TODAY } from './invariants';
import { WorkspaceIndex } from '../../server/src/core/index';

describe('robustness regressions', () => {
  it('kr-no-deadline offers no text fix for a key result without text of its own (`- - x`)', () => {
    // The deadline was appended to the line, which belongs to the nested item: the finding came back.
    const doc = parseOkr('## O1: Ship\n\n- - 3 things\n', 'file:///ws/a.okr.md', 1);
    assertModelRanges(doc);
    const index = new WorkspaceIndex(['file:///ws']);
    index.set(doc);
    const findings = checkDocument(doc, { index, today: TODAY });
    assertFixesSound(doc, findings, index);
    const f = findings.find((x) => x.rule === 'kr-no-deadline');
    if (f) assert.ok(!(f.fixes ?? []).some((x) => x.edits.some((e) => e.range.start.line === 2)));
  });

  it('deep nesting no longer hangs remark: 1,000 nested items are skipped in milliseconds', () => {
    const text = Array.from({ length: 1000 }, (_, d) => `${'  '.repeat(d)}- x`).join('\n');
    const t0 = performance.now();
    const doc = parseOkr(text);
    assert.equal(doc.skipped?.reason, 'too-deep');
    assert.ok(performance.now() - t0 < 2000);
  });

  it('a run of `*a` or `[a](` markers no longer takes remark seconds', () => {
    for (const unit of ['*a', '[a](']) {
      const t0 = performance.now();
      assert.equal(parseOkr(unit.repeat(20_000)).skipped?.reason, 'too-deep');
      assert.ok(performance.now() - t0 < 2000);
    }
  });

  it('front matter with 2,000 unclosed flow collections gives a finding at once (the YAML reader took seconds)', () => {
    const t0 = performance.now();
    const doc = parseOkr(`---\nowner: ${'{a: ['.repeat(2000)}\n---\n## O1: X\n- KR1: 3 things\n`);
    assert.ok(performance.now() - t0 < 2000);
    assert.equal(doc.frontMatter?.problems[0]?.kind, 'yaml');
    assert.equal(doc.objectives.length, 1);
  });

  it('front matter with old Mac line endings (lone \\r) is read line by line', () => {
    // The YAML reader took a `#` line as a comment up to the end of the block: `period` was never read,
    // so adding `period:` (kr-no-deadline's fix) could not help.
    const doc = parseOkr('---\r# note\rowner: An\rperiod: 2026-Q4\r---\r\r## O1: Grow\r- KR1: 3 things\r');
    assert.equal(doc.owner, 'An');
    assert.equal(doc.period?.start, '2026-10-01');
    assertModelRanges(doc);
  });

  it('a YAML error ending between \\r and \\n gets a range inside its line', () => {
    // The reader's error position fell inside a CRLF: the range said character 16 on a 15-character line.
    const text =
      '---\r[\n  - [\n  -   - [\n  -   -   - [\n\nowner: Ops\r\nlevel: company\r\nperiod: 2026-Q4\r\n---\r\n\r\n## O1: X';
    const doc = parseOkr(text);
    assert.ok((doc.frontMatter?.problems.length ?? 0) > 0);
    assertModelRanges(doc);
    const lines = new LineIndex('a\r\nb');
    assert.deepEqual(lines.positionAt(2), { line: 0, character: 1 });
  });

  it('a link or parent with a lone surrogate does not throw (URIError) when indexed', () => {
    // WorkspaceIndex.set threw "URI malformed", taking every feature of the document down with it.
    const doc = parseOkr(
      '---\nparent: ../depar\udbaaments/x.okr.md\n---\n## O1: X\nAligns to: [a](../x\ud800.okr.md)\n- KR1: 3 things\n',
      'file:///ws/people/a.okr.md',
    );
    const index = new WorkspaceIndex(['file:///ws']);
    index.set(doc);
    assert.equal(index.resolve(doc.uri, '../x\udc00.okr.md').status, 'no-file');
    const broken = checkDocument(doc, { index, today: TODAY }).filter((f) => f.rule === 'alignment-broken');
    assert.ok(broken.length >= 1);
  });

  it('kr-no-deadline offers no text fix when the line ends inside an unclosed code span', () => {
    // The deadline was appended inside the code span (closed on the next line), so it was never read.
    const doc = parseOkr('## O1: Ship\n\n- KR1: Ship 3 `tools\n  and` more\n', 'file:///ws/a.okr.md', 1);
    const index = new WorkspaceIndex(['file:///ws']);
    index.set(doc);
    const findings = checkDocument(doc, { index, today: TODAY });
    assertFixesSound(doc, findings, index);
    const f = findings.find((x) => x.rule === 'kr-no-deadline');
    if (f) assert.ok(!(f.fixes ?? []).some((x) => x.edits.some((e) => e.range.start.line === 2)));
  });
});
