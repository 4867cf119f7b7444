import type { Link, Nodes } from 'mdast';
import { endOf, startOf, walk } from './markdown';

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

function blank(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}

export function inlineText(node: Nodes, source: string, base: number): InlineText {
  const start = startOf(node) + base;
  const end = endOf(node) + base;
  const textRanges: [number, number][] = [];
  const codeRanges: [number, number][] = [];
  const links: Link[] = [];
  walk(node, (n) => {
    if (n.type === 'text') {
      textRanges.push([startOf(n) + base, endOf(n) + base]);
    } else if (n.type === 'inlineCode') {
      const s = startOf(n) + base;
      const e = endOf(n) + base;
      const raw = source.slice(s, e);
      const ticks = /^`+/.exec(raw)?.[0].length ?? 0;
      if (e - s > ticks * 2) codeRanges.push([s + ticks, e - ticks]);
    } else if (n.type === 'link') {
      links.push(n);
    } else if (n.type === 'html' || n.type === 'image') {
      return false;
    }
    return true;
  });
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
  return s.replace(/\s+/g, ' ').trim();
}
