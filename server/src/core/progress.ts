// Pace, status, grades and statistics on top of the progress the parser computed. Pure:
// "today" is an argument, nothing here reads a clock, a file or an editor.
import type { KeyResult, Lang, Objective, OkrDocument, Period } from './model';
import { elapsedShare } from './period';

export type Status = 'on-track' | 'at-risk' | 'off-track';
export type GradeColor = 'red' | 'yellow' | 'green';

/** Progress a committed objective must reach by the end of the period. */
export const COMMITTED_GOAL = 1;
/** A good end-of-period result for an aspirational (stretch) objective. */
export const ASPIRATIONAL_GOAL = 0.7;
/** Below the expected progress but at least this share of it is "at risk"; lower is "off track". */
export const AT_RISK_FACTOR = 0.7;

export function goalOf(type: Objective['type']): number {
  return type === 'committed' ? COMMITTED_GOAL : ASPIRATIONAL_GOAL;
}

/** Share of the document's period elapsed on `today`, or null when the file names no period. */
export function elapsedOf(period: Period | null, today: string): number | null {
  return period ? elapsedShare(period, today) : null;
}

/**
 * Pace status: the progress expected today is goal × elapsed share. At or above it is on track,
 * at or above AT_RISK_FACTOR of it is at risk, below is off track. No progress or no period: null.
 */
export function paceStatus(progress: number | null, goal: number, elapsed: number | null): Status | null {
  if (progress === null || elapsed === null) return null;
  const expected = goal * elapsed;
  // A tolerance so that a value printed as equal to the expectation is not "behind".
  if (progress + 1e-9 >= expected) return 'on-track';
  if (progress + 1e-9 >= AT_RISK_FACTOR * expected) return 'at-risk';
  return 'off-track';
}

/** Google's scoring: progress rounded to one decimal, 0.0–1.0. */
export function grade(progress: number | null): number | null {
  if (progress === null) return null;
  return Math.round(Math.min(1, Math.max(0, progress)) * 10) / 10;
}

/** 0.0–0.3 red, 0.4–0.6 yellow, 0.7–1.0 green. */
export function gradeColor(g: number | null): GradeColor | null {
  if (g === null) return null;
  if (g <= 0.3 + 1e-9) return 'red';
  if (g <= 0.6 + 1e-9) return 'yellow';
  return 'green';
}

export interface KrAssessment {
  progress: number | null;
  rawProgress: number | null;
  grade: number | null;
  color: GradeColor | null;
  status: Status | null;
  /** Progress expected today (goal × elapsed), or null without a period. */
  expected: number | null;
}

export interface ObjectiveAssessment extends KrAssessment {
  goal: number;
  counts: Record<Status, number>;
}

export function assessKr(kr: KeyResult, objective: Objective, elapsed: number | null): KrAssessment {
  const goal = goalOf(objective.type);
  const g = grade(kr.progress);
  return {
    progress: kr.progress,
    rawProgress: kr.rawProgress,
    grade: g,
    color: gradeColor(g),
    status: paceStatus(kr.progress, goal, elapsed),
    expected: elapsed === null ? null : goal * elapsed,
  };
}

export function assessObjective(objective: Objective, elapsed: number | null): ObjectiveAssessment {
  const goal = goalOf(objective.type);
  const counts: Record<Status, number> = { 'on-track': 0, 'at-risk': 0, 'off-track': 0 };
  for (const kr of objective.keyResults) {
    const s = assessKr(kr, objective, elapsed).status;
    if (s) counts[s]++;
  }
  const g = grade(objective.progress);
  return {
    progress: objective.progress,
    rawProgress: objective.rawProgress,
    grade: g,
    color: gradeColor(g),
    status: paceStatus(objective.progress, goal, elapsed),
    expected: elapsed === null ? null : goal * elapsed,
    goal,
    counts,
  };
}

/** Mean progress of an owner's objectives (the file's progress when the file has one owner). */
export function ownerProgress(objectives: Objective[]): number | null {
  const ps = objectives.map((o) => o.progress).filter((p): p is number => p !== null);
  return ps.length ? Math.round((ps.reduce((a, b) => a + b, 0) / ps.length) * 1e6) / 1e6 : null;
}

export interface PeriodStats {
  /** Key results that have a progress. */
  scored: number;
  /** Shares (0..1) of the scored key results below 0.3, from 0.3 to below 0.7, and 0.7 or more. */
  low: number;
  middle: number;
  high: number;
  /** Dated check-ins inside the period, up to today. */
  checkIns: number;
  /** Weeks elapsed in the period (at least one), or null without a period. */
  weeks: number | null;
  checkInsPerWeek: number | null;
}

/**
 * Statistics over documents. The period is the span from the earliest start to the latest end
 * of the documents' periods; check-ins are counted from its start up to today.
 */
export function periodStats(docs: OkrDocument[], today: string): PeriodStats {
  let scored = 0;
  let low = 0;
  let middle = 0;
  let high = 0;
  let start: string | null = null;
  let end: string | null = null;
  for (const d of docs) {
    if (d.period) {
      if (start === null || d.period.start < start) start = d.period.start;
      if (end === null || d.period.end > end) end = d.period.end;
    }
    for (const o of d.objectives)
      for (const kr of o.keyResults) {
        if (kr.progress === null) continue;
        scored++;
        if (kr.progress < 0.3 - 1e-9) low++;
        else if (kr.progress < 0.7 - 1e-9) middle++;
        else high++;
      }
  }
  let checkIns = 0;
  let weeks: number | null = null;
  if (start !== null && end !== null) {
    const until = today < end ? today : end;
    for (const d of docs)
      for (const o of d.objectives)
        for (const kr of o.keyResults)
          for (const c of kr.checkIns) if (c.date !== null && c.date >= start && c.date <= until) checkIns++;
    const days = Math.max(0, (Date.parse(`${until}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86400000 + 1);
    weeks = Math.max(1, days / 7);
  }
  const share = (n: number) => (scored ? n / scored : 0);
  return {
    scored,
    low: share(low),
    middle: share(middle),
    high: share(high),
    checkIns,
    weeks: weeks === null ? null : Math.round(weeks * 100) / 100,
    checkInsPerWeek: weeks === null ? null : Math.round((checkIns / weeks) * 100) / 100,
  };
}

/** A text progress bar: `▰▰▰▱▱` for 60% with five cells. */
export function progressBar(progress: number | null, cells = 5): string {
  if (progress === null) return '▱'.repeat(cells);
  const filled = Math.round(Math.min(1, Math.max(0, progress)) * cells);
  return '▰'.repeat(filled) + '▱'.repeat(cells - filled);
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** Progress of the dated, readable check-ins in date order (clamped 0..1). */
export function checkInTrend(kr: KeyResult): number[] {
  return kr.checkIns
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.date !== null && c.progress !== null)
    .sort((a, b) => (a.c.date! < b.c.date! ? -1 : a.c.date! > b.c.date! ? 1 : a.i - b.i))
    .map(({ c }) => Math.min(1, Math.max(0, c.progress!)));
}

/**
 * A sparkline of the check-in trend on the absolute 0..1 scale (so a flat line near the top
 * reads as "nearly done"), or '' when there are no dated check-ins.
 */
export function sparkline(kr: KeyResult): string {
  return checkInTrend(kr)
    .map((p) => SPARKS[Math.round(p * (SPARKS.length - 1))])
    .join('');
}

/** `67%` */
export function percent(p: number | null): string {
  return p === null ? '—' : `${Math.round(p * 100)}%`;
}

/** `0.7` (always one decimal; `0,7` in Vietnamese) */
export function gradeText(g: number | null, lang: Lang | 'zh-cn' = 'en'): string {
  if (g === null) return '—';
  return lang === 'vi' ? g.toFixed(1).replace('.', ',') : g.toFixed(1);
}

/** A number as the file's language writes it: `1,850.5` (en, zh) or `1.850,5` (vi). */
export function formatNumber(n: number, lang: Lang): string {
  const neg = n < 0;
  const fixed = String(Number(Math.abs(n).toFixed(4)));
  const [int, frac] = fixed.includes('e') ? [fixed, ''] : fixed.split('.');
  const [thousands, decimal] = lang === 'vi' ? ['.', ','] : [',', '.'];
  const grouped = int.length > 3 ? int.replace(/\B(?=(\d{3})+(?!\d))/g, thousands) : int;
  return `${neg ? '-' : ''}${grouped}${frac ? decimal + frac : ''}`;
}

/** A value with the key result's unit: `$139,800`, `61%`, `1.9 s`, `34万元`, `705 triệu đồng`. */
export function formatValue(n: number | null, unit: string | null, lang: Lang): string {
  if (n === null) return '—';
  const num = formatNumber(n, lang);
  if (!unit) return num;
  if (unit === '%') return `${num}%`;
  if (unit === '$' || unit === '€' || unit === '£' || unit === '¥') return `${unit}${num}`;
  // CJK units follow the number directly (34万元), others after a space (705 triệu đồng).
  return /^[\u3400-\u9fff\uf900-\ufaff]/.test(unit) ? `${num}${unit}` : `${num} ${unit}`;
}

/** Dated check-ins, oldest first. */
export function datedCheckIns(kr: KeyResult): KeyResult['checkIns'] {
  return kr.checkIns
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.date !== null)
    .sort((a, b) => (a.c.date! < b.c.date! ? -1 : a.c.date! > b.c.date! ? 1 : a.i - b.i))
    .map(({ c }) => c);
}
