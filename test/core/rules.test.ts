import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  applyEdits,
  checkDocument,
  fixAllEdits,
  parseOkr,
  ruleById,
  WorkspaceIndex,
  type Finding,
  type OkrDocument,
} from '../../server/src/core/index';
import { assertGolden } from '../helpers';

const TODAY = '2026-11-23';
const fixturesDir = path.join(__dirname, '..', 'fixtures', 'rules');
const samplesDir = path.join(__dirname, '..', '..', 'samples');

function okrFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...okrFiles(p));
    else if (name.endsWith('.okr.md') && !name.endsWith('.fixed.okr.md')) out.push(p);
  }
  return out.sort();
}

function indexOf(dir: string, files: string[]): { index: WorkspaceIndex; docs: Map<string, OkrDocument> } {
  const index = new WorkspaceIndex([pathToFileURL(dir).toString()]);
  const docs = new Map<string, OkrDocument>();
  for (const f of files) {
    const doc = parseOkr(readFileSync(f, 'utf8'), pathToFileURL(f).toString());
    index.set(doc);
    docs.set(f, doc);
  }
  return { index, docs };
}

const label = (f: Finding) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule}`;

function countByRule(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(f.rule, (m.get(f.rule) ?? 0) + 1);
  return m;
}

describe('rule fixtures (test/fixtures/rules/<rule>/*.okr.md)', () => {
  for (const rule of readdirSync(fixturesDir).filter((d) => statSync(path.join(fixturesDir, d)).isDirectory())) {
    describe(rule, () => {
      const dir = path.join(fixturesDir, rule);
      const files = okrFiles(dir);
      it('is a registered rule', () => assert.ok(ruleById.has(rule), `no rule ${rule}`));
      for (const file of files) {
        const name = path.basename(file);
        const base = file.replace(/\.okr\.md$/, '');
        it(`${name}: findings match ${path.basename(base)}.expected.json`, () => {
          const { index, docs } = indexOf(dir, files);
          const found = checkDocument(docs.get(file)!, { index, today: TODAY });
          assertGolden(`${base}.expected.json`, found.filter((f) => f.rule === rule).map(label));
        });
        it(`${name}: fixing every ${rule} finding gives ${path.basename(base)}.fixed.okr.md (or no fix and no golden) and leaves nothing new`, () => {
          const { index, docs } = indexOf(dir, files);
          const doc = docs.get(file)!;
          const before = checkDocument(doc, { index, today: TODAY });
          const edits = fixAllEdits(before, { rule });
          const goldenPath = `${base}.fixed.okr.md`;
          if (edits.length === 0) {
            // Nothing to fix in this fixture (a rule without a fix, or only near-misses): no golden may claim one.
            assert.ok(!existsSync(goldenPath), `${goldenPath} exists but no fix applies`);
            return;
          }
          const fixed = applyEdits(doc.text, edits);
          if (process.env.UPDATE_FIXTURES === '1' || !existsSync(goldenPath)) writeFileSync(goldenPath, fixed);
          assert.equal(fixed, readFileSync(goldenPath, 'utf8'), `differs from ${goldenPath}`);
          // Line endings are kept: no lone LF in a CRLF file.
          if (doc.eol === '\r\n') assert.ok(!/[^\r]\n/.test(fixed), 'mixed line endings after the fix');
          // A fix that leaves a placeholder to fill: type a value where the cursor goes.
          let final = fixed;
          const selects = before
            .filter((f) => f.rule === rule)
            .flatMap((f) => f.fixes?.find((x) => x.isPreferred)?.select ?? []);
          if (selects.length)
            final = applyEdits(
              fixed,
              selects.map((range) => ({ range, newText: '42' })),
            );
          const afterDoc = parseOkr(final, doc.uri);
          index.set(afterDoc);
          const after = checkDocument(afterDoc, { index, today: TODAY });
          // Every finding that had a fix is gone; the others (no safe fix exists) stay.
          const unfixable = before.filter(
            (f) => f.rule === rule && !f.fixes?.some((x) => x.isPreferred && x.edits.length),
          );
          assert.equal(after.filter((f) => f.rule === rule).length, unfixable.length, 'a fixed finding is still there');
          const was = countByRule(before);
          for (const [r, n] of countByRule(after)) {
            assert.ok(
              n <= (was.get(r) ?? 0),
              `the fix added a ${r} finding: ${after.filter((f) => f.rule === r).map(label)}`,
            );
          }
        });
      }
    });
  }
});

describe('samples/ produce exactly the deliberate findings of samples/README.md', () => {
  it('with today = 2026-11-23 and an index of all samples', () => {
    const files = okrFiles(samplesDir);
    const { index, docs } = indexOf(samplesDir, files);
    const actual: string[] = [];
    for (const [file, doc] of docs) {
      const rel = path.relative(samplesDir, file).split(path.sep).join('/');
      for (const f of checkDocument(doc, { index, today: TODAY }))
        actual.push(`${rel}:${f.range.start.line + 1} ${f.rule}`);
    }
    // The table under "Deliberate problems": | `file:line` | `rule` | why |
    const readme = readFileSync(path.join(samplesDir, 'README.md'), 'utf8');
    const expected = [...readme.matchAll(/^\| `([^`]+:\d+)` \| `([a-z-]+)` \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    assert.ok(expected.length >= 10, 'the README table was not found');
    assert.deepEqual(actual.sort(), expected.sort());
  });
});

describe('alternative fixes', () => {
  it('kr-no-deadline also offers the end of the current quarter on the key result itself', () => {
    const file = path.join(fixturesDir, 'kr-no-deadline', 'vi-no-front-matter.okr.md');
    const doc = parseOkr(readFileSync(file, 'utf8'), pathToFileURL(file).toString());
    const f = checkDocument(doc, { today: TODAY }).find((x) => x.rule === 'kr-no-deadline')!;
    const alt = f.fixes!.find((x) => !x.isPreferred)!;
    const fixed = applyEdits(doc.text, alt.edits);
    assert.match(fixed, /- KR1: Khách hàng mới từ 40 lên 90 trước ngày 31\/12\/2026\n/);
    assert.ok(!checkDocument(parseOkr(fixed), { today: TODAY }).some((x) => x.rule === 'kr-no-deadline'));
  });
  it('alignment-broken offers up to three targets, the closest first', () => {
    const dir = path.join(fixturesDir, 'alignment-broken');
    const files = okrFiles(dir);
    const { index, docs } = indexOf(dir, files);
    const team = docs.get(path.join(dir, 'team.okr.md'))!;
    const f = checkDocument(team, { index, today: TODAY }).find((x) => x.rule === 'alignment-broken')!;
    assert.ok(f.fixes!.length >= 2 && f.fixes!.length <= 3);
    assert.deepEqual(f.fixes!.map((x) => x.edits[0].newText)[0], 'company.okr.md#o1');
    assert.equal(f.fixes!.filter((x) => x.isPreferred).length, 1);
  });
});
