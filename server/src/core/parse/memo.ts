// Per-document memory of the model builder's line-local work, from one version to the next. A key
// result is a pure function of its lines (text from the start of its first line to its end), the
// document's language and the line it starts on; keyed by the first two, a result from the
// previous version is reused as is on the same line and copied with its lines shifted on another
// (an Enter above it). Only the numbering that depends on earlier items is redone. Proven equal to
// a fresh build by test/core/buildMemo.test.ts.

import type { OkrDocument } from '../model';
import { NestingMemo } from './guardMemo';

interface Entry {
  line: number;
  value: unknown;
}

export class BuildMemo {
  /** The nesting guard's share of each chunk of the text (parse/guardMemo.ts). */
  readonly nesting = new NestingMemo();
  private prev = new Map<string, Entry>();
  private next = new Map<string, Entry>();
  /** Whole objectives (parse/index.ts `ObjectiveMemo`) by start line; the builder checks the rest of the key. */
  private prevObjectives = new Map<number, unknown>();
  private nextObjectives = new Map<number, unknown>();
  hits = 0;
  misses = 0;
  objectiveHits = 0;
  objectiveMisses = 0;
  /** What the builder read from a heading node's own text (parse/index.ts `classifyHeadings`). */
  readonly headings = new WeakMap<object, unknown>();
  /** Whether the last build gave up reusing objectives and built them all again. */
  restarted = false;
  /** Whether the last build was one objective built into the version before (parse/index.ts `spliceEdit`). */
  spliced = false;
  /** The last version built with this memo: what a keystroke is compared with (parse/index.ts `spliceEdit`). */
  last: { text: string; doc: OkrDocument } | null = null;

  /** Starts a build: entries the previous build used stay available. */
  begin(): void {
    this.hits = 0;
    this.misses = 0;
    this.objectiveHits = 0;
    this.objectiveMisses = 0;
    this.restarted = false;
    this.spliced = false;
  }

  /** Ends a build: what it did not use is dropped, so memory follows the document. */
  end(): void {
    this.prev = this.next;
    this.next = new Map();
    this.prevObjectives = this.nextObjectives;
    this.nextObjectives = new Map();
    this.byText = null;
  }

  /** A build that gave up on reusing objectives (parse/index.ts) starts over: nothing it took is lost. */
  restart(): void {
    this.restarted = true;
    for (const [k, v] of this.next) if (!this.prev.has(k)) this.prev.set(k, v);
    this.next = new Map();
    // The second build reuses no objective (it builds and remembers every one).
    this.nextObjectives = new Map();
  }

  /** The objective the previous version had on this line, if any (one per line: never given twice). */
  objectiveAt<T>(line: number): T | undefined {
    return this.prevObjectives.get(line) as T | undefined;
  }

  private byText: Map<string, unknown> | null = null;

  /** An objective of the previous version with this text, on whatever line (lines moved: an Enter above it). */
  objectiveWithText<T extends { text: string }>(text: string): T | undefined {
    if (!this.byText) {
      this.byText = new Map();
      for (const v of this.prevObjectives.values()) this.byText.set((v as T).text, v);
    }
    return this.byText.get(text) as T | undefined;
  }

  putObjective(line: number, value: unknown): void {
    this.nextObjectives.set(line, value);
  }

  /** The previous version's objective that starts last on or before `line`, with its start line. */
  objectiveBefore<T>(line: number): { line: number; value: T } | undefined {
    let best = -1;
    for (const l of this.prevObjectives.keys()) if (l <= line && l > best) best = l;
    return best < 0 ? undefined : { line: best, value: this.prevObjectives.get(best) as T };
  }

  /** Every objective of the previous version stays, but the one on `line`, which becomes `value`. */
  keepObjectivesBut(line: number, value: unknown): void {
    // The previous map itself: `end` makes it the previous one again.
    this.nextObjectives = this.prevObjectives;
    this.nextObjectives.set(line, value);
  }

  /** Undoes the key result lookups of a build that was given up: the next build finds them again. */
  forgetLookups(): void {
    for (const [k, v] of this.next) if (!this.prev.has(k)) this.prev.set(k, v);
    this.next = new Map();
  }

  get<T>(key: string, line: number): T | undefined {
    // A second item with the same text in one version is built afresh: results are never shared
    // within a document.
    const e = this.next.has(key) ? undefined : this.prev.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    this.prev.delete(key);
    const value = (e.line === line ? e.value : shiftLines(e.value, line - e.line)) as T;
    this.next.set(key, { line, value });
    this.hits++;
    return value;
  }

  put(key: string, line: number, value: unknown): void {
    if (!this.next.has(key)) this.next.set(key, { line, value });
  }
}

/**
 * Replaces, in place, every string inside `value` (plain objects and arrays) by a copy of its
 * characters. The builder's strings are slices of the version's whole text: an objective kept
 * across versions would otherwise keep every version it was built from alive. Equal content, so
 * nothing observable changes.
 */
export function detachStrings(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) {
      const v = value[k];
      if (typeof v === 'string') value[k] = own(v);
      else detachStrings(v);
    }
    return;
  }
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (typeof v === 'string') o[key] = own(v);
    else detachStrings(v);
  }
}

/** The same characters in a string of their own (short strings are copies already). */
function own(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/**
 * Objects copied with their lines moved (an objective below an Enter): what each was copied from and
 * by how many lines. Caches keyed by objective (lens titles, tree items, findings) carry over to the
 * copy what does not depend on lines, instead of computing it again for every objective below.
 */
const moves = new WeakMap<object, { from: object; delta: number }>();

export function movedFrom<T extends object>(copy: T): { from: T; delta: number } | undefined {
  return moves.get(copy) as { from: T; delta: number } | undefined;
}

export function recordMove<T extends object>(copy: T, from: T, delta: number): void {
  moves.set(copy, { from, delta });
}

/**
 * `shiftLines` for what was computed about a moved objective that started at line `from`: positions
 * from that line on move; a position at the document's start (line 0: a fix that adds front matter)
 * stays. Null when anything else lies above the objective: whether it moved too is not known.
 */
export function shiftLinesFrom<T>(value: T, from: number, delta: number): T | null {
  const move = { from, delta, above: false };
  const out = copy(value, move) as T;
  return move.above ? null : out;
}

/** A deep copy with every position's line moved by `delta` (positions are `{ line, character }`). */
export function shiftLines<T>(value: T, delta: number): T {
  return copy(value, { from: -Infinity, delta, above: false }) as T;
}

/** Lines from `from` on move by `delta`; `above` is set when a position above it (not line 0) is met. */
interface Move {
  from: number;
  delta: number;
  above: boolean;
}

function lineOf(line: number, m: Move): number {
  if (line >= m.from) return line + m.delta;
  if (line !== 0) m.above = true;
  return line;
}

function copy(v: unknown, m: Move): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copy(v[i], m);
    return out;
  }
  const o = v as Record<string, unknown>;
  // Positions and ranges are most of the objects of a model: made as literals, without walking
  // their keys (a generic copy of every object made an Enter in a 1,000-objective file cost 60 ms).
  if (isPosition(o)) return { line: lineOf(o.line, m), character: o.character };
  const start = o.start as Record<string, unknown> | undefined;
  const end = o.end as Record<string, unknown> | undefined;
  if (start && end && isPosition(start) && isPosition(end) && keyCount(o) === 2) {
    return {
      start: { line: lineOf(start.line, m), character: start.character },
      end: { line: lineOf(end.line, m), character: end.character },
    };
  }
  // A spread copies the object's shape at once; then only the fields that hold objects are copied.
  const out: Record<string, unknown> = { ...o };
  for (const k in out) {
    const x = out[k];
    if (x !== null && typeof x === 'object') out[k] = copy(x, m);
  }
  if (typeof o.line === 'number' && typeof o.character === 'number') out.line = lineOf(o.line, m);
  return out;
}

/** `{ line, character }` and nothing else. */
function isPosition(o: Record<string, unknown>): o is { line: number; character: number } {
  return typeof o.line === 'number' && typeof o.character === 'number' && keyCount(o) === 2;
}

function keyCount(o: object): number {
  let n = 0;
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) n++;
  return n;
}
