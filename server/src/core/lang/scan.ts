// Reads quantities and time references out of one line of text, per language.
// Time references are found first and blanked, so the digits of a date or a
// quarter never count as a quantity. Offsets returned are offsets into the input.

import type { Lang } from '../model';
import { normalizeWidth, normalizeWidthPlain } from '../text';
import { readChineseNumber } from './tables';

export interface ScannedQuantity {
  start: number;
  end: number;
  text: string;
  value: number;
  scale: number;
  unit: string | null;
  isPercent: boolean;
  fraction?: { num: number; den: number };
}

export interface ScannedTime {
  start: number;
  end: number;
  text: string;
  date: string | null;
}

const MONTHS =
  'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const MONTH_INDEX: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const ZHN = '[零〇一二两三四五六七八九十]';
const NB = '(?<![\\p{Script=Latin}\\d_])'; // not glued to a Latin word or a number on the left
const NA = '(?![\\p{Script=Latin}\\d]|[.,]\\d)'; // … nor on the right (`tháng 1.000` is no month)

// What a text holds, found once per scan: a pattern that cannot match without something the text lacks
// is not run at all. Blanking a match only turns characters into spaces, so what the text lacked at the
// start it still lacks. The keyword tests use the flags of their pattern, so case folding is the same.
interface Hints {
  work: string;
  digit: boolean;
  han: boolean;
  /**
   * A letter of the Latin blocks beyond ASCII (U+00C0-U+024F, U+1E00-U+1EFF: á, ý, ố, đ, ſ…).
   * Every Vietnamese word of the patterns that ask for it holds one, and of the characters beyond
   * ASCII that case folding turns into ASCII letters (ſ into s, K KELVIN SIGN into k) only ſ meets
   * a letter of their English words: a middle dot or a dash alone runs none of those patterns.
   */
  latin: boolean;
}
type Need = (h: Hints) => boolean;
// Every Chinese word of the patterns below is in the main Han block; 〇 is the one numeral outside it.
/**
 * The three hints in one pass over the text (what `/\d/`, `/[\u3007\u4e00-\u9fff]/` and the Latin
 * blocks test); null when `plain` is false and the text holds a full-width form, which
 * `normalizeWidth` must make plain first. Scanning the text as it is first spares a pass over
 * nearly every key result and check-in line.
 */
function hintsOf(work: string, plain: boolean): Hints | null {
  let digit = false;
  let han = false;
  let latin = false;
  for (let i = 0; i < work.length; i++) {
    const c = work.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 48 && c <= 57) digit = true;
    } else if (!plain && c >= 0xff01 && c <= 0xff5e) return null;
    else if (c === 0x3007 || (c >= 0x4e00 && c <= 0x9fff)) han = true;
    else if ((c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff)) latin = true;
  }
  return { work, digit, han, latin };
}
const dashDate: Need = (h) => h.digit && h.work.includes('-');
const slashDate: Need = (h) => h.digit && h.work.includes('/');
// With a Latin letter beyond ASCII the other words (năm, trước, trong…) and case folding (ſ matches s)
// need the pattern itself.
const YEAR_WORDS = /by|before|until|in|end/i;
// A year pattern's match holds white space then `19..` or `20..`.
const SPACE_YEAR = /\s(?:19|20)\d\d/u;
const yearWord: Need = (h) => h.digit && (h.latin || YEAR_WORDS.test(h.work)) && SPACE_YEAR.test(h.work);
const WITHIN_WORDS = /in|sau|trong/i;
// … and a `within` match ends in digits, maybe white space, and a unit of time.
const DIGIT_TIME_UNIT = /\d\s*(?:ngày|tuần|tháng|năm|day|week|month|year)/iu;
const within: Need = (h) => h.digit && (h.latin || WITHIN_WORDS.test(h.work)) && DIGIT_TIME_UNIT.test(h.work);
// Each Vietnamese pattern holds one of these words (same flags as the pattern: the same case folding).
const THANG = /tháng/iu;
const monthVi: Need = (h) => h.latin && h.digit && THANG.test(h.work);
const QUY = /quý/iu;
const quarterVi: Need = (h) => h.latin && QUY.test(h.work);
const PART_WORDS = /cuối|đầu|giữa|tháng|nửa/iu;
const partVi: Need = (h) => h.latin && PART_WORDS.test(h.work);
// Each Chinese pattern holds one of these characters.
const YEAR_OR_MONTH_HAN = /[年月]/u;
const MONTH_HAN = /月/u;
const PERIOD_HAN = /[年月季]/u;
const WITHIN_HAN = /内/u;
const ZH_NUMERAL = /[零〇一二两三四五六七八九十]/u;
const yearOrMonthHan: Need = (h) => h.han && YEAR_OR_MONTH_HAN.test(h.work);
const monthHan: Need = (h) => h.han && MONTH_HAN.test(h.work);
const periodHan: Need = (h) => h.han && PERIOD_HAN.test(h.work);
const withinHan: Need = (h) => h.han && WITHIN_HAN.test(h.work);
const ENDS_WORDS = /end|this|next|eo[yqm]/iu;
const ends: Need = (h) => ENDS_WORDS.test(h.work);
const MONTH_START = /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/u;
const monthsDigit: Need = (h) => h.digit && MONTH_START.test(h.work);
const MONTH_START_ANY_CASE = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/iu;
const months: Need = (h) => MONTH_START_ANY_CASE.test(h.work);
const QUARTER_OR_FY = /FY|[QH][1-4]/u;
const quarters: Need = (h) => h.digit && QUARTER_OR_FY.test(h.work);

// Ordered: longer and more specific forms first. Each with what it needs to match at all.
const TIME_PATTERNS: [RegExp, Need][] = [
  [/(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:\s*(?:\.\.|–|—|~)\s*\d{4}-\d{1,2}-\d{1,2})?(?!\d)/gu, dashDate],
  [/(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/])/gu, slashDate],
  [
    new RegExp(`${NB}(?:(?:ngày\\s*)?\\d{1,2}\\s*tháng\\s*\\d{1,2}(?:\\s*(?:năm\\s*|/\\s*)\\d{4})?)${NA}`, 'giu'),
    monthVi,
  ],
  [new RegExp(`${NB}tháng\\s*\\d{1,2}(?:\\s*(?:năm\\s*|/\\s*)\\d{4})?${NA}`, 'giu'), monthVi],
  [new RegExp(`${NB}quý\\s*(?:[1-4]|IV|I{1,3})(?:\\s*(?:năm\\s*|/\\s*)\\d{4})?${NA}`, 'giu'), quarterVi],
  [new RegExp(`${NB}(?:năm|trước|đến|cuối|by|before|until|in|end\\s+of|tới)\\s+(?:19|20)\\d{2}${NA}`, 'giu'), yearWord],
  [
    new RegExp(
      `${NB}(?:trong|trong\\s+vòng|within|in(?:\\s+the\\s+next)?|sau)\\s+\\d+\\s*(?:ngày|tuần|tháng|năm|days?|weeks?|months?|years?)${NA}`,
      'giu',
    ),
    within,
  ],
  [
    /(?:cuối|đầu|giữa)\s+(?:năm|quý|tháng|kỳ)(?:\s+(?:này|nay|tới))?|(?:6|sáu)\s+tháng\s+(?:đầu|cuối)\s+năm|nửa\s+(?:đầu|cuối)\s+năm/giu,
    partVi,
  ],
  [
    /\b(?:end\s+of\s+(?:the\s+)?(?:year|quarter|month|Q[1-4]|H[12])|this\s+(?:quarter|year|month|half)|next\s+(?:quarter|year|month)|EO[YQM]|year[-\s]end|quarter[-\s]end)\b/giu,
    ends,
  ],
  [
    new RegExp(
      `${NB}(?:(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?(?:,?\\s+\\d{4})?|(?:${MONTHS})\\.?\\s+\\d{4})${NA}`,
      'gu',
    ),
    monthsDigit,
  ],
  [new RegExp(`\\b(?:by|before|until|through|end\\s+of)\\s+(?:${MONTHS})\\b`, 'giu'), months],
  [
    new RegExp(`${NB}(?:FY\\s?\\d{2,4}|\\d{4}\\s*[-/]?\\s*[QH][1-4]|[QH][1-4](?:\\s*[-/]?\\s*\\d{4})?)${NA}`, 'gu'),
    quarters,
  ],
  [
    /(?<!\d)\d{4}(?:\s*[-–~]\s*\d{2,4})?\s*财年|(?<!\d)\d{4}年(?:\d{1,2}月(?:\d{1,2}[日号])?)?(?:[底末初])?|(?<!\d)\d{1,2}月\d{1,2}[日号]|(?<!\d)\d{1,2}月(?:底|末|初|份|中旬|上旬|下旬)?(?!\d)/gu,
    yearOrMonthHan,
  ],
  [new RegExp(`${ZHN}{1,3}月(?:\\d{1,2}|${ZHN}{1,3})[日号]|${ZHN}{1,2}月(?:底|末|初|份)?`, 'gu'), monthHan],
  [
    new RegExp(
      `第?[一二三四1-4]季度(?:末)?|[上下]半年|年底|年末|年初|季度末|季末|月底|月末|本季度|本年度|本月|今年|明年|年内|季度内`,
      'gu',
    ),
    periodHan,
  ],
  [new RegExp(`(?:\\d+|${ZHN}+)\\s*(?:天|日|周|个月|個月|年)内`, 'gu'), withinHan],
];

const SCALE: Record<string, number> = {
  tỷ: 1e9,
  tỉ: 1e9,
  triệu: 1e6,
  nghìn: 1e3,
  ngàn: 1e3,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  B: 1e9,
  bn: 1e9,
  万: 1e4,
  亿: 1e8,
  千: 1e3,
  百万: 1e6,
  千万: 1e7,
};

const SCALE_WORDS = 'tỷ|tỉ|triệu|nghìn|ngàn|百万|千万|万|亿|千|bn|k|K|M|B';
const CURRENCY_AFTER = 'đồng|VNĐ|VND|USD|usd|đ|元|块|美元|dollars?';
const OTHER_UNITS =
  'ms|milliseconds?|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?|phút|giây|giờ|ngày|tuần|tháng|分钟|秒|小时|天|周|个月|x|×|lần|倍|điểm|points?|pts?|NPS|pp|p\\.p\\.|người|khách\\s+hàng|客户|个工作日|工作日|人|名|位|个|家|次|项|篇|场|条|套|份|户|单|笔|件|元|张|本|台|部|页|门|节|课|所|座|辆|盒|箱|吨|公里|km|kg|GB|MB|TB';

const QUANTITY_SOURCE =
  `${NB}(?:(?<cur>[$€£¥￥₫])\\s?)?(?<num>\\d+(?:[.,]\\d+)*)(?:\\s*/\\s*(?<den>\\d+(?:[.,]\\d+)*))?` +
  `(?:(?<pct>\\s?(?:%|phần\\s+trăm|percent(?:age\\s+points)?))|(?:\\s?(?<scale>${SCALE_WORDS})(?![\\p{Script=Latin}]))?(?:\\s?(?<unit>${CURRENCY_AFTER}|${OTHER_UNITS})(?![\\p{Script=Latin}]))?)`;
/** The plain way: named groups, read through `groups`. */
const QUANTITY = new RegExp(QUANTITY_SOURCE, 'gu');
// The same pattern with numbered groups (1 cur, 2 num, 3 den, 4 pct, 5 scale, 6 unit): a match then
// builds no `groups` object. A quantity starts with a digit or a currency sign, which the lookahead
// lets the engine look for before it tries the lookbehind at every position.
const QUANTITY_FAST = new RegExp(`(?=[\\d$€£¥￥₫])${QUANTITY_SOURCE.replace(/\(\?<[a-z]+>/g, '(')}`, 'gu');
const ZH_QUANTITY = new RegExp(
  `(?<![第])(?<pctword>百分之)?(?<num>${ZHN}+)(?<unit>%|万元|亿元|元|万|亿|个工作日|工作日|个月|个|家|次|名|人|位|项|篇|场|条|套|份|户|单|笔|件|倍|天|周|小时|分钟|张|本|台|部|页|门|节|课)?`,
  'gu',
);

const NUMBER = /^\d+(?:[.,]\d+)*$/;
const SEPARATOR = /[.,]/;
const SEPARATORS = /[.,]/g;

/** Reads `1.000,5` (vi) or `1,000.5` (en, zh) into a number; NaN when it is not a number. */
export function readNumber(raw: string, lang: Lang): number {
  // Digits alone (most numbers): what the general way below gives them.
  let digits = raw.length > 0;
  for (let i = 0; i < raw.length && digits; i++) {
    const c = raw.charCodeAt(i);
    digits = c >= 48 && c <= 57;
  }
  if (digits) return parseFloat(raw);
  return readNumberPlain(raw, lang);
}

/** The general way, every form (the digits-only shortcut above is compared with it in test/core/fastPaths.test.ts). */
export function readNumberPlain(raw: string, lang: Lang): number {
  const s = raw.trim();
  if (!NUMBER.test(s)) return NaN;
  const thousands = lang === 'vi' ? '.' : ',';
  const decimal = lang === 'vi' ? ',' : '.';
  const seps = s.match(SEPARATORS) ?? [];
  if (seps.length === 0) return parseFloat(s);
  const groups = s.split(SEPARATOR);
  const grouped = groups.slice(1).every((g) => g.length === 3);
  // `1.000.000` (vi) / `1,000,000` (en): thousands groups of three digits.
  if (seps.every((c) => c === thousands) && grouped) return parseFloat(groups.join(''));
  // `1.000,5` (vi) / `1,000.5` (en): thousands groups, then one decimal part.
  if (seps.length >= 2 && seps[seps.length - 1] === decimal && seps.slice(0, -1).every((c) => c === thousands)) {
    if (groups.slice(1, -1).every((g) => g.length === 3)) {
      return parseFloat(`${groups.slice(0, -1).join('')}.${groups[groups.length - 1]}`);
    }
    return NaN;
  }
  // A single separator that is not a thousands group is a decimal point, whichever is written
  // (`3.5%` in a Vietnamese file, `0,6` in an English one).
  if (seps.length === 1) return parseFloat(`${groups[0]}.${groups[1]}`);
  return NaN;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const MONTH_DAY_YEAR = new RegExp(`^(${MONTHS})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})$`, 'u');
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTHS})\\.?,?\\s+(\\d{4})$`, 'u');
const ISO_START = /^(\d{4})-(\d{1,2})-(\d{1,2})/;
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const VI_DATE = /ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*(?:năm\s*|\/\s*)(\d{4})/iu;
const HAN_DATE = /(\d{4})年(\d{1,2})月(\d{1,2})[日号]/u;

function dateOf(text: string, lang: Lang): string | null {
  let m = ISO_START.exec(text);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = SLASH_DATE.exec(text);
  if (m) {
    const a = +m[1];
    const b = +m[2];
    // English writes month first unless that cannot be a month.
    return lang === 'en' && a <= 12 ? isoDate(+m[3], a, b) : isoDate(+m[3], b, a);
  }
  m = VI_DATE.exec(text);
  if (m) return isoDate(+m[3], +m[2], +m[1]);
  m = HAN_DATE.exec(text);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = MONTH_DAY_YEAR.exec(text);
  if (m) return isoDate(+m[3], MONTH_INDEX[m[1].slice(0, 3).toLowerCase()], +m[2]);
  m = DAY_MONTH_YEAR.exec(text);
  if (m) return isoDate(+m[3], MONTH_INDEX[m[2].slice(0, 3).toLowerCase()], +m[1]);
  return null;
}

const LATIN_END = /[\p{Script=Latin}]$/u;
const LATIN_START = /^[\p{Script=Latin}]/u;
const LATIN = /\p{Script=Latin}/u;

/** `$` + `M` -> `$M`; `tỷ` + `đồng` -> `tỷ đồng`; `万` + `元` -> `万元`. */
function joinUnit(cur?: string, scale?: string, unit?: string): string | null {
  let out = cur ?? '';
  for (const part of [scale, unit]) {
    if (!part) continue;
    const glue = out && LATIN_END.test(out) && LATIN_START.test(part) ? ' ' : '';
    out += glue + part;
  }
  return out || null;
}

export interface ScanResult {
  quantities: ScannedQuantity[];
  times: ScannedTime[];
}

/**
 * Scans text for time references and quantities. `text` may contain blanked
 * (space) regions; offsets are into `text`.
 */
export function scanText(text: string, lang: Lang): ScanResult {
  return scan(text, lang, true);
}

/** Every pattern tried, none skipped: what the shortcuts must never change (test/core/fastPaths.test.ts). */
export function scanTextWithoutShortcuts(text: string, lang: Lang): ScanResult {
  return scan(text, lang, false);
}

const ALL_HINTS = (work: string): Hints => ({ work, digit: true, han: true, latin: true });

function scan(text: string, lang: Lang, shortcuts: boolean): ScanResult {
  const hints: Hints = shortcuts
    ? (hintsOf(text, false) ?? hintsOf(normalizeWidth(text), true)!)
    : ALL_HINTS(normalizeWidthPlain(text));
  let work = hints.work;
  const times: ScannedTime[] = [];
  // By index, not for-of: fewer instructions on this hot path (callgrind).
  for (let k = 0; k < TIME_PATTERNS.length; k++) {
    const [re, need] = TIME_PATTERNS[k];
    if (shortcuts && !need(hints)) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(work))) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].length;
      times.push({ start, end, text: text.slice(start, end), date: dateOf(m[0], lang) });
      work = work.slice(0, start) + ' '.repeat(end - start) + work.slice(end);
    }
  }
  if (times.length > 1) times.sort((a, b) => a.start - b.start);

  const quantities: ScannedQuantity[] = [];
  if (shortcuts) readQuantitiesFast(text, work, lang, hints.digit, quantities);
  else readQuantitiesPlain(text, work, lang, quantities);

  ZH_QUANTITY.lastIndex = 0;
  let m: RegExpExecArray | null;
  const zh = !shortcuts || (hints.han && ZH_NUMERAL.test(work));
  while (zh && (m = ZH_QUANTITY.exec(work))) {
    const g = m.groups ?? {};
    // A bare Chinese numeral is a word (一起, 统一); it counts with a unit or a measure word.
    if (!g.unit && !g.pctword) continue;
    const value = readChineseNumber(g.num);
    if (!Number.isFinite(value)) continue;
    const isPercent = Boolean(g.pctword) || g.unit === '%';
    const scale = g.unit?.startsWith('万') ? 1e4 : g.unit?.startsWith('亿') ? 1e8 : 1;
    quantities.push({
      start: m.index,
      end: m.index + m[0].length,
      text: text.slice(m.index, m.index + m[0].length),
      value,
      scale,
      unit: isPercent ? '%' : (g.unit ?? null),
      isPercent,
    });
  }
  if (quantities.length > 1) quantities.sort((a, b) => a.start - b.start);
  return { quantities, times };
}

/** Quantities with `QUANTITY_FAST` and the digits-only number shortcut: what `readQuantitiesPlain` finds. */
function readQuantitiesFast(
  text: string,
  work: string,
  lang: Lang,
  digit: boolean,
  quantities: ScannedQuantity[],
): void {
  if (!digit) return;
  const re = QUANTITY_FAST;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(work))) {
    const cur = m[1];
    const scale = m[5];
    const unit = m[6];
    const pct = m[4];
    let end = m.index + m[0].length;
    // Trailing spaces captured before a unit that did not match are not part of the quantity.
    while (end > m.index && work.charCodeAt(end - 1) === 32) end--;
    // Glued to a Latin word on the right (`3D`, `B2B`): an identifier, not a quantity.
    if (!pct && !unit && !scale && end < work.length) {
      const c = work.charCodeAt(end);
      // Digits, spaces and ASCII punctuation are not Latin: only letters need the Unicode test.
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) continue;
      if (c >= 0x80 && LATIN.test(work[end])) continue;
    }
    const q = quantityOf(text, m.index, end, m[2], m[3], pct, cur, scale, unit, lang, readNumber);
    if (q) quantities.push(q);
  }
}

/**
 * The quantity matched in text[start, end) from its parts as the pattern captured them; null when
 * its number or denominator does not read as one. `read` reads a number in `lang`.
 */
function quantityOf(
  text: string,
  start: number,
  end: number,
  numText: string,
  denText: string | undefined,
  pct: string | undefined,
  cur: string | undefined,
  scale: string | undefined,
  unit: string | undefined,
  lang: Lang,
  read: (raw: string, lang: Lang) => number,
): ScannedQuantity | null {
  const num = read(numText, lang);
  if (!Number.isFinite(num)) return null;
  const q: ScannedQuantity = {
    start,
    end,
    text: text.slice(start, end),
    value: num,
    scale: scale ? (SCALE[scale] ?? 1) : 1,
    unit: null,
    isPercent: Boolean(pct),
  };
  if (denText !== undefined) {
    const den = read(denText, lang);
    if (!Number.isFinite(den)) return null;
    q.fraction = { num, den };
  }
  q.unit = q.isPercent ? '%' : joinUnit(cur, scale, unit);
  return q;
}

function readQuantitiesPlain(text: string, work: string, lang: Lang, quantities: ScannedQuantity[]): void {
  QUANTITY.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = QUANTITY.exec(work))) {
    const g = m.groups ?? {};
    let end = m.index + m[0].length;
    // Trailing spaces captured before a unit that did not match are not part of the quantity.
    while (end > m.index && work[end - 1] === ' ') end--;
    const next = work[end] ?? '';
    // Glued to a Latin word on the right (`3D`, `B2B`): an identifier, not a quantity.
    if (/\p{Script=Latin}/u.test(next) && !g.pct && !g.unit && !g.scale) continue;
    const q = quantityOf(text, m.index, end, g.num, g.den, g.pct, g.cur, g.scale, g.unit, lang, readNumberPlain);
    if (q) quantities.push(q);
  }
}

/** `from X to Y` connectors: text before X and text between X and Y. */
export const FROM_BEFORE = /(?:\bfrom|từ|从|由)\s*$/iu;
export const FROM_BETWEEN =
  /^\s*(?:to|→|->|=>|–|—|lên(?:\s+(?:mức|đến|tới))?|xuống(?:\s+(?:mức|còn|dưới))?|đến|tới|thành|còn|(?:提高|提升|增加|增长|上升|降低|减少|下降|降|缩短|压缩)?\s*(?:到|至))\s*$/iu;
export const DOWN_WORDS =
  /\b(?:reduce|decrease|lower|cut|shrink|drop|decline|minimi[sz]e|below|under|fewer|less)\b|giảm|xuống|dưới|hạ|降低|减少|下降|缩短|压缩|低于|以下|以内|少于|不超过/iu;
