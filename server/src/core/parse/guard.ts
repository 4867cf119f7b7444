// A cheap pre-check before remark: its block parser slows down sharply on deeply nested containers
// (1,000 nested list items take over a minute) and its inline parser on long runs of `*a*a…` or
// `[a](…`, so such text is not parsed at all and gets one
// `file-skipped` finding instead of hanging the editor. Real OKR files nest three or four levels.

/** Deepest nesting accepted on one line (block quotes + list markers + indentation / 4). */
export const MAX_NESTING = 16;
/** Levels beyond this count towards the file's budget: many moderately deep lines are slow too. */
export const FREE_LEVELS = 6;
export const EXCESS_BUDGET = 2000;
/** Emphasis and link markers in one block (lines between blank lines): inline parsing is superlinear in them. */
export const MAX_INLINE_MARKERS = 5000;

/** Container levels at the start of a line: `>` markers, list markers, and indentation in 4-column steps. */
export function lineNesting(text: string, start: number, end: number): number {
  let levels = 0;
  let cols = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      cols++;
      i++;
    } else if (c === 9) {
      cols += 4 - (cols % 4);
      i++;
    } else if (c === 62 /* > */) {
      levels++;
      i++;
      // One space after a marker belongs to the marker, not to the indentation.
      if (text.charCodeAt(i) === 32) i++;
    } else {
      // A list marker (`-`, `*`, `+`, `12.`, `3)`) followed by a space, a tab or the line end.
      let j = i;
      if (c === 45 || c === 42 || c === 43) j = i + 1;
      else {
        while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
        if (j === i || (text[j] !== '.' && text[j] !== ')')) break;
        j++;
      }
      const next = text.charCodeAt(j);
      if (j < end && next !== 32 && next !== 9) break;
      levels++;
      i = j < end ? j + 1 : j;
    }
  }
  return levels + Math.floor(cols / 4);
}

/** Why the text is too deeply nested to parse safely, or null. */
export function nestingProblem(text: string): string | null {
  // A paragraph cannot hold more markers than the text has characters, and without `\r` lines end at
  // `\n`: then only the depth of each line counts, found from its first characters.
  if (text.length <= MAX_INLINE_MARKERS && text.indexOf('\r') < 0) return depthProblem(text);
  return nestingProblemPlain(text);
}

/** `nestingProblemPlain` for a text without `\r` and with too few characters for the marker limit. */
function depthProblem(text: string): string | null {
  let excess = 0;
  let start = 0;
  let line = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    const depth = lineNesting(text, start, end);
    if (depth > MAX_NESTING) return `line ${line + 1} is nested ${depth} levels deep; the limit is ${MAX_NESTING}`;
    if (depth > FREE_LEVELS) {
      excess += depth - FREE_LEVELS;
      if (excess > EXCESS_BUDGET) return `too many deeply nested lines (up to line ${line + 1})`;
    }
    if (end >= n) break;
    start = end + 1;
    line++;
  }
  return null;
}

/** The plain way, every case (test/core/fastPaths.test.ts compares the two). */
export function nestingProblemPlain(text: string): string | null {
  let excess = 0;
  let start = 0;
  let line = 0;
  let markers = 0;
  const n = text.length;
  while (start <= n) {
    let end = start;
    while (end < n && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const depth = lineNesting(text, start, end);
    if (depth > MAX_NESTING) return `line ${line + 1} is nested ${depth} levels deep; the limit is ${MAX_NESTING}`;
    let blank = true;
    for (let k = start; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c === 42 || c === 95 || c === 91 || c === 93 || c === 96) markers++;
      if (c !== 32 && c !== 9 && c !== 62) blank = false;
    }
    if (blank) markers = 0;
    if (markers > MAX_INLINE_MARKERS)
      return `more than ${MAX_INLINE_MARKERS} emphasis or link markers in one paragraph (up to line ${line + 1})`;
    if (depth > FREE_LEVELS) {
      excess += depth - FREE_LEVELS;
      if (excess > EXCESS_BUDGET) return `too many deeply nested lines (up to line ${line + 1})`;
    }
    if (end >= n) break;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    line++;
  }
  return null;
}
