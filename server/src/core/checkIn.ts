// A check-in as a text edit: where the new dated item goes, and in what shape, so that the file
// keeps its indentation, list markers and line endings. Pure: the caller applies the edit.
import type { KeyResult, Lang, Objective, OkrDocument } from './model';
import { parseOkr } from './parse/index';
import { isValidIsoDate } from './period';
import type { TextEdit } from './rules/types';
import { LineIndex } from './text';

export interface CheckInInput {
  objectiveId: string;
  krId: string;
  /** The value as the user typed it (`2,064`, `61%`, `4/6`, `34万元`). Ignored for binary key results. */
  value: string;
  /** 0–10. */
  confidence?: number | null;
  note?: string | null;
  /** ISO date of the check-in. */
  date: string;
}

export type CheckInError = 'not-found' | 'empty-value' | 'unreadable-value' | 'bad-date' | 'bad-confidence';

export type CheckInResult = { ok: true; edits: TextEdit[]; toggled: boolean } | { ok: false; error: CheckInError };

/** The confidence word of each file language, as the parser reads it back. */
export const CONFIDENCE_WORD: Record<Lang, string> = { en: 'confidence', vi: 'độ tin cậy', zh: '信心' };

export function findKeyResult(
  doc: OkrDocument,
  objectiveId: string,
  krId: string,
): { objective: Objective; kr: KeyResult } | null {
  const oid = objectiveId.toLowerCase();
  const kid = krId.toLowerCase();
  for (const objective of doc.objectives) {
    if (objective.id.toLowerCase() !== oid) continue;
    const kr = objective.keyResults.find((k) => k.id.toLowerCase() === kid);
    if (kr) return { objective, kr };
  }
  return null;
}

/** One line of text: line breaks would split the list item (and could damage the file). */
function oneLine(s: string): string {
  return s
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function confidenceText(c: number, lang: Lang): string {
  return `${CONFIDENCE_WORD[lang]} ${Number.isInteger(c) ? c : String(c).replace('.', lang === 'vi' ? ',' : '.')}/10`;
}

/** The check-in text after the list marker: `2026-11-23: 61% · confidence 7/10 · note`. */
export function checkInLine(lang: Lang, date: string, value: string, confidence?: number | null, note?: string | null) {
  const parts = [`${date}: ${oneLine(value)}`];
  if (confidence !== undefined && confidence !== null) parts.push(confidenceText(confidence, lang));
  const n = note ? oneLine(note) : '';
  if (n) parts.push(n);
  return parts.join(' · ');
}

/**
 * Whether the parser reads `value` as a check-in of this key result, by parsing a one-KR copy
 * of it: the same readers decide as for the real file, so what is accepted is what counts.
 */
export function readsAsCheckIn(doc: OkrDocument, kr: KeyResult, value: string): boolean {
  const v = oneLine(value);
  if (!v) return false;
  const lines = new LineIndex(doc.text);
  const krLine = lines.lineText(kr.range.start.line).slice(kr.indent.length);
  // Nest the probe under the item's content column, whatever its marker (`1.`, `*<tab>`).
  const prefix = BULLET.exec(krLine)?.[0] ?? '- ';
  let col = 0;
  for (const ch of prefix) col = ch === '\t' ? col + 4 - (col % 4) : col + 1;
  const probe = `---\nlang: ${doc.lang}\n---\n\n## O1: x\n\n${krLine}\n${' '.repeat(Math.max(2, col))}- 2000-01-01: ${v}\n`;
  const parsed = parseOkr(probe);
  const c = parsed.objectives[0]?.keyResults[0]?.checkIns[0];
  return Boolean(c && c.problem === null && (c.value !== null || c.progress !== null));
}

const BULLET = /^(\s*(?:>\s*)*)([-*+]|\d+[.)])(\s+|$)/;

function indentWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch === '\t' ? 4 - (w % 4) : ch === '>' ? 0 : 1;
  return w;
}

/** Last line of the list item that starts at `line` (its continuation and nested lines), within `maxLine`. */
function itemEnd(lines: LineIndex, line: number, maxLine: number): number {
  const first = lines.lineText(line);
  const own = indentWidth(BULLET.exec(first)?.[1] ?? /^\s*/.exec(first)![0]);
  let end = line;
  let blank = false;
  for (let l = line + 1; l <= maxLine; l++) {
    const t = lines.lineText(l);
    if (t.trim() === '') {
      blank = true;
      continue;
    }
    const ind = indentWidth(/^[\s>]*/.exec(t)![0]);
    if (ind > own) {
      end = l;
      blank = false;
      continue;
    }
    // A lazy continuation line (no indentation, no marker, right after text) still belongs to the item.
    if (!blank && !BULLET.test(t) && !/^\s*(#|```|~~~|<)/.test(t)) {
      end = l;
      continue;
    }
    break;
  }
  return end;
}

/** The edit that records a check-in (or toggles a binary key result's box). */
export function checkInEdit(doc: OkrDocument, input: CheckInInput): CheckInResult {
  const found = findKeyResult(doc, input.objectiveId, input.krId);
  if (!found) return { ok: false, error: 'not-found' };
  const { kr } = found;
  if (kr.binary && kr.taskBoxRange) {
    return {
      ok: true,
      toggled: true,
      edits: [{ range: kr.taskBoxRange, newText: kr.checked ? '[ ]' : '[x]' }],
    };
  }
  if (!isValidIsoDate(input.date)) return { ok: false, error: 'bad-date' };
  const c = input.confidence;
  if (c !== undefined && c !== null && !(Number.isFinite(c) && c >= 0 && c <= 10)) {
    return { ok: false, error: 'bad-confidence' };
  }
  if (!oneLine(input.value)) return { ok: false, error: 'empty-value' };
  if (!readsAsCheckIn(doc, kr, input.value)) return { ok: false, error: 'unreadable-value' };

  const lines = new LineIndex(doc.text);
  const lastKrLine = kr.fullRange.end.line;
  const dated = kr.checkIns.filter((ci) => ci.date !== null);
  const existing = dated.length ? dated : kr.checkIns;
  let marker = kr.listMarker;
  let gap = BULLET.exec(lines.lineText(kr.range.start.line))?.[3] ?? ' ';
  let anchor: number;
  if (existing.length) {
    // After the last check-in in the text, including anything nested under it.
    const last = existing.reduce((a, b) => (b.range.start.line > a.range.start.line ? b : a));
    anchor = itemEnd(lines, last.range.start.line, lastKrLine);
    const m = BULLET.exec(lines.lineText(last.range.start.line));
    if (m) [marker, gap] = [m[2], m[3]];
  } else {
    // The first nested item: after the key result's own text, before its notes and sources.
    anchor = kr.range.start.line;
    const own = indentWidth(kr.childIndent);
    for (let l = anchor + 1; l <= lastKrLine; l++) {
      const t = lines.lineText(l);
      if (t.trim() === '' || BULLET.test(t) || indentWidth(/^[\s>]*/.exec(t)![0]) > own + 4) break;
      anchor = l;
    }
  }
  // A numbered key result's check-ins are bullets: numbering them would mean nothing.
  if (/^\d/.test(marker) && !existing.length) marker = '-';
  // Imitate a tab after the marker; any run of spaces becomes one.
  const sep = gap.includes('\t') ? '\t' : ' ';
  const text = `${kr.childIndent}${marker}${sep}${checkInLine(doc.lang, input.date, input.value, c, input.note)}`;
  const at = { line: anchor, character: lines.lineEnd(anchor) - lines.lineStarts[anchor] };
  return { ok: true, toggled: false, edits: [{ range: { start: at, end: at }, newText: doc.eol + text }] };
}

/** Applies edits to a text (for tests and the command line); edits must not overlap. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((e) => ({ s: lines.offsetAt(e.range.start), e: lines.offsetAt(e.range.end), t: e.newText }))
    .sort((a, b) => b.s - a.s);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out;
}
