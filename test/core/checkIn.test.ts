import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, checkInEdit, checkInLine, type CheckInInput } from '../../server/src/core/checkIn';
import { parseOkr } from '../../server/src/core/index';

const dir = path.join(__dirname, '..', 'fixtures', 'checkin');

/** Byte-exact comparison with a golden file (UPDATE_FIXTURES=1 rewrites it). */
function assertGoldenText(file: string, actual: string): void {
  if (process.env.UPDATE_FIXTURES === '1' || !existsSync(file)) {
    if (process.env.CI && !existsSync(file)) assert.fail(`missing expectation file ${file}`);
    writeFileSync(file, actual);
    return;
  }
  assert.equal(actual, readFileSync(file, 'utf8'), `differs from ${file}`);
}

interface Case {
  name: string;
  file: string;
  input: Omit<CheckInInput, 'date'> & { date?: string };
}

const cases: Case[] = [
  // After the last check-in and the note nested under it, before the source line.
  {
    name: 'after-last',
    file: 'spaces.okr.md',
    input: { objectiveId: 'O1', krId: 'KR1', value: '64%', confidence: 8, note: 'second\nline joined' },
  },
  // No check-in yet: the first nested item, before the source line.
  { name: 'first-nested', file: 'spaces.okr.md', input: { objectiveId: 'o1', krId: 'kr2', value: '2.4' } },
  { name: 'binary-toggle', file: 'spaces.okr.md', input: { objectiveId: 'O1', krId: 'KR3', value: '' } },
  // A numbered key result without nested items; the check-in is a bullet, indented under the number.
  { name: 'numbered', file: 'spaces.okr.md', input: { objectiveId: 'O2', krId: 'KR1', value: '84%', confidence: 6 } },
  { name: 'crlf', file: 'crlf.okr.md', input: { objectiveId: 'O1', krId: 'KR1', value: '3,2 tỷ', confidence: 7 } },
  { name: 'crlf-first', file: 'crlf.okr.md', input: { objectiveId: 'O1', krId: 'KR2', value: '66%', note: 'ổn' } },
  { name: 'crlf-binary', file: 'crlf.okr.md', input: { objectiveId: 'O1', krId: 'KR3', value: '' } },
  { name: 'tabs', file: 'tabs.okr.md', input: { objectiveId: 'O1', krId: 'KR1', value: '34万元', confidence: 6 } },
  { name: 'tabs-first', file: 'tabs.okr.md', input: { objectiveId: 'O1', krId: 'KR2', value: '4/6', confidence: 7 } },
  // The last line of the file has no line break.
  { name: 'tabs-eof', file: 'tabs.okr.md', input: { objectiveId: 'O1', krId: 'KR3', value: '11%', note: '差旅' } },
];

describe('check-in edits (test/fixtures/checkin)', () => {
  for (const c of cases) {
    const golden = c.file.replace(/\.okr\.md$/, `.${c.name}.expected.md`);
    it(`${c.file} ${c.input.objectiveId}.${c.input.krId} matches ${golden}`, () => {
      const text = readFileSync(path.join(dir, c.file), 'utf8');
      const doc = parseOkr(text, `file:///fixtures/${c.file}`);
      const r = checkInEdit(doc, { date: '2026-11-23', ...c.input });
      assert.ok(r.ok, JSON.stringify(r));
      // One edit: a single undo restores the file.
      assert.equal(r.edits.length, 1);
      const after = applyEdits(text, r.edits);
      assertGoldenText(path.join(dir, golden), after);
      // Nothing of the original text is lost, and the line ending style is kept.
      if (doc.eol === '\r\n') assert.ok(!/[^\r]\n/.test(after), 'a bare LF slipped in');
      const reparsed = parseOkr(after);
      const kr = reparsed.objectives
        .find((o) => o.id.toLowerCase() === c.input.objectiveId.toLowerCase())!
        .keyResults.find((k) => k.id.toLowerCase() === c.input.krId.toLowerCase())!;
      const before = doc.objectives
        .find((o) => o.id.toLowerCase() === c.input.objectiveId.toLowerCase())!
        .keyResults.find((k) => k.id.toLowerCase() === c.input.krId.toLowerCase())!;
      if (r.toggled) {
        assert.equal(kr.checked, !before.checked);
      } else {
        // The new check-in is read back as the latest one, with its confidence.
        assert.equal(kr.checkIns.length, before.checkIns.length + 1);
        const added = kr.checkIns.find((ci) => ci.date === '2026-11-23')!;
        assert.ok(added, 'the new check-in is read back');
        assert.equal(added.problem, null);
        assert.equal(added.confidence, c.input.confidence ?? null);
        assert.equal(kr.evidence.length, before.evidence.length, 'evidence lines stay with the KR');
      }
      // Every other objective and KR is untouched.
      assert.equal(reparsed.objectives.length, doc.objectives.length);
      assert.deepEqual(
        reparsed.objectives.map((o) => o.keyResults.map((k) => k.title)),
        doc.objectives.map((o) => o.keyResults.map((k) => k.title)),
      );
    });
  }

  it('refuses what would not read back, and unknown key results', () => {
    const doc = parseOkr(readFileSync(path.join(dir, 'spaces.okr.md'), 'utf8'));
    const base = { objectiveId: 'O1', krId: 'KR1', date: '2026-11-23' };
    assert.deepEqual(checkInEdit(doc, { ...base, value: '   ' }), { ok: false, error: 'empty-value' });
    assert.deepEqual(checkInEdit(doc, { ...base, value: 'soon' }), { ok: false, error: 'unreadable-value' });
    assert.deepEqual(checkInEdit(doc, { ...base, value: '60%', date: '2026-13-01' }), { ok: false, error: 'bad-date' });
    assert.deepEqual(checkInEdit(doc, { ...base, value: '60%', confidence: 11 }), {
      ok: false,
      error: 'bad-confidence',
    });
    assert.deepEqual(checkInEdit(doc, { ...base, krId: 'KR9', value: '60%' }), { ok: false, error: 'not-found' });
  });

  it('on every key result of the samples and the parse fixtures: one insertion, read back as the latest check-in', () => {
    const root = path.join(__dirname, '..', '..');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const f = path.join(d, e.name);
        if (e.isDirectory()) walk(f);
        else if (e.name.endsWith('.okr.md')) files.push(f);
      }
    };
    walk(path.join(root, 'samples'));
    for (const d of ['parse', 'checkin', 'progress']) walk(path.join(root, 'test', 'fixtures', d));
    let checked = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      // Large robustness fixtures re-parse once per key result: the small files cover the shapes.
      if (text.length > 20_000) continue;
      const doc = parseOkr(text);
      doc.objectives.forEach((o, oi) =>
        o.keyResults.forEach((kr, ki) => {
          // IDs can repeat (owner sections, duplicate-id fixtures): only the first match is addressable.
          const first = doc.objectives.find((x) => x.id === o.id)!.keyResults.find((k) => k.id === kr.id);
          if (first !== kr) return;
          const value = kr.target !== null && !kr.binary ? '50%' : '1';
          const r = checkInEdit(doc, { objectiveId: o.id, krId: kr.id, value, date: '2099-01-01', confidence: 5 });
          if (!r.ok) {
            assert.ok(r.error === 'unreadable-value' && kr.target === null, `${file} ${o.id}.${kr.id}: ${r.error}`);
            return;
          }
          const after = applyEdits(text, r.edits);
          const e = r.edits[0];
          if (!r.toggled) {
            // Pure insertion: removing the inserted text gives the original back.
            assert.deepEqual(e.range.start, e.range.end);
            const lines = after.split(/\r\n|\n|\r/);
            assert.ok(lines.some((l) => l.includes('2099-01-01: 50%') || l.includes('2099-01-01: 1')));
            assert.equal(after.replace(e.newText, ''), text, `${file} ${o.id}.${kr.id}`);
          }
          const again = parseOkr(after).objectives[oi]?.keyResults[ki];
          assert.ok(again, `${file} ${o.id}.${kr.id} still there`);
          if (r.toggled) assert.equal(again.checked, !kr.checked);
          else {
            assert.equal(again.checkIns.length, kr.checkIns.length + 1, `${file} ${o.id}.${kr.id}`);
            assert.equal(again.confidence, 5, `${file} ${o.id}.${kr.id}`);
          }
          checked++;
        }),
      );
    }
    assert.ok(checked > 50, String(checked));
  });

  it('writes the confidence word of the file language', () => {
    assert.equal(checkInLine('en', '2026-11-23', '4/6', 7, 'ok'), '2026-11-23: 4/6 · confidence 7/10 · ok');
    assert.equal(checkInLine('vi', '2026-11-23', '3,2 tỷ', 7.5), '2026-11-23: 3,2 tỷ · độ tin cậy 7,5/10');
    assert.equal(checkInLine('zh', '2026-11-23', '34万元', 6), '2026-11-23: 34万元 · 信心 6/10');
  });
});
