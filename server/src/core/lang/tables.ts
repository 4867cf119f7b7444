// Words and markers of the three languages. Regular expressions are built once here
// and shared by the parser and the rules, so a marker is read the same way everywhere.

import type { Lang } from '../model';

const COLON = '[:：]';
const ZH_NUM = '[零〇一二两三四五六七八九十百]+';

/** `O1:`, `Objective 2:`, `Mục tiêu 1:`, `目标1：`, `目标一：` at the start of a heading or item. */
export const OBJECTIVE_MARKER = new RegExp(
  `^\\s*(?:(?:O|Obj|Objective|Mục\\s+tiêu|MT|目标|目標)\\s*(\\d+|${ZH_NUM})?)\\s*${COLON}\\s*`,
  'iu',
);

/** `KR1:`, `KR 1.2:`, `Key result 1:`, `Kết quả then chốt 1:`, `KQ1:`, `关键结果1：`. */
export const KR_MARKER = new RegExp(
  `^\\s*(?:KR|Key\\s+results?|Kết\\s+quả\\s+then\\s+chốt|Kết\\s+quả|KQ|KQTC|关键结果|關鍵結果)\\s*(?:(\\d+)(?:\\.(\\d+))?|(${ZH_NUM}))?\\s*${COLON}\\s*`,
  'iu',
);

/** A heading or item that only labels the key results below it. */
export const KR_LABEL = new RegExp(
  `^\\s*(?:KRs?|Key\\s+results?|(?:Các\\s+)?kết\\s+quả\\s+then\\s+chốt|KQTC|关键结果|關鍵結果)\\s*${COLON}?\\s*$`,
  'iu',
);

export const ALIGN_KEYWORD = new RegExp(
  `^\\s*(Aligns?\\s+to|Aligned\\s+to|Aligned\\s+with|Parent|Căn\\s+chỉnh|Hỗ\\s+trợ|对齐|對齊|支撑|支撐)\\s*${COLON}\\s*`,
  'iu',
);

export const TYPE_LINE = new RegExp(
  `^\\s*(?:Type|Loại|类型|類型)\\s*${COLON}\\s*(committed|aspirational|cam\\s+kết|khát\\s+vọng|kỳ\\s+vọng|承诺型?|承諾型?|挑战型?|挑戰型?|愿景型?)\\s*$`,
  'iu',
);

export const EVIDENCE_KEYWORD = new RegExp(
  `^\\s*(?:Source|Evidence|Data|Nguồn(?:\\s+dữ\\s+liệu)?|Bằng\\s+chứng|来源|來源|证据|證據|数据来源)\\s*${COLON}\\s*`,
  'iu',
);

export const PROGRESS_KEYWORD = new RegExp(`^\\s*(?:Progress|Tiến\\s+độ|进度|進度)\\s*${COLON}\\s*`, 'iu');

export const CONFIDENCE = new RegExp(
  `(?:confidence|conf\\.?|độ\\s+tin\\s+cậy|tin\\s+cậy|信心指数|信心|置信度)\\s*${COLON}?\\s*(\\d+(?:[.,]\\d+)?)(?:\\s*/\\s*(10|100))?`,
  'iu',
);

export const WEIGHT = new RegExp(
  `[(（]\\s*(?:weight|w|trọng\\s+số|权重|權重)\\s*${COLON}?\\s*(\\d+(?:[.,]\\d+)?)\\s*[)）]`,
  'iu',
);

export const CHECKIN_DATE = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\b\s*[:：\-–—]?\s*/u;

/** `@Name` mentions; stops at whitespace and punctuation. */
export const MENTION = /(?<![\p{L}\p{N}_.])@([\p{L}\p{N}_][\p{L}\p{N}_.\-]*[\p{L}\p{N}_]|[\p{L}\p{N}_])/gu;

/**
 * Words that start an activity rather than an outcome. Kept to verbs that are rarely nouns at the
 * start of a key result; the exceptions below catch the noun uses that remain (`Support tickets…`).
 */
export const ACTIVITY: Record<Lang, string[]> = {
  en: [
    'launch',
    'hold',
    'help',
    'participate in',
    'participate',
    'conduct',
    'organize',
    'organise',
    'attend',
    'host',
    'discuss',
    'carry out',
    'perform',
    'run',
    'do',
    'work on',
    'meet with',
    'support',
    'assist',
    'try to',
  ],
  vi: [
    'thực hiện',
    'tổ chức',
    'tham gia',
    'tiến hành',
    'thảo luận',
    'họp',
    'giúp đỡ',
    'hỗ trợ',
    'triển khai',
    'ra mắt',
    'cố gắng',
  ],
  zh: ['举行', '举办', '参加', '参与', '讨论', '组织', '开展', '召开', '进行', '协助', '帮助', '推出', '执行', '尝试'],
};

/** Noun uses of activity words at the start of a key result: `Support tickets…`, `Run time…`, `Help center…`. */
export const ACTIVITY_EXCEPT =
  /^(?:(?:support|help)\s+(?:tickets?|requests?|cent(?:er|re)s?|desks?|teams?|articles?|pages?|docs?|cases?|costs?|calls?|chats?|contacts?)\b|run\s*(?:time|rate|way)s?\b|launch\s+(?:dates?|rates?)\b|do\s+khách|hỗ\s+trợ\s+viên)/iu;

/** Words that make an objective "business as usual" (keep things as they are). */
export const BUSINESS_AS_USUAL: Record<Lang, string[]> = {
  en: ['keep', 'maintain', 'continue', 'continue to', 'sustain', 'preserve', 'stay'],
  vi: ['duy trì', 'giữ', 'giữ vững', 'giữ nguyên', 'tiếp tục', 'bảo toàn'],
  // 持续 is left out: 持续提升 means "keep improving", which is a change, not the status quo.
  zh: ['保持', '维持', '继续', '保住', '守住', '延续'],
};

/** `Giữ chân khách hàng` (retain customers) and `keep growing` are changes, not business as usual. */
export const BUSINESS_AS_USUAL_EXCEPT =
  /^(?:giữ\s+chân|(?:keep|continue|stay)\s+(?:to\s+)?(?:grow|growing|improv|increas|reduc|expand|scal|ahead))/iu;

export function isCommittedWord(word: string): boolean {
  return /^(committed|cam\s+kết|承诺型?|承諾型?)$/iu.test(word.trim());
}

export const VI_CHARS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/giu;
export const HAN_CHARS = /\p{Script=Han}/gu;
const LETTERS = /\p{L}/gu;
const ASCII_RUNS = /[\x00-\x7f]+/g;

/** How much of a text, from its start, decides its language. */
export const LANG_SAMPLE = 20000;

/** Picks the language of a text that does not say it: Han script, then Vietnamese letters, else English. */
export function detectLang(text: string): Lang {
  const sample = text.length > LANG_SAMPLE ? text.slice(0, LANG_SAMPLE) : text;
  // Unicode property regexes are slow over a whole file. Han and Vietnamese letters are all beyond ASCII,
  // so ASCII letters are counted here and the regexes see only the rest.
  let asciiLetters = 0;
  let beyondAscii = false;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) asciiLetters++;
    else if (c > 127) beyondAscii = true;
  }
  if (!beyondAscii) return 'en';
  // Each ASCII run becomes one space, not nothing: two lone surrogates must not join into a letter.
  const rest = sample.replace(ASCII_RUNS, ' ');
  const han = rest.match(HAN_CHARS)?.length ?? 0;
  const vi = rest.match(VI_CHARS)?.length ?? 0;
  if (han === 0 && vi === 0) return 'en';
  // More letters can only move the answer from zh to vi to en.
  const pick = (letters: number): Lang =>
    letters === 0 ? 'en' : han / letters > 0.15 ? 'zh' : vi / letters > 0.03 ? 'vi' : 'en';
  // The letter count lies between the ASCII letters plus the Vietnamese ones (all letters) and the ASCII
  // letters plus every unit of `rest`: when both ends give one answer, the letters need not be counted.
  const low = asciiLetters + vi;
  if (low > 0 && pick(low) === pick(asciiLetters + rest.length)) return pick(low);
  return pick(asciiLetters + (rest.match(LETTERS)?.length ?? 0));
}

const ZH_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Reads Chinese numerals below ten thousand (`十二`, `三百五十`, `两`); NaN otherwise. */
export function readChineseNumber(s: string): number {
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in ZH_DIGITS) {
      digit = ZH_DIGITS[ch];
    } else if (ch === '十' || ch === '百' || ch === '千') {
      const mult = ch === '十' ? 10 : ch === '百' ? 100 : 1000;
      total += (digit < 0 ? 1 : digit) * mult;
      digit = -1;
    } else {
      return NaN;
    }
  }
  if (digit >= 0) total += digit;
  return total;
}

export function readMarkerNumber(s: string | undefined): number | null {
  if (!s) return null;
  if (/^\d+$/.test(s)) return parseInt(s, 10);
  const n = readChineseNumber(s);
  return Number.isFinite(n) ? n : null;
}
