// A fast reader for the plain shape most OKR files have: front matter, ATX headings, paragraphs,
// tight lists (bullets, numbers, task boxes) and inline text with plain `[links](dest)`. It gives
// the mdast remark would give, positions included, or null as soon as it meets anything else
// (emphasis, code, HTML, tables, quotes, loose lists, tabs, escapes, definitions...), and the
// caller falls back to remark. Returning null is always correct, just slower; returning a tree is
// proven equal to remark's by test/core/fastMarkdown.test.ts (corpus, fixtures, samples, fuzzing).
import type { Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';

interface Point {
  line: number;
  column: number;
  offset: number;
}

/** A list marker at the start of a line. */
interface Segment {
  line: number;
  a: number;
  e: number;
}

interface Marker {
  indent: number;
  ordered: boolean;
  /** `-`, `*`, `+`, `.` or `)`: lists continue only with the same one. */
  kind: string;
  start: number;
  /** Marker width plus the spaces after it: the item's content column is indent + width. */
  width: number;
  /** Column (in the line) where the content starts, or -1 for an empty item. */
  content: number;
}

const BAIL = Symbol('bail');

// Characters whose inline meaning this reader does not model.
const INLINE_SPECIAL = /[`*_<\\~]|!\[/;
const ENTITY = /&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{0,31});/;
// GFM autolink literals start at these.
const AUTOLINK_START = /www\.|https?:\/\/|[A-Za-z0-9._+-]@/i;
// A bare web address this reader turns into a link: host and path made of unambiguous characters;
// inner punctuation only when more address follows (GFM trims it at the end). Host labels start and
// end with a letter or digit: GFM reads others differently depending on the container.
const URL_LITERAL =
  /https?:\/\/[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*(?:[.:][A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*)*(?:[/?#=&%+][A-Za-z0-9\-/%=&+#]*(?:[.,:?!][A-Za-z0-9\-/%=&+#]+)*)*/g;
const LINK = /^\[([^[\]\r\n]+)\]\(([^\s()<>\\]*)\)/;
// `[placeholder]` not followed by something that could make it a link or a reference.
const LITERAL_BRACKETS = /^\[[^[\]^\r\n]*\](?![[(:])/;
const TASK = /^\[([ xX])\] (?=[^ ])/;

export function fastMarkdown(text: string): Root | null {
  // Tabs, NUL, lone CR and other rare control characters, a BOM, and any definition (`]:` acts across
  // the whole document) are remark's job.
  if (/[\t\0\f\v]|\r(?!\n)|\]:/.test(text) || text.charCodeAt(0) === 0xfeff) return null;
  try {
    return new FastReader(text).read();
  } catch (e) {
    if (e === BAIL) return null;
    throw e;
  }
}

class FastReader {
  /** Start offset of each line, and end offset of its content (before the line ending). */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly n: number;

  constructor(private readonly text: string) {
    let pos = 0;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      const end = nl < 0 ? text.length : nl;
      this.starts.push(pos);
      this.ends.push(end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
      if (nl < 0) break;
      pos = nl + 1;
    }
    this.n = this.starts.length;
  }

  private pt(line: number, offset: number): Point {
    return { line: line + 1, column: offset - this.starts[line] + 1, offset };
  }

  private line(i: number): string {
    return this.text.slice(this.starts[i], this.ends[i]);
  }

  read(): Root {
    const children: RootContent[] = [];
    let i = 0;
    if (this.line(0).startsWith('---') && /^---\s*$/.test(this.line(0))) {
      let j = 1;
      while (j < this.n && !this.line(j).startsWith('---')) j++;
      // Fences with trailing spaces have rules of their own; so has a missing closing fence.
      if (j >= this.n || this.line(j) !== '---' || this.line(0) !== '---') throw BAIL;
      children.push({
        type: 'yaml',
        value: j > 1 ? this.text.slice(this.starts[1], this.ends[j - 1]) : '',
        position: { start: this.pt(0, 0), end: this.pt(j, this.ends[j]) },
      });
      i = j + 1;
    }
    for (let k = i; k < this.n; k++) this.precheck(this.line(k));
    while (i < this.n) {
      const s = this.line(i);
      const ind = indentOf(s);
      if (ind === s.length) {
        i++;
        continue;
      }
      if (ind >= 4) throw BAIL; // indented code
      if (s.charCodeAt(ind) === 35 /* # */ && headingDepth(s, ind) > 0) {
        if (ind > 0) throw BAIL;
        children.push(this.heading(i));
        i++;
        continue;
      }
      const m = marker(s);
      if (m) {
        if (ind > 0) throw BAIL;
        const r = this.list(i, m, []);
        children.push(r.node);
        i = r.next;
        continue;
      }
      const r = this.paragraph(i, ind, -1);
      children.push(r.node);
      i = r.next;
    }
    const last = this.n - 1;
    return {
      type: 'root',
      children,
      position: { start: { line: 1, column: 1, offset: 0 }, end: this.pt(last, this.text.length) },
    };
  }

  /** Lines that open a construct this reader leaves to remark, wherever they are. */
  private precheck(s: string): void {
    const ind = indentOf(s);
    if (ind === s.length) return;
    const c = s[ind];
    if (c === '>' || c === '<' || c === '|') throw BAIL;
    if (s.startsWith('```', ind) || s.startsWith('~~~', ind)) throw BAIL;
    // Thematic breaks, setext underlines, table delimiter rows, empty bullet items.
    if (/^[ \-=|:*_+]+$/.test(s)) throw BAIL;
  }

  private heading(i: number): Heading {
    const s = this.line(i);
    const depth = headingDepth(s, 0);
    let a = depth;
    while (s.charCodeAt(a) === 32) a++;
    let e = s.length;
    while (e > a && s.charCodeAt(e - 1) === 32) e--;
    // A closing `#` sequence has its own rules.
    if (e > a && s.charCodeAt(e - 1) === 35) throw BAIL;
    const base = this.starts[i];
    const children = e > a ? this.inline([{ line: i, a: base + a, e: base + e }]) : [];
    return {
      type: 'heading',
      depth: depth as Heading['depth'],
      children,
      position: { start: this.pt(i, base), end: this.pt(i, this.ends[i]) },
    };
  }

  /**
   * A paragraph starting at line i, column `col`. Inside a list item (`itemCol` >= 0) it continues on
   * lines indented at least `itemCol`; at top level on any line that does not start a block.
   */
  private paragraph(i: number, col: number, itemCol: number): { node: Paragraph; next: number } {
    let j = i + 1;
    for (; j < this.n; j++) {
      const s = this.line(j);
      const ind = indentOf(s);
      if (ind === s.length) break;
      if (itemCol >= 0) {
        const m = marker(s);
        if (ind < itemCol) {
          // A heading at column 0 ends the list; any other line would be a lazy continuation.
          if (ind === 0 && s.charCodeAt(0) === 35 && headingDepth(s, 0) > 0) break;
          if (m) break;
          throw BAIL;
        }
        if (m) {
          if (ind >= itemCol + 4) throw BAIL;
          break; // a nested list
        }
        if (s.charCodeAt(ind) === 35 && headingDepth(s, ind) > 0) throw BAIL;
        continue;
      }
      if (s.charCodeAt(ind) === 35 && headingDepth(s, ind) > 0) break;
      const m = marker(s);
      // Bullets and lists starting at 1 interrupt a paragraph; `2.` does not.
      if (m && ind < 4 && (!m.ordered || m.start === 1)) break;
    }
    const first = this.starts[i] + col;
    const lastLine = j - 1;
    const lineEnd = this.ends[lastLine];
    const segs: Segment[] = [];
    for (let k = i; k <= lastLine; k++) {
      const s = this.line(k);
      const a = k === i ? col : indentOf(s);
      let e = s.length;
      while (e > a && s.charCodeAt(e - 1) === 32) e--;
      if (k < lastLine && s.length - e >= 2) throw BAIL; // a hard break
      segs.push({ line: k, a: this.starts[k] + a, e: this.starts[k] + e });
    }
    return {
      node: {
        type: 'paragraph',
        children: this.inline(segs),
        position: { start: this.pt(i, first), end: this.pt(lastLine, lineEnd) },
      },
      next: j,
    };
  }

  /**
   * Inline content over one or more lines (each [a, e) with its indent and trailing spaces left out).
   * Text runs across line endings as one node, the way remark joins them.
   */
  private inline(segs: Segment[]): PhrasingContent[] {
    const out: PhrasingContent[] = [];
    let pending: Text | null = null;
    const addText = (line: number, from: number, to: number, value = this.text.slice(from, to), fromLine = line) => {
      if (to <= from && !value) return;
      if (pending) {
        pending.value += value;
        pending.position!.end = this.pt(line, to);
      } else {
        pending = { type: 'text', value, position: { start: this.pt(fromLine, from), end: this.pt(line, to) } };
      }
    };
    const flush = () => {
      if (pending) out.push(pending);
      pending = null;
    };
    for (let n = 0; n < segs.length; n++) {
      const { line, a, e } = segs[n];
      if (n > 0) {
        const prev = segs[n - 1].line;
        // The line ending joins the text; a node starting there starts after the trailing spaces.
        addText(line, this.ends[prev], this.starts[line], this.text.slice(this.ends[prev], this.starts[line]), prev);
      }
      const seg = this.text.slice(a, e);
      if (INLINE_SPECIAL.test(seg) || ENTITY.test(seg)) throw BAIL;
      let textStart = 0;
      let k = 0;
      while (k < seg.length) {
        const c = seg.charCodeAt(k);
        if (c === 91 /* [ */) {
          const rest = seg.slice(k);
          const m = LINK.exec(rest);
          if (m) {
            this.plain(seg, a, line, textStart, k, addText, flush, out);
            flush();
            const label = m[1];
            if (AUTOLINK_START.test(label)) throw BAIL;
            out.push({
              type: 'link',
              title: null,
              url: m[2],
              children: [this.textNode(label, line, a + k + 1, line, a + k + 1 + label.length)],
              position: { start: this.pt(line, a + k), end: this.pt(line, a + k + m[0].length) },
            });
            k += m[0].length;
            textStart = k;
            continue;
          }
          const lit = LITERAL_BRACKETS.exec(rest);
          if (!lit) throw BAIL;
          k += lit[0].length;
          continue;
        }
        k++;
      }
      this.plain(seg, a, line, textStart, seg.length, addText, flush, out);
    }
    flush();
    return out;
  }

  /** Plain text of a segment, with GFM's bare `http(s)://` links; other autolink forms bail. */
  private plain(
    seg: string,
    a: number,
    line: number,
    from: number,
    to: number,
    addText: (line: number, from: number, to: number) => void,
    flush: () => void,
    out: PhrasingContent[],
  ): void {
    if (to <= from) return;
    const v = seg.slice(from, to);
    if (!AUTOLINK_START.test(v)) {
      addText(line, a + from, a + to);
      return;
    }
    URL_LITERAL.lastIndex = 0;
    let at = 0;
    let m: RegExpExecArray | null;
    while ((m = URL_LITERAL.exec(v))) {
      const s = m.index;
      const e = s + m[0].length;
      const before = s > 0 ? v.charCodeAt(s - 1) : from > 0 ? seg.charCodeAt(from - 1) : 32;
      const after = e < v.length ? v[e] : '';
      // GFM starts one anywhere but after an ASCII letter; the end must be unambiguous.
      const afterLetter = (before >= 65 && before <= 90) || (before >= 97 && before <= 122);
      // A `)` right after is trimmed (unbalanced) only when the address would end there anyway.
      const closing = after === ')' && !m[0].includes('(') && (e + 1 === v.length || v[e + 1] === ' ');
      if (afterLetter || !(after === '' || after === ' ' || closing)) {
        throw BAIL;
      }
      if (s > at) addText(line, a + from + at, a + from + s);
      flush();
      out.push({
        type: 'link',
        title: null,
        url: m[0],
        children: [this.textNode(m[0], line, a + from + s, line, a + from + e)],
        position: { start: this.pt(line, a + from + s), end: this.pt(line, a + from + e) },
      });
      at = e;
    }
    const tail = v.slice(at);
    if (AUTOLINK_START.test(tail) || /https?:/i.test(v.replace(URL_LITERAL, ''))) throw BAIL;
    if (at < v.length) addText(line, a + from + at, a + to);
  }

  private textNode(value: string, l1: number, a: number, l2: number, e: number): Text {
    return { type: 'text', value, position: { start: this.pt(l1, a), end: this.pt(l2, e) } };
  }

  /** A tight list whose items start at line i with marker m; `outer` holds the indents of enclosing lists. */
  private list(i: number, m: Marker, outer: number[]): { node: List; next: number } {
    const items: ListItem[] = [];
    const levels = [...outer, m.indent];
    const start = m.start;
    for (;;) {
      const r = this.item(i, m, levels);
      items.push(r.node);
      i = r.next;
      if (i >= this.n) break;
      const s = this.line(i);
      const ind = indentOf(s);
      if (ind === s.length) {
        // After blank lines, anything that could continue a list would make it loose: remark's job.
        let k = i + 1;
        while (k < this.n && indentOf(this.line(k)) === this.line(k).length) k++;
        if (k < this.n && (indentOf(this.line(k)) > 0 || marker(this.line(k)))) throw BAIL;
        break;
      }
      const next = marker(s);
      if (!next) break; // a heading at column 0 (anything else bailed in the item)
      if (next.indent === m.indent) {
        if (next.kind !== m.kind) {
          if (outer.length > 0) throw BAIL; // a second list inside the same item
          break; // top level: a new list
        }
        m = next;
        continue;
      }
      if (!outer.includes(next.indent)) throw BAIL;
      break;
    }
    const first = items[0];
    const last = items[items.length - 1];
    return {
      node: {
        type: 'list',
        ordered: m.ordered,
        start: m.ordered ? start : null,
        spread: false,
        children: items,
        // Fresh points: callers may shift positions in place (the section parser does).
        position: { start: { ...first.position!.start }, end: { ...last.position!.end } },
      },
      next: i,
    };
  }

  private item(i: number, m: Marker, levels: number[]): { node: ListItem; next: number } {
    const s = this.line(i);
    if (m.content < 0) throw BAIL;
    let col = m.content;
    let checked: boolean | null = null;
    const task = TASK.exec(s.slice(col));
    if (task) {
      checked = task[1] !== ' ';
      col += task[0].length;
    } else if (/^\[[ xX]\]/.test(s.slice(col))) {
      throw BAIL;
    }
    const c = s[col];
    // Content that opens another block on the marker's line.
    if (c === '#' || c === '>' || marker(s.slice(col))) throw BAIL;
    const itemCol = m.indent + m.width;
    const p = this.paragraph(i, col, itemCol);
    const children: ListItem['children'] = [p.node];
    let next = p.next;
    if (next < this.n) {
      const t = this.line(next);
      const ind = indentOf(t);
      const nm = ind < t.length ? marker(t) : null;
      if (nm && ind >= itemCol) {
        const sub = this.list(next, nm, levels);
        children.push(sub.node);
        next = sub.next;
        if (next < this.n) {
          const u = this.line(next);
          const ui = indentOf(u);
          if (ui < u.length && ui >= itemCol) throw BAIL;
        }
      }
    }
    const lastChild = children[children.length - 1];
    return {
      node: {
        type: 'listItem',
        spread: false,
        checked,
        children,
        position: { start: this.pt(i, this.starts[i] + m.indent), end: { ...lastChild.position!.end } },
      },
      next,
    };
  }
}

function indentOf(s: string): number {
  let k = 0;
  while (s.charCodeAt(k) === 32) k++;
  return k;
}

/** Depth of an ATX heading opening at `ind`, or 0. */
function headingDepth(s: string, ind: number): number {
  let k = ind;
  while (s.charCodeAt(k) === 35) k++;
  const d = k - ind;
  if (d < 1 || d > 6) return 0;
  return k === s.length || s.charCodeAt(k) === 32 ? d : 0;
}

const MARKER = /^( *)([-*+]|(\d{1,9})([.)]))( *)/;

function marker(s: string): Marker | null {
  const m = MARKER.exec(s);
  if (!m) return null;
  // The indent is checked by callers: inside a list item it counts from the item's content column.
  const indent = m[1].length;
  const gap = m[5].length;
  const empty = s.length === m[0].length;
  if (gap === 0 && !empty) return null; // `-x`, `1.5`: text
  const ordered = m[3] !== undefined;
  const markLen = m[2].length;
  return {
    indent,
    ordered,
    kind: ordered ? m[4] : m[2],
    start: ordered ? Number(m[3]) : 0,
    width: markLen + (gap || 1),
    // Empty items and items whose content is indented code (5+ spaces) are remark's job.
    content: empty || gap > 4 ? -1 : indent + markLen + gap,
  };
}
