// Incremental Markdown parsing by section. A document is cut before every top-level ATX heading
// (`#`…`######` at column 0); each section is parsed alone by remark and the results are cached by
// section text, then merged into one mdast root with positions shifted to the whole document.
// The existing model Builder runs over the merged root, so there is still one model builder.
//
// Why cutting there is safe: a line starting with `#` at column 0 closes every container (list
// item, block quote) because it is neither indented enough to continue one nor lazy paragraph
// text, and an ATX heading interrupts a paragraph. Only constructs that run past such a line can
// swallow it: front matter, a top-level fenced code block, an HTML block. The scanner tracks those
// and, where it cannot be sure, stops cutting (fewer cuts is always safe). Reference definitions
// and footnotes act across the whole document, so a document that may hold one is not cut at all.
import type { Nodes, Root, RootContent } from 'mdast';
import { parseMarkdown } from './markdown';

export interface Section {
  /** Offset of the section in the text. */
  start: number;
  /** 0-based line of the section's first line. */
  line: number;
  text: string;
}

const HEADING = /^#{1,6}(?:[ \t]|$)/;
const FENCE_AT_0 = /^(`{3,}|~{3,})(.*)$/;
const FENCE_INDENTED = /^ {1,3}(?:`{3,}|~{3,})/;
const HTML_START = /^ {0,3}</;
const HTML_1 = /^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i;
const HTML_1_END = /<\/(?:script|pre|style|textarea)>/i;
const BLANK = /^[ \t]*$/;

type Mode =
  | { kind: 'normal' }
  | { kind: 'fence'; char: string; length: number }
  | { kind: 'html'; end: RegExp | null }
  | { kind: 'frontMatter' };

/** Whether the text may hold a link reference definition or a footnote definition. */
export function mayHoldDefinitions(text: string): boolean {
  return text.includes(']:');
}

/**
 * Cuts `text` before each top-level ATX heading that is certainly one. Concatenating the
 * sections' texts gives back `text`.
 */
export function splitSections(text: string): Section[] {
  const starts: { start: number; line: number }[] = [{ start: 0, line: 0 }];
  if (!mayHoldDefinitions(text)) scan(text, starts);
  return starts.map((s, i) => ({
    start: s.start,
    line: s.line,
    text: text.slice(s.start, i + 1 < starts.length ? starts[i + 1].start : text.length),
  }));
}

function scan(text: string, starts: { start: number; line: number }[]): void {
  let mode: Mode = { kind: 'normal' };
  let pos = 0;
  let line = 0;
  while (pos < text.length) {
    // One line: up to \n, \r\n or a lone \r (remark's line endings).
    let end = pos;
    while (end < text.length) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    const content = text.slice(pos, end);
    const next = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;

    switch (mode.kind) {
      case 'frontMatter':
        if (/^---[ \t]*$/.test(content)) mode = { kind: 'normal' };
        break;
      case 'fence': {
        const close = new RegExp(`^ {0,3}(${mode.char === '`' ? '`' : '~'}{${mode.length},})[ \\t]*$`);
        if (close.test(content)) mode = { kind: 'normal' };
        break;
      }
      case 'html':
        // A fence-like line inside what may only look like HTML: no certainty any more.
        if (FENCE_INDENTED.test(content) || FENCE_AT_0.test(content)) return;
        // Likewise another HTML opener with its own end (`<pre>` after a `<span>` line that was in
        // fact paragraph text starts a block that runs to `</pre>`, past blank lines).
        if (HTML_START.test(content) && htmlEnd(content)) return;
        if (mode.end ? mode.end.test(content) : BLANK.test(content)) mode = { kind: 'normal' };
        break;
      case 'normal': {
        if (line === 0 && /^---[ \t]*$/.test(content)) {
          mode = { kind: 'frontMatter' };
          break;
        }
        if (HEADING.test(content)) {
          if (pos > 0) starts.push({ start: pos, line });
          break;
        }
        const fence = FENCE_AT_0.exec(content);
        if (fence) {
          // A backtick fence's info string holds no backtick; otherwise the line is a paragraph.
          if (fence[1][0] === '`' && fence[2].includes('`')) break;
          mode = { kind: 'fence', char: fence[1][0], length: fence[1].length };
          break;
        }
        // Indented 1-3 spaces, a fence may belong to a list item or stand alone: stop cutting.
        if (FENCE_INDENTED.test(content)) return;
        if (HTML_START.test(content)) {
          const end = htmlEnd(content);
          if (end === undefined) break;
          mode = { kind: 'html', end };
          // Kinds 1-5 may end on their first line, after the opening marker.
          if (end && end.test(content.replace(/^ {0,3}(?:<!--|<\?|<!\[CDATA\[|<!|<)/, ''))) mode = { kind: 'normal' };
        }
        break;
      }
    }
    pos = next;
    line++;
  }
}

/**
 * For a line starting with `<`: the pattern that ends the HTML block (kinds 1-5), null for a
 * block that ends at a blank line (kinds 6-7, taken broadly), undefined when it is no HTML.
 */
function htmlEnd(content: string): RegExp | null | undefined {
  if (HTML_1.test(content)) return HTML_1_END;
  const rest = content.replace(/^ {0,3}/, '');
  if (rest.startsWith('<!--')) return /-->/;
  if (rest.startsWith('<?')) return /\?>/;
  if (rest.startsWith('<![CDATA[')) return /\]\]>/;
  if (/^<![A-Za-z]/.test(rest)) return />/;
  if (/^<\/?[A-Za-z]/.test(rest)) return null;
  return undefined;
}

interface Entry {
  root: Root;
  /** Shift currently applied to the cached nodes. */
  offset: number;
  line: number;
  /** Merge generation that last used it: a text seen twice in one document is parsed twice. */
  used: number;
}

/**
 * Parses a document section by section, reusing the sections whose text did not change since
 * the previous call. One instance per open document; not shared between documents.
 */
export class SectionParser {
  private cache = new Map<string, Entry>();
  private generation = 0;
  /** Sections parsed by remark in the last call, and sections in total (for tests and the benchmark). */
  lastParsed = 0;
  lastSections = 0;

  constructor(private readonly parse: (text: string) => Root = parseMarkdown) {}

  /** Same result as `parseMarkdown(text)` (positions included). */
  readonly parseMarkdown = (text: string): Root => {
    // remark drops a byte order mark from its offsets; the model builder never passes one.
    if (text.charCodeAt(0) === 0xfeff) return this.parse(text);
    const gen = ++this.generation;
    const sections = splitSections(text);
    const next = new Map<string, Entry>();
    const children: RootContent[] = [];
    let parsed = 0;
    sections.forEach((s, k) => {
      const last = k === sections.length - 1;
      // The key tells a last section apart: it is parsed with its final line ending (see below).
      const key = last ? `${s.text}\u0000` : s.text;
      let entry = this.cache.get(key) ?? next.get(key);
      if (!entry || entry.used === gen) {
        // In the whole document the next heading closes what is still open (a fence inside a list
        // item, say) before the line ending; at the end of a text remark closes it after. Parsing
        // the section without its final line ending gives the same positions as the whole document.
        entry = { root: this.parse(last ? s.text : withoutFinalEol(s.text)), offset: 0, line: 0, used: gen };
        parsed++;
      }
      entry.used = gen;
      if (entry.offset !== s.start || entry.line !== s.line) {
        const dOffset = s.start - entry.offset;
        const dLine = s.line - entry.line;
        for (const c of entry.root.children) shift(c, dOffset, dLine);
        entry.offset = s.start;
        entry.line = s.line;
      }
      if (!next.has(key)) next.set(key, entry);
      for (const c of entry.root.children) children.push(c);
    });
    this.cache = next;
    this.lastParsed = parsed;
    this.lastSections = sections.length;
    return { type: 'root', children, position: rootPosition(text) };
  };
}

function withoutFinalEol(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n') || text.endsWith('\r')) return text.slice(0, -1);
  return text;
}

function shift(node: Nodes, dOffset: number, dLine: number): void {
  const p = node.position;
  if (p) {
    p.start.line += dLine;
    p.end.line += dLine;
    if (p.start.offset !== undefined) p.start.offset += dOffset;
    if (p.end.offset !== undefined) p.end.offset += dOffset;
  }
  if ('children' in node) for (const c of node.children) shift(c as Nodes, dOffset, dLine);
}

/** The root position remark gives: from 1:1 to the end of the text. */
function rootPosition(text: string): Root['position'] {
  let line = 1;
  let lastStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lastStart = i + 1;
    }
  }
  return {
    start: { line: 1, column: 1, offset: 0 },
    end: { line, column: text.length - lastStart + 1, offset: text.length },
  };
}
