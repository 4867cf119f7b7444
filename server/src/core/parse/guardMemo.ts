// The nesting guard (guard.ts) of one document, from one version to the next. Its verdict is a
// fold over lines: a depth limit per line, a budget of excess depth over the file, and a count of
// emphasis and link markers per block (lines between blank lines). The text is cut in chunks
// before every line that starts with `#`; each chunk's share of the fold is kept by its text, so a
// keystroke recounts one chunk. Only "no problem" is decided here: any problem is described by
// `nestingProblem` itself, from the whole text. Proven equal by test/core/incremental.test.ts.
import { EXCESS_BUDGET, FREE_LEVELS, lineNesting, MAX_INLINE_MARKERS, MAX_NESTING, nestingProblem } from './guard';
import { pairWithPrevious, type Keyed } from './pairing';

/** A chunk's share of the fold. */
interface Summary {
  /** Some line is nested deeper than the limit. */
  deep: boolean;
  /** Sum of the levels beyond FREE_LEVELS. */
  excess: number;
  /** Whether the chunk holds a blank line, and the markers before the first one. */
  blank: boolean;
  head: number;
  /** The most markers in a block that starts and ends inside the chunk. */
  inner: number;
  /** Markers after the last blank line (all of them without one). */
  tail: number;
}

function summarize(text: string, from: number, to: number): Summary {
  const s: Summary = { deep: false, excess: 0, blank: false, head: 0, inner: 0, tail: 0 };
  let markers = 0;
  let start = from;
  while (start < to) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > to) end = to;
    const depth = lineNesting(text, start, end);
    if (depth > MAX_NESTING) s.deep = true;
    if (depth > FREE_LEVELS) s.excess += depth - FREE_LEVELS;
    let blank = true;
    for (let k = start; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c === 42 || c === 95 || c === 91 || c === 93 || c === 96) markers++;
      if (c !== 32 && c !== 9 && c !== 62) blank = false;
    }
    if (blank) {
      if (s.blank) s.inner = Math.max(s.inner, markers);
      else s.head = markers;
      s.blank = true;
      markers = 0;
    }
    start = end + 1;
  }
  if (s.blank) s.tail = markers;
  else s.head = s.tail = markers;
  return s;
}

export class NestingMemo {
  private previous: Keyed<Summary>[] = [];

  /** The same as `nestingProblem(text)`. */
  problem(text: string): string | null {
    // Line ends other than \n are left to the guard itself.
    if (text.includes('\r')) return nestingProblem(text);
    const cuts = [0];
    for (let i = text.indexOf('\n#'); i >= 0; i = text.indexOf('\n#', i + 1)) cuts.push(i + 1);
    const chunks = cuts.map((c, k) => text.slice(c, k + 1 < cuts.length ? cuts[k + 1] : text.length));
    const summaries = pairWithPrevious(this.previous, chunks);
    let excess = 0;
    let carry = 0;
    let bad = false;
    const next: Keyed<Summary>[] = [];
    for (let k = 0; k < chunks.length; k++) {
      const s = summaries[k] ?? summarize(text, cuts[k], cuts[k] + chunks[k].length);
      next.push({ key: chunks[k], value: s });
      excess += s.excess;
      if (s.deep || s.inner > MAX_INLINE_MARKERS || carry + s.head > MAX_INLINE_MARKERS) bad = true;
      carry = s.blank ? s.tail : carry + s.head;
    }
    this.previous = next;
    // The last block ends with the text.
    if (bad || carry > MAX_INLINE_MARKERS || excess > EXCESS_BUDGET) return nestingProblem(text);
    return null;
  }
}
