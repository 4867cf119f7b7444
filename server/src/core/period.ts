import type { Period } from './model';

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `yyyy-mm-dd` naming a real day of the proleptic Gregorian calendar. Arithmetic, not `Date`: it runs per check-in. */
export function isValidIsoDate(s: string): boolean {
  // What ISO_DATE matches, read digit by digit: `dddd-dd-dd` and nothing else.
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const d = (i: number) => s.charCodeAt(i) - 48;
  for (const i of DIGIT_AT) if (d(i) < 0 || d(i) > 9) return false;
  const y = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
  const month = d(5) * 10 + d(6);
  const day = d(8) * 10 + d(9);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1]);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9];

/** The plain way, with the regular expression (test/core/fastPaths.test.ts compares the two). */
export function isValidIsoDatePlain(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const y = +m[1];
  const month = +m[2];
  const day = +m[3];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1]);
}

/** Reads `2026`, `2026-Q4`, `Q4 2026`, `2026-H1`, `2026-10` or `2026-10-01..2026-12-31`. */
export function parsePeriod(raw: unknown): Period | null {
  if (typeof raw === 'number' && Number.isInteger(raw)) raw = String(raw);
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  let m = /^(\d{4})$/.exec(text);
  if (m) return { text, start: iso(+m[1], 1, 1), end: iso(+m[1], 12, 31) };
  m = /^(\d{4})\s*[-/ ]?\s*Q([1-4])$/i.exec(text) ?? /^Q([1-4])\s*[-/ ]?\s*(\d{4})$/i.exec(text);
  if (m) {
    const [y, q] = /^Q/i.test(text) ? [+m[2], +m[1]] : [+m[1], +m[2]];
    const sm = (q - 1) * 3 + 1;
    return { text, start: iso(y, sm, 1), end: iso(y, sm + 2, lastDay(y, sm + 2)) };
  }
  m = /^(\d{4})\s*[-/ ]?\s*H([12])$/i.exec(text);
  if (m) {
    const y = +m[1];
    return m[2] === '1'
      ? { text, start: iso(y, 1, 1), end: iso(y, 6, 30) }
      : { text, start: iso(y, 7, 1), end: iso(y, 12, 31) };
  }
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m && +m[2] >= 1 && +m[2] <= 12) {
    return { text, start: iso(+m[1], +m[2], 1), end: iso(+m[1], +m[2], lastDay(+m[1], +m[2])) };
  }
  m = /^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (m && isValidIsoDate(m[1]) && isValidIsoDate(m[2]) && m[1] <= m[2]) {
    return { text, start: m[1], end: m[2] };
  }
  return null;
}

/** Share of the period elapsed on `today` (ISO date), 0..1. */
export function elapsedShare(period: Period, today: string): number {
  const s = Date.parse(`${period.start}T00:00:00Z`);
  const e = Date.parse(`${period.end}T00:00:00Z`) + 86400000;
  const t = Date.parse(`${today}T00:00:00Z`) + 86400000;
  if (t <= s) return 0;
  if (t >= e) return 1;
  return (t - s) / (e - s);
}
