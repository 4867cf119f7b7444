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
import { pairWithPrevious, type Keyed } from './pairing';

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

/** First characters of a line that the `normal` mode of `scan` may act on (by char code; all ASCII). */
const MAY_MATTER = new Uint8Array(128);
for (const c of '#`~ <-') MAY_MATTER[c.charCodeAt(0)] = 1;

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
export function splitSections(text: string, lineStarts?: readonly number[]): Section[] {
  const starts: { start: number; line: number }[] = [{ start: 0, line: 0 }];
  if (!mayHoldDefinitions(text)) scan(text, starts, lineStarts);
  return starts.map((s, i) => ({
    start: s.start,
    line: s.line,
    text: text.slice(s.start, i + 1 < starts.length ? starts[i + 1].start : text.length),
  }));
}

/** `lineStarts`, when given, are the text's line starts (text.ts LineIndex: the same line breaks). */
function scan(text: string, starts: { start: number; line: number }[], lineStarts?: readonly number[]): void {
  let mode: Mode = { kind: 'normal' };
  let pos = 0;
  let line = 0;
  while (pos < text.length) {
    // Most lines of a normal stretch start with none of `#`, a fence character, a space, `<` or
    // `-` (front matter): nothing below can match them.
    const first = text.charCodeAt(pos);
    const skip = mode.kind === 'normal' && plainLine(text, pos, first, line);
    if (skip && lineStarts) {
      pos = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
      line++;
      continue;
    }
    // One line: up to \n, \r\n or a lone \r (remark's line endings).
    const end = lineEnd(text, pos);
    const next = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    if (skip) {
      pos = next;
      line++;
      continue;
    }
    const content = text.slice(pos, end);

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
 * Whether a line (starting at `pos`, first character `first`) is certainly none of what the
 * `normal` mode looks for: a heading, a fence, an HTML start or front matter. Conservative.
 */
function plainLine(text: string, pos: number, first: number, line: number): boolean {
  if (first < 128 && !MAY_MATTER[first]) return true;
  // `-` matters on the first line only (front matter); a list item elsewhere.
  if (first === 45) return line > 0;
  if (first === 32) {
    // Up to three spaces before a fence or `<`: look past them.
    let k = pos + 1;
    while (k < pos + 4 && text.charCodeAt(k) === 32) k++;
    const c = text.charCodeAt(k);
    return c !== 96 && c !== 126 && c !== 60;
  }
  return false;
}

/** The end of the line starting at `pos`: its \n, \r or the end of the text. */
function lineEnd(text: string, pos: number): number {
  let end = pos;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13) break;
    end++;
  }
  return end;
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

/**
 * Where a tree from `SectionParser.parseMarkdown` was cut: the offset of every section start. The
 * nodes between two cuts are a function of the text between them (and of whether it ends the
 * document), which lets the model builder reuse whole objectives (parse/index.ts).
 */
const cutsOf = new WeakMap<Root, ReadonlySet<number>>();
export function sectionCuts(root: Root): ReadonlySet<number> | undefined {
  return cutsOf.get(root);
}

/**
 * Moving a cached section moves its top-level nodes at once and their descendants only when
 * somebody reads them (`settle`): after a keystroke near the top of a big file, the model builder
 * reads a few sections and reuses the rest whole (parse/index.ts). What each top-level node's
 * descendants still have to move by:
 */
const pending = new WeakMap<RootContent, { offset: number; line: number }>();

/** Brings the positions inside a top-level node up to date (a no-op for nodes of any other tree). */
export function settle(node: RootContent): void {
  const p = pending.get(node);
  if (!p || (p.offset === 0 && p.line === 0)) return;
  if ('children' in node) for (const c of node.children) shift(c as Nodes, p.offset, p.line);
  p.offset = 0;
  p.line = 0;
}

type LazyParse = (text: string, lineStarts?: readonly number[]) => Root;
const lazyOf = new WeakMap<(text: string) => Root, LazyParse>();
/** For a `SectionParser`'s `parseMarkdown`: the same parse with positions below the top level left to `settle`. */
export function lazyMarkdown(markdown: (text: string) => Root): LazyParse | undefined {
  return lazyOf.get(markdown);
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
  /** The last call's sections, in order, with the key each was cached under. */
  private previous: Keyed<Entry>[] = [];
  private generation = 0;
  /** Sections parsed by remark in the last call, and sections in total (for tests and the benchmark). */
  lastParsed = 0;
  lastSections = 0;

  constructor(private readonly parse: (text: string) => Root = parseMarkdown) {
    lazyOf.set(this.parseMarkdown, this.parseLazy);
  }

  /** Same result as `parseMarkdown(text)` (positions included). */
  readonly parseMarkdown = (text: string): Root => {
    const root = this.parseLazy(text);
    for (const c of root.children) settle(c);
    return root;
  };

  /**
   * `parseMarkdown`, but call `settle` on a top-level node before reading below it. `lineStarts`,
   * when given, are the text's line starts (text.ts LineIndex): the root's end comes from them.
   */
  private readonly parseLazy = (text: string, lineStarts?: readonly number[]): Root => {
    // remark drops a byte order mark from its offsets; the model builder never passes one.
    if (text.charCodeAt(0) === 0xfeff) return this.parse(text);
    const gen = ++this.generation;
    const sections = splitSections(text, lineStarts);
    const n = sections.length;
    // The key tells a last section apart: it is parsed with its final line ending (see below).
    const keys = sections.map((s, k) => (k === n - 1 ? `${s.text}\u0000` : s.text));
    const cached = pairWithPrevious(this.previous, keys);
    const children: RootContent[] = [];
    const next: Keyed<Entry>[] = [];
    let parsed = 0;
    sections.forEach((s, k) => {
      const last = k === n - 1;
      const key = keys[k];
      let entry = cached[k];
      if (!entry || entry.used === gen) {
        // In the whole document the next heading closes what is still open (a fence inside a list
        // item, say) before the line ending; at the end of a text remark closes it after. Parsing
        // the section without its final line ending gives the same positions as the whole document.
        // A copy of the section's text: the tree's strings are slices of what it parses, and a
        // slice of the whole text would keep that version of the document alive with the section.
        const own = ` ${last ? s.text : withoutFinalEol(s.text)}`.slice(1);
        entry = { root: this.parse(own), offset: 0, line: 0, used: gen };
        parsed++;
      }
      entry.used = gen;
      if (entry.offset !== s.start || entry.line !== s.line) {
        const dOffset = s.start - entry.offset;
        const dLine = s.line - entry.line;
        for (const c of entry.root.children) {
          shiftOwn(c, dOffset, dLine);
          const p = pending.get(c);
          if (p) {
            p.offset += dOffset;
            p.line += dLine;
          } else pending.set(c, { offset: dOffset, line: dLine });
        }
        entry.offset = s.start;
        entry.line = s.line;
      }
      next.push({ key, value: entry });
      for (const c of entry.root.children) children.push(c);
    });
    this.previous = next;
    this.lastParsed = parsed;
    this.lastSections = n;
    const root: Root = {
      type: 'root',
      children,
      position: lineStarts ? endFromLines(text, lineStarts) : rootPosition(text),
    };
    cutsOf.set(root, new Set(sections.map((s) => s.start)));
    return root;
  };
}

/** `rootPosition`, from the text's line starts. */
function endFromLines(text: string, lineStarts: readonly number[]): Root['position'] {
  const lastStart = lineStarts[lineStarts.length - 1];
  return {
    start: { line: 1, column: 1, offset: 0 },
    end: { line: lineStarts.length, column: text.length - lastStart + 1, offset: text.length },
  };
}

/**
 * The top-level nodes of a stretch of a document that starts and ends where `splitSections` cuts
 * (or ends the document: `last`), parsed alone and moved to where it starts (`offset`, 0-based
 * `line`): by the cut proof, the nodes the whole document's tree has there. A stretch before
 * another section is parsed without its final line ending, as `SectionParser` parses that section.
 */
export function parseStretch(text: string, offset: number, line: number, last: boolean): RootContent[] {
  const root = parseMarkdown(last ? text : withoutFinalEol(text));
  for (const c of root.children) shift(c, offset, line);
  return root.children;
}

/** Whether `splitSections` cuts `text + next` right before `next` (the line that follows `text`). */
export function cutsBefore(text: string, next: string): boolean {
  const s = splitSections(text + next);
  return s[s.length - 1].start === text.length;
}

function withoutFinalEol(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n') || text.endsWith('\r')) return text.slice(0, -1);
  return text;
}

function shift(node: Nodes, dOffset: number, dLine: number): void {
  shiftOwn(node, dOffset, dLine);
  if ('children' in node) for (const c of node.children) shift(c as Nodes, dOffset, dLine);
}

function shiftOwn(node: Nodes, dOffset: number, dLine: number): void {
  const p = node.position;
  if (p) {
    p.start.line += dLine;
    p.end.line += dLine;
    if (p.start.offset !== undefined) p.start.offset += dOffset;
    if (p.end.offset !== undefined) p.end.offset += dOffset;
  }
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
