// Shared helpers for fixes: fixes are minimal text edits computed from the model, never re-parsing.
import type { KeyResult, Lang, OkrDocument, Position, Range } from '../model';
import type { TextEdit } from '../rules/types';
import { comparePositions, LineIndex, linesOfDoc } from '../text';

export function linesOf(doc: OkrDocument): LineIndex {
  return linesOfDoc(doc);
}

export function point(line: number, character: number): Range {
  return { start: { line, character }, end: { line, character } };
}

/** End of a line's content (before its line break). */
export function lineEndPos(doc: OkrDocument, line: number): Position {
  const li = linesOf(doc);
  return li.positionAt(li.lineEnd(line));
}

/**
 * Whether text appended at the end of a key result's first line is read as part of its title:
 * not when the item has no text of its own (`- - x`, the text would join the nested item) nor
 * after an unclosed code span (odd number of backticks: the text would land inside the code).
 */
export function canAppendToTitle(doc: OkrDocument, kr: KeyResult): boolean {
  if (!kr.title.trim() || kr.titleRange.end.line !== kr.range.start.line) return false;
  const line = linesOf(doc).lineText(kr.range.start.line);
  return (line.match(/`/g) ?? []).length % 2 === 0;
}

/** The whole lines of a range, with the line break after them: deleting it leaves no blank line. */
export function wholeLines(doc: OkrDocument, r: Range): Range {
  const li = linesOf(doc);
  const endLine = r.end.line;
  if (endLine + 1 < li.lineCount)
    return { start: { line: r.start.line, character: 0 }, end: { line: endLine + 1, character: 0 } };
  // Last line of the file: take the line break before the range instead.
  if (r.start.line > 0) {
    return { start: lineEndPos(doc, r.start.line - 1), end: lineEndPos(doc, endLine) };
  }
  return { start: { line: 0, character: 0 }, end: lineEndPos(doc, endLine) };
}

export function textOf(doc: OkrDocument, r: Range): string {
  const li = linesOf(doc);
  return doc.text.slice(li.offsetAt(r.start), li.offsetAt(r.end));
}

/** Where to append a block at the end of the file, with the text that must precede it. */
export function endOfFile(doc: OkrDocument): { range: Range; lead: string } {
  const li = linesOf(doc);
  const end = li.positionAt(doc.text.length);
  const eol = doc.eol;
  const trailing = /(?:\r\n|\n|\r)*$/.exec(doc.text)?.[0] ?? '';
  const breaks = trailing.match(/\r\n|\n|\r/g)?.length ?? 0;
  // One blank line between the last content and the new block.
  const lead = breaks >= 2 ? '' : breaks === 1 ? eol : eol + eol;
  return { range: { start: end, end }, lead };
}

/** Applies non-overlapping edits (LSP semantics: ranges refer to the original text). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const li = new LineIndex(text);
  const sorted = edits
    .map((e, i) => ({ s: li.offsetAt(e.range.start), e: li.offsetAt(e.range.end), t: e.newText, i }))
    // At one offset, insertions go before a replacement that starts there.
    .sort((a, b) => a.s - b.s || (a.e - a.s === 0 ? 0 : 1) - (b.e - b.s === 0 ? 0 : 1) || a.i - b.i);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.s < at) throw new Error('overlapping edits');
    out += text.slice(at, e.s) + e.t;
    at = e.e;
  }
  return out + text.slice(at);
}

/** Merges the edits of several fixes into one set: identical edits once, overlapping ones dropped. */
export function mergeEdits(groups: TextEdit[][]): TextEdit[] {
  const out: TextEdit[] = [];
  const key = (e: TextEdit) =>
    `${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}|${e.newText}`;
  const seen = new Set<string>();
  const overlaps = (a: TextEdit, b: TextEdit) => {
    const aEmpty = comparePositions(a.range.start, a.range.end) === 0;
    const bEmpty = comparePositions(b.range.start, b.range.end) === 0;
    // Two insertions at one point would depend on order: treat as a conflict.
    if (aEmpty && bEmpty) return comparePositions(a.range.start, b.range.start) === 0;
    // An insertion at either end of a replaced range is ambiguous too: one of them must wait.
    if (aEmpty || bEmpty)
      return comparePositions(a.range.start, b.range.end) <= 0 && comparePositions(b.range.start, a.range.end) <= 0;
    return comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0;
  };
  for (const group of groups) {
    const fresh = group.filter((e) => !seen.has(key(e)));
    if (fresh.some((e) => out.some((o) => overlaps(o, e)))) continue;
    for (const e of fresh) {
      seen.add(key(e));
      out.push(e);
    }
  }
  return out;
}

/** The quarter containing an ISO date: `2026-Q4` and its last day. */
export function quarterOf(today: string): { text: string; end: string } {
  const y = +today.slice(0, 4);
  const q = Math.floor((+today.slice(5, 7) - 1) / 3) + 1;
  const lastMonth = q * 3;
  const lastDay = new Date(Date.UTC(y, lastMonth, 0)).getUTCDate();
  return { text: `${y}-Q${q}`, end: `${y}-${String(lastMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}` };
}

/** A date as each language writes it in running text (and as the scanner reads it back). */
export function localDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map((s) => +s);
  if (lang === 'vi') return `${d}/${m}/${y}`;
  if (lang === 'zh') return `${y}年${m}月${d}日`;
  return iso;
}

/**
 * Cuts whole lines `span` and appends `build(cutText)` at the end of the file, after a blank line.
 * When the span already ends the file, one replacement does both (edits never overlap).
 */
export function moveToEnd(doc: OkrDocument, span: Range, build: (cut: string) => string): TextEdit[] {
  const li = linesOf(doc);
  const cut = textOf(doc, { start: { line: span.start.line, character: 0 }, end: lineEndPos(doc, span.end.line) });
  const block = build(cut);
  const eol = doc.eol;
  const rest = doc.text.slice(li.offsetAt(lineEndPos(doc, span.end.line)));
  if (rest.trim() === '') {
    // Nothing after the span: replace from the end of the content before it.
    let line = span.start.line - 1;
    while (line >= 0 && li.lineText(line).trim() === '') line--;
    const start = line >= 0 ? lineEndPos(doc, line) : { line: 0, character: 0 };
    const end = li.positionAt(doc.text.length);
    return [{ range: { start, end }, newText: `${line >= 0 ? eol + eol : ''}${block}${eol}` }];
  }
  const eof = endOfFile(doc);
  return [
    { range: wholeLines(doc, span), newText: '' },
    { range: eof.range, newText: `${eof.lead}${block}${eol}` },
  ];
}

/** Removes the common leading indentation `indent` from every line of a block. */
export function dedent(block: string, indent: string, eol: string): string {
  return block
    .split(/\r\n|\n|\r/)
    .map((l) => (indent && l.startsWith(indent) ? l.slice(indent.length) : l))
    .join(eol);
}
