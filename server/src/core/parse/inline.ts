import type { Link, Nodes } from 'mdast';
import { endOf, startOf } from './markdown';

/**
 * The text of an inline container (heading, paragraph) as a string of the same
 * length as its source, where syntax (emphasis marks, link destinations, HTML)
 * is blanked with spaces. Scanning it gives exact source offsets.
 */
export interface InlineText {
  start: number;
  end: number;
  /** Text and inline code kept: for titles. */
  plain: string;
  /** Text only: for quantities, dates and placeholders. */
  scan: string;
  links: Link[];
}

/** `s` with every character but line breaks turned into a space (one per UTF-16 unit: offsets stay valid). */
export function blank(s: string): string {
  if (s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return ' '.repeat(s.length);
  return s.replace(/[^\r\n]/g, ' ');
}

export function inlineText(node: Nodes, source: string, base: number): InlineText {
  const start = startOf(node) + base;
  const end = endOf(node) + base;
  const textRanges: [number, number][] = [];
  const codeRanges: [number, number][] = [];
  const links: Link[] = [];
  // A plain recursion, not `walk` with a callback: this runs for every heading and list item.
  const visit = (n: Nodes): void => {
    if (n.type === 'text') {
      textRanges.push([startOf(n) + base, endOf(n) + base]);
    } else if (n.type === 'inlineCode') {
      const s = startOf(n) + base;
      const e = endOf(n) + base;
      let ticks = 0;
      while (s + ticks < e && source.charCodeAt(s + ticks) === 96 /* ` */) ticks++;
      if (e - s > ticks * 2) codeRanges.push([s + ticks, e - ticks]);
    } else if (n.type === 'link') {
      links.push(n);
    } else if (n.type === 'html' || n.type === 'image') {
      return;
    }
    if ('children' in n) for (const c of n.children) visit(c as Nodes);
  };
  visit(node);
  return {
    start,
    end,
    plain: compose(source, start, end, [...textRanges, ...codeRanges]),
    scan: compose(source, start, end, textRanges),
    links,
  };
}

function compose(source: string, start: number, end: number, keep: [number, number][]): string {
  if (keep.length > 1) keep.sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = start;
  for (const [s0, e0] of keep) {
    const s = Math.max(s0, pos);
    const e = Math.min(e0, end);
    if (e <= s) continue;
    // Nothing to blank between two kept parts (or before the first) is common: no empty slice.
    out += s > pos ? blank(source.slice(pos, s)) + source.slice(s, e) : source.slice(s, e);
    pos = e;
  }
  if (end > pos) out += blank(source.slice(pos, end));
  return out;
}

/** Collapses whitespace for display. */
export function displayText(s: string): string {
  // Most titles are already clean (single spaces between words, maybe white space around them):
  // checking is cheaper than rebuilding.
  let a = 0;
  let b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  let lastSpace = false;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (lastSpace) return displayTextPlain(s);
      lastSpace = true;
    } else if (isSpace(c)) {
      return displayTextPlain(s);
    } else {
      lastSpace = false;
    }
  }
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** The plain way (test/core/fastPaths.test.ts compares the two). */
export function displayTextPlain(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** What `\s` matches. */
function isSpace(c: number): boolean {
  return c === 32 || (c <= 13 ? c >= 9 : c >= 0xa0 && (c === 0xa0 || c >= 0x1680) && isOtherSpace(c));
}

/** Separators and dashes around a check-in's note (what the plain way's classes hold besides `\s`). */
function isNoteEdge(c: number): boolean {
  return (
    c === 0xb7 /* · */ ||
    c === 0x2022 /* • */ ||
    c === 124 /* | */ ||
    c === 44 /* , */ ||
    c === 59 /* ; */ ||
    c === 45 /* - */ ||
    c === 0x2013 /* – */ ||
    c === 0x2014 /* — */ ||
    isSpace(c)
  );
}

/** `s` without a leading run of `lead` characters and a trailing run of `trail` characters. */
function trimRuns(s: string, lead: (c: number) => boolean, trail: (c: number) => boolean): string {
  let a = 0;
  let b = s.length;
  while (a < b && lead(s.charCodeAt(a))) a++;
  while (b > a && trail(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

const isNoteStart = (c: number) => c === 58 /* : */ || c === 0xff1a /* ： */ || isNoteEdge(c);

/**
 * A check-in's note from its scanned text with the value blanked: separators, dashes and a colon
 * trimmed, doubled separators joined. Loops instead of the plain way's anchored regular
 * expressions, which try every position of the long blank runs these texts hold.
 */
export function checkInNote(note: string): string {
  let s = trimRuns(note, isNoteStart, isNoteEdge);
  // Joining needs two separators.
  let separators = 0;
  for (let i = 0; i < s.length && separators < 2; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xb7 || c === 0x2022 || c === 124) separators++;
  }
  if (separators >= 2) s = s.replace(/\s*[·•|]\s*[·•|]\s*/g, ' · ');
  return trimRuns(displayText(s), isNoteEdge, isNoteEdge);
}

/** The plain way (test/core/fastPaths.test.ts compares the two). */
export function checkInNotePlain(note: string): string {
  return displayTextPlain(
    note.replace(/^[\s·•|,;:：\-–—]+|[\s·•|,;\-–—]+$/g, '').replace(/\s*[·•|]\s*[·•|]\s*/g, ' · '),
  ).replace(/^[·•|,;\-–—\s]+|[·•|,;\-–—\s]+$/g, '');
}

/** What `\s` matches beyond ASCII. */
function isOtherSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
