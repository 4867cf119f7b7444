import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseOkr } from '../../server/src/core/index';
import {
  assessKr,
  assessObjective,
  elapsedOf,
  formatNumber,
  formatValue,
  grade,
  gradeColor,
  gradeText,
  paceStatus,
  periodStats,
  progressBar,
  sparkline,
} from '../../server/src/core/progress';

const dir = path.join(__dirname, '..', 'fixtures', 'progress');
const load = (name: string) => parseOkr(readFileSync(path.join(dir, name), 'utf8'), `file:///fixtures/${name}`);
const TODAY = '2026-11-23';

describe('progress: pace status', () => {
  it('compares progress with goal × elapsed share', () => {
    // Half the period gone: an aspirational objective should be at 0.35, a committed one at 0.5.
    assert.equal(paceStatus(0.35, 0.7, 0.5), 'on-track');
    assert.equal(paceStatus(0.3, 0.7, 0.5), 'at-risk');
    assert.equal(paceStatus(0.245, 0.7, 0.5), 'at-risk');
    assert.equal(paceStatus(0.24, 0.7, 0.5), 'off-track');
    assert.equal(paceStatus(0.5, 1, 0.5), 'on-track');
    assert.equal(paceStatus(0.4, 1, 0.5), 'at-risk');
    assert.equal(paceStatus(0.3, 1, 0.5), 'off-track');
    // Nothing is expected on the first day; no period or no progress gives no status.
    assert.equal(paceStatus(0, 1, 0), 'on-track');
    assert.equal(paceStatus(0.5, 1, null), null);
    assert.equal(paceStatus(null, 1, 0.5), null);
  });

  it('uses the period of the file and the injected today', () => {
    const doc = load('mixed.okr.md');
    const elapsed = elapsedOf(doc.period, TODAY)!;
    assert.ok(Math.abs(elapsed - 54 / 92) < 1e-9, String(elapsed));
    assert.equal(elapsedOf(doc.period, '2026-09-01'), 0);
    assert.equal(elapsedOf(doc.period, '2027-02-01'), 1);
    assert.equal(elapsedOf(null, TODAY), null);
  });

  it('rolls up a committed objective (goal 1.0) with weights, percentages, fractions and binary KRs', () => {
    const doc = load('mixed.okr.md');
    const elapsed = elapsedOf(doc.period, TODAY);
    const o1 = doc.objectives[0];
    assert.equal(o1.type, 'committed');
    const a = assessObjective(o1, elapsed);
    assert.equal(a.goal, 1);
    assert.equal(a.progress, 0.6); // (3 × 0.6 + 1/3 + 1 + 2/3 + 1 + 0) / 8
    assert.equal(a.status, 'on-track');
    assert.equal(a.grade, 0.6);
    assert.equal(a.color, 'yellow');
    assert.deepEqual(a.counts, { 'on-track': 4, 'at-risk': 0, 'off-track': 2 });
    const [kr1, kr2, kr3, kr4, kr5, kr6] = o1.keyResults.map((k) => assessKr(k, o1, elapsed));
    assert.deepEqual([kr1.progress, kr1.status, kr1.grade], [0.6, 'on-track', 0.6]);
    // Decreasing target: churn 5% -> 2%, at 4%.
    assert.deepEqual([kr2.progress, kr2.status, kr2.color], [0.333333, 'off-track', 'red']);
    // Over-achieved: clamped to 1, the raw value stays.
    assert.deepEqual([kr3.progress, kr3.rawProgress, kr3.grade, kr3.color], [1, 1.2, 1, 'green']);
    // 4/6 where 6 is the target.
    assert.deepEqual([kr4.progress, kr4.grade, kr4.color], [0.666667, 0.7, 'green']);
    assert.deepEqual([kr5.progress, kr5.status], [1, 'on-track']);
    assert.deepEqual([kr6.progress, kr6.status], [0, 'off-track']);
  });

  it('holds an aspirational objective to 0.7', () => {
    const doc = load('mixed.okr.md');
    const elapsed = elapsedOf(doc.period, TODAY)!;
    const o2 = doc.objectives[1];
    const a = assessObjective(o2, elapsed);
    assert.equal(a.goal, 0.7);
    assert.ok(Math.abs(a.expected! - 0.7 * elapsed) < 1e-9);
    assert.equal(a.status, 'off-track'); // 0.283 < 0.7 × 0.411
    assert.equal(a.color, 'red');
    const [kr1, kr2, kr3] = o2.keyResults.map((k) => assessKr(k, o2, elapsed));
    assert.deepEqual([kr1.progress, kr1.status], [0.4, 'at-risk']); // 40% of the way
    assert.deepEqual([kr2.progress, kr2.status], [0.45, 'on-track']); // Progress: 45%
    assert.deepEqual([kr3.progress, kr3.status], [0, 'off-track']); // no check-in yet
  });

  it('reads Vietnamese decimal commas and scale words', () => {
    const doc = load('vi-decimals.okr.md');
    const o = doc.objectives[0];
    const elapsed = elapsedOf(doc.period, TODAY);
    const ps = o.keyResults.map((k) => assessKr(k, o, elapsed).progress);
    assert.deepEqual(ps, [0.5, 0.48, 0.5]);
    assert.equal(formatValue(o.keyResults[1].current, o.keyResults[1].unit, doc.lang), '3,38 tỷ đồng');
    assert.equal(formatValue(o.keyResults[2].target, o.keyResults[2].unit, doc.lang), '300 triệu đồng');
    assert.equal(formatValue(o.keyResults[2].start, o.keyResults[2].unit, doc.lang), '1.200 triệu đồng');
  });
});

describe('progress: grades', () => {
  it('rounds to one decimal and colours per Google grading', () => {
    const cases: [number, number, string][] = [
      [0, 0, 'red'],
      [0.34, 0.3, 'red'],
      [0.35, 0.4, 'yellow'],
      [0.64, 0.6, 'yellow'],
      [0.65, 0.7, 'green'],
      [1, 1, 'green'],
      [1.3, 1, 'green'],
    ];
    for (const [p, g, c] of cases) {
      assert.equal(grade(p), g, `grade(${p})`);
      assert.equal(gradeColor(grade(p)), c, `color(${p})`);
    }
    assert.equal(grade(null), null);
    assert.equal(gradeText(0.7), '0.7');
    assert.equal(gradeText(0.7, 'vi'), '0,7');
    assert.equal(gradeText(null), '—');
  });
});

describe('progress: statistics, bars and sparklines', () => {
  it('counts the share of KRs per band and check-ins per week', () => {
    const doc = load('mixed.okr.md');
    const s = periodStats([doc], TODAY);
    // Scored KRs: 0.6, 0.33, 1, 0.67, 1, 0, 0.4, 0.45, 0 -> low 2, middle 5, high 2.
    assert.equal(s.scored, 9);
    assert.ok(Math.abs(s.low - 2 / 9) < 1e-9);
    assert.ok(Math.abs(s.middle - 5 / 9) < 1e-9);
    assert.ok(Math.abs(s.high - 2 / 9) < 1e-9);
    // Dated check-ins from 2026-10-01 to today: 7, over 54 days.
    assert.equal(s.checkIns, 7);
    assert.equal(s.weeks, 7.71);
    assert.equal(s.checkInsPerWeek, 0.91);
  });

  it('gives no weekly rate without a period', () => {
    const s = periodStats([parseOkr('## O1: X\n\n- KR1: from 0 to 10\n  - 2026-11-01: 5\n')], TODAY);
    assert.equal(s.scored, 1);
    assert.equal(s.middle, 1);
    assert.equal(s.checkInsPerWeek, null);
  });

  it('draws bars and sparklines', () => {
    assert.equal(progressBar(0), '▱▱▱▱▱');
    assert.equal(progressBar(0.6), '▰▰▰▱▱');
    assert.equal(progressBar(1.4), '▰▰▰▰▰');
    assert.equal(progressBar(null), '▱▱▱▱▱');
    assert.equal(progressBar(0.5, 10), '▰▰▰▰▰▱▱▱▱▱');
    const doc = load('mixed.okr.md');
    assert.equal(sparkline(doc.objectives[0].keyResults[0]), '▂▅'); // 0.2, 0.6
    assert.equal(sparkline(doc.objectives[0].keyResults[2]), '█'); // 1.2 clamped
    assert.equal(sparkline(doc.objectives[0].keyResults[4]), ''); // binary, no check-ins
  });

  it('formats numbers in the file language', () => {
    assert.equal(formatNumber(1850, 'en'), '1,850');
    assert.equal(formatNumber(1850.5, 'vi'), '1.850,5');
    assert.equal(formatNumber(99.95, 'zh'), '99.95');
    assert.equal(formatNumber(-2.5, 'en'), '-2.5');
    assert.equal(formatValue(34, '万元', 'zh'), '34万元');
    assert.equal(formatValue(139800, '$', 'en'), '$139,800');
    assert.equal(formatValue(1.9, 's', 'en'), '1.9 s');
    assert.equal(formatValue(null, '%', 'en'), '—');
  });
});
