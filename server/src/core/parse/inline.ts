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
  keep.sort((a, b) => a[0] - b[0]);
  let out = '';
  let pos = start;
  for (const [s0, e0] of keep) {
    const s = Math.max(s0, pos);
    const e = Math.min(e0, end);
    if (e <= s) continue;
    out += blank(source.slice(pos, s)) + source.slice(s, e);
    pos = e;
  }
  out += blank(source.slice(pos, end));
  return out;
}

/** Collapses whitespace for display. */
export function displayText(s: string): string {
  // Most titles are already clean (single spaces between words): checking is cheaper than rebuilding.
  let lastSpace = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (lastSpace) return s.replace(/\s+/g, ' ').trim();
      lastSpace = true;
    } else if (c <= 13 ? c >= 9 : c >= 0xa0 && isOtherSpace(c)) {
      return s.replace(/\s+/g, ' ').trim();
    } else {
      lastSpace = false;
    }
  }
  return lastSpace ? s.replace(/\s+/g, ' ').trim() : s;
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
