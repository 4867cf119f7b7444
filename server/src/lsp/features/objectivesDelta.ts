// `okr/objectives` as a delta: an answer names the items it shares with an earlier answer as runs
// `[from, count]` (or `[from, count, lines]`) of that answer instead of sending them again. Pure and import-free, so the client
// bundles `decodeDelta` without any server code.
//
// What is shared is known by identity: `objectiveInfos` returns the very same item object for an
// objective that did not change, so a keystroke in a 1,000-objective file answers about three
// entries (the run before, the changed item, the run after) instead of every item. An Enter or a
// deleted line moves every objective below it: those items are new objects equal to the old ones
// but for their lines, sent as runs with a line shift (`linesMoved`).

/**
 * `[from, count]`: items `from .. from + count - 1` of the answer named by `previousResultId`;
 * `[from, count, lines]`: the same items with every `line` in them moved by `lines`.
 */
export type Run = [from: number, count: number] | [from: number, count: number, lines: number];

/** How many lines `now` is `was` moved by (every `line` in it, at any depth), or 0 if it is not. */
export type LinesMoved<T> = (was: T, now: T) => number;

export interface DeltaParams {
  /** The `resultId` of the last answer the asker kept; `null` or unknown: every item in full. */
  previousResultId?: string | null;
}

export interface DeltaAnswer<T> {
  resultId: string;
  items: (T | Run)[];
}

/** Whether a request asks for the delta shape: a params object holding the key (value may be null). */
export function wantsDelta(params: unknown): params is DeltaParams {
  return typeof params === 'object' && params !== null && !Array.isArray(params) && 'previousResultId' in params;
}

/** Misses in a row after which `previous` is indexed by identity (a file added, removed or moved). */
const MISSES_BEFORE_INDEX = 16;

/**
 * `items` as entries against `previous` (no previous: every item in full). Items found in `previous`
 * become runs; consecutive ones merge. Both lists are walked in step: an item is looked for where the
 * walk expects it, one further (an item removed) and one back (an item inserted); a changed item is
 * a miss and goes in full. Only after several misses in a row is `previous` indexed by identity
 * (5 ms for 50,000 items: not worth it for one changed item), and those misses are looked at again.
 */
export function encodeDelta<T extends object>(
  items: readonly T[],
  previous?: readonly T[],
  moved?: LinesMoved<T>,
): (T | Run)[] {
  if (!previous || previous.length === 0) return items.slice();
  const out: (T | Run)[] = [];
  let positions: Map<T, number> | undefined;
  let misses = 0;
  let run: Run | undefined;
  // Where the next item is expected in `previous`: just after the last one found.
  let next = 0;
  for (let k = 0; k < items.length; k++) {
    const item = items[k];
    let at = -1;
    let lines = 0;
    if (previous[next] === item) at = next;
    else if (previous[next + 1] === item) at = next + 1;
    else if (next > 0 && previous[next - 1] === item) at = next - 1;
    else if (moved && next < previous.length && (lines = moved(previous[next], item)) !== 0) at = next;
    else if (positions) at = positions.get(item) ?? -1;
    else if (++misses > MISSES_BEFORE_INDEX) {
      positions = new Map();
      for (let i = 0; i < previous.length; i++) if (!positions.has(previous[i])) positions.set(previous[i], i);
      // Back to the first miss of this streak (each pushed one item and moved `next` one on): those
      // items may be elsewhere in `previous` (a file moved or removed). The run before the streak
      // stays closed: its next item was a miss.
      const back = misses - 1;
      out.length -= back;
      next -= back;
      k -= misses;
      misses = 0;
      run = undefined;
      continue;
    }
    if (at < 0) {
      out.push(item);
      run = undefined;
      // A changed item: the walk expects the one after the item it replaced.
      next++;
      continue;
    }
    misses = 0;
    if (run && run[0] + run[1] === at && (run[2] ?? 0) === lines) run[1]++;
    else out.push((run = lines ? [at, 1, lines] : [at, 1]));
    next = at + 1;
  }
  return out;
}

/**
 * The full list from entries and the list they were encoded against. Throws on a run outside
 * `previous` (an answer against a list the asker does not have): ask again without an id.
 */
export function decodeDelta<T>(entries: readonly (T | Run)[], previous: readonly T[] = []): T[] {
  const out: T[] = [];
  for (const e of entries) {
    if (!Array.isArray(e)) {
      out.push(e as T);
      continue;
    }
    const [from, count, lines = 0] = e as Run;
    if (
      !Number.isInteger(from) ||
      !Number.isInteger(count) ||
      !Number.isInteger(lines) ||
      from < 0 ||
      count < 0 ||
      from + count > previous.length
    )
      throw new RangeError(`run [${e.join(', ')}] outside the previous answer (${previous.length} items)`);
    for (let i = from; i < from + count; i++) out.push(lines ? moveLines(previous[i], lines) : previous[i]);
  }
  return out;
}

/** A copy of `value` with every numeric `line` in it, at any depth, moved by `lines`. */
export function moveLines<T>(value: T, lines: number): T {
  if (Array.isArray(value)) return value.map((x) => moveLines(x, lines)) as T;
  if (typeof value !== 'object' || value === null) return value;
  // A spread copies the item's shape at once; only lines and nested objects are then written.
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const k in out) {
    const x = out[k];
    if (k === 'line' && typeof x === 'number') out[k] = x + lines;
    else if (x !== null && typeof x === 'object') out[k] = moveLines(x, lines);
  }
  return out as T;
}

/**
 * `LinesMoved` for items with a numeric `line`: `now` equals `was` with every `line` in it (at any
 * depth) moved by the same non-zero amount, and everything else equal, so that `moveLines(was, d)`
 * rebuilds `now` exactly. Fails fast: an item whose own line did not move costs one comparison.
 */
export function linesMoved(was: unknown, now: unknown): number {
  const a = (was as { line?: unknown } | null)?.line;
  const b = (now as { line?: unknown } | null)?.line;
  if (typeof a !== 'number' || typeof b !== 'number' || a === b) return 0;
  return sameMoved(was, now, b - a) ? b - a : 0;
}

function sameMoved(a: unknown, b: unknown, lines: number): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameMoved(a[i], b[i], lines)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // Plain objects (JSON-like): their keys counted and compared without allocating arrays.
  let count = 0;
  for (const k in x) {
    count++;
    const v = x[k];
    if (!Object.hasOwn(y, k)) return false;
    if (k === 'line' && typeof v === 'number') {
      if (y[k] !== v + lines) return false;
    } else if (!sameMoved(v, y[k], lines)) return false;
  }
  for (const k in y) if (Object.hasOwn(y, k)) count--;
  return count === 0;
}

/**
 * The last answers of one request, by result id, so the next one can be a delta. Bounded: only the
 * `keep` newest are held (two: an asker whose request overlapped another still finds its base).
 */
export class DeltaAnswers<T extends object> {
  private readonly answers = new Map<string, readonly T[]>();
  private count = 0;
  /** Differs per server process: a restarted server never takes an old id for one of its own. */
  private readonly prefix = `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}.`;

  constructor(
    private readonly keep = 2,
    private readonly moved?: LinesMoved<T>,
  ) {}

  answer(items: readonly T[], previousResultId: string | null | undefined): DeltaAnswer<T> {
    const previous = typeof previousResultId === 'string' ? this.answers.get(previousResultId) : undefined;
    const resultId = this.prefix + ++this.count;
    const entries = encodeDelta(items, previous, this.moved);
    this.answers.set(resultId, items);
    for (const id of this.answers.keys()) {
      if (this.answers.size <= this.keep) break;
      this.answers.delete(id);
    }
    return { resultId, items: entries };
  }

  /** The result ids still held (oldest first), for tests. */
  ids(): string[] {
    return [...this.answers.keys()];
  }
}
