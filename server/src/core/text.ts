import type { Position, Range } from './model';

/**
 * Maps string offsets to LSP positions. JavaScript strings are UTF-16, so a
 * character offset inside a line is already what LSP expects (emoji count 2).
 */
export class LineIndex {
  readonly lineStarts: number[];
  /** The line found last, where the next lookup starts. */
  private lastLine = 0;

  constructor(readonly text: string) {
    const starts = [0];
    // The common case, no \r at all: the engine's own search finds the line ends.
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = this.clamp(offset);
    const line = this.lineAt(o);
    return { line, character: o - this.lineStarts[line] };
  }

  /** The line of an offset, without building a Position. */
  lineOf(offset: number): number {
    return this.lineAt(this.clamp(offset));
  }

  private lineAt(o: number): number {
    const starts = this.lineStarts;
    // Callers mostly walk forward through the text: try the line found last time and the next one first.
    let lo = this.lastLine;
    if (starts[lo] <= o && (lo + 1 === starts.length || starts[lo + 1] > o)) return lo;
    if (lo + 1 < starts.length && starts[lo + 1] <= o && (lo + 2 === starts.length || starts[lo + 2] > o)) {
      return (this.lastLine = lo + 1);
    }
    lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return (this.lastLine = lo);
  }

  /** The offset inside the text; one between `\r` and `\n` is not a place in a line: it means the end of that line. */
  private clamp(offset: number): number {
    let o = Math.max(0, Math.min(offset, this.text.length));
    if (o > 0 && this.text.charCodeAt(o - 1) === 13 && this.text.charCodeAt(o) === 10) o--;
    return o;
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset of the end of a line's content (before its line break). */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }
}

const docLines = new WeakMap<object, LineIndex>();

/** The line index of a document's text, built once per document; the parser hands over the one it made. */
export function linesOfDoc(doc: { text: string }): LineIndex {
  let li = docLines.get(doc);
  if (!li || li.text !== doc.text) {
    li = new LineIndex(doc.text);
    docLines.set(doc, li);
  }
  return li;
}

export function keepLines(doc: { text: string }, lines: LineIndex): void {
  if (lines.text === doc.text) docLines.set(doc, lines);
}

export function detectEol(text: string): '\n' | '\r\n' | '\r' {
  const i = text.search(/\r\n|\n|\r/);
  if (i < 0) return '\n';
  if (text[i] === '\r') return text[i + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(r: Range, p: Position): boolean {
  return comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
}

/** Full-width digits and signs become ASCII, one code unit for one, so offsets stay valid. */
export function normalizeWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => {
    const code = c.charCodeAt(0);
    // Only digits, %, ., /, comma, + and - : letters and punctuation such as `：` keep their meaning.
    const ascii = String.fromCharCode(code - 0xfee0);
    return /[0-9%./,+\-]/.test(ascii) ? ascii : c;
  });
}
