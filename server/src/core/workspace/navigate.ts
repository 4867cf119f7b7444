// Navigation facts on top of the alignment graph: which link is under the cursor, relative links
// for completion, and the edits that rename an objective everywhere it is linked. Pure data.
import { OBJECTIVE_MARKER } from '../lang/tables';
import type { AlignmentLink, Objective, OkrDocument, Position, Range } from '../model';
import { parseOkr } from '../parse/index';
import { LineIndex } from '../text';
import type { TextEdit } from '../rules/types';
import type { WorkspaceIndex } from './index';
import { normalizeUri } from './index';

export function contains(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

/** The alignment link under the cursor (its text or its destination). */
export function linkAt(doc: OkrDocument, pos: Position): { objective: Objective; link: AlignmentLink } | null {
  for (const objective of doc.objectives) {
    for (const link of objective.alignsTo) {
      if (contains(link.hrefRange, pos) || (!link.fromParent && contains(link.range, pos))) return { objective, link };
    }
  }
  return null;
}

/** The objective whose heading line is under the cursor, with its index. */
export function objectiveAt(doc: OkrDocument, pos: Position): { objective: Objective; index: number } | null {
  const index = doc.objectives.findIndex((o) => contains(o.range, pos));
  return index >= 0 ? { objective: doc.objectives[index], index } : null;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Path segments of a file URI, decoded. */
function segments(uri: string): { base: string; parts: string[] } {
  const n = normalizeUri(uri);
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/.*)?$/i.exec(n);
  const base = m ? m[1] : '';
  const path = m ? (m[2] ?? '/') : n;
  return { base, parts: path.split('/').slice(1).map(safeDecode) };
}

/** Characters a Markdown link destination cannot hold as they are. Letters of any script stay. */
function encodeSegment(s: string): string {
  // encodeURIComponent leaves `(` and `)` alone, which would end the link early.
  return s.replace(/[\s%()<>#?[\]\\]/gu, (c) =>
    c.charCodeAt(0) < 128 ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c),
  );
}

/**
 * A Markdown link destination from one file to another (`../company.okr.md#o1`), relative,
 * readable (non-ASCII kept, spaces and brackets percent-encoded); `#o1` within the same file.
 */
export function relativeHref(fromUri: string, toUri: string, fragment = ''): string {
  const hash = fragment ? `#${fragment}` : '';
  const a = segments(fromUri);
  const b = segments(toUri);
  if (a.base !== b.base) return toUri + hash;
  if (a.parts.join('/') === b.parts.join('/')) return hash || b.parts[b.parts.length - 1];
  const from = a.parts.slice(0, -1);
  const to = b.parts;
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  const up = from.slice(i).map(() => '..');
  const rel = [...up, ...to.slice(i)].map((s) => (s === '..' ? s : encodeSegment(s))).join('/');
  return rel + hash;
}

export type RenamePart = 'id' | 'title';

/** What a rename at this position changes: the marker's ID (`O2`, `Mục tiêu 2`) or the title. */
export function renameTarget(
  doc: OkrDocument,
  pos: Position,
): { index: number; part: RenamePart; range: Range; placeholder: string } | null {
  const at = objectiveAt(doc, pos);
  if (!at) return null;
  const o = at.objective;
  const lines = new LineIndex(doc.text);
  const marker = markerCore(o, lines);
  if (marker && contains(marker.range, pos)) return { index: at.index, part: 'id', ...marker };
  return { index: at.index, part: 'title', range: o.titleRange, placeholder: o.title };
}

function markerCore(o: Objective, lines: LineIndex): { range: Range; placeholder: string } | null {
  if (!o.markerRange) return null;
  const s = lines.offsetAt(o.markerRange.start);
  const raw = lines.text.slice(s, lines.offsetAt(o.markerRange.end));
  const core = raw.replace(/\s*[:：]\s*$/u, '');
  if (!core) return null;
  return { range: { start: lines.positionAt(s), end: lines.positionAt(s + core.length) }, placeholder: core };
}

export type RenameResult =
  | { edits: Map<string, TextEdit[]> }
  | { error: 'alignment.rename.notHere' | 'alignment.rename.badId' | 'alignment.rename.empty' };

/**
 * Renames an objective's ID or title and rewrites every link into it across the workspace:
 * ID paths (`#o2`, `#o2.kr1`) follow a new ID, heading slugs follow any change of the heading.
 * Edits are keyed by the URI each document was indexed under. `textOf` gives a document's source
 * text: the server's index keeps none for closed files (workspace/slim.ts), so it reads them again.
 */
export function renameObjective(
  index: WorkspaceIndex,
  uri: string,
  objectiveIndex: number,
  part: RenamePart,
  newName: string,
  textOf: (doc: OkrDocument) => string = (d) => d.text,
): RenameResult {
  const node = index.node(uri, objectiveIndex);
  if (!node) return { error: 'alignment.rename.notHere' };
  const doc = node.doc;
  const o = node.objective;
  const text = textOf(doc);
  const lines = new LineIndex(text);
  const name = newName.replace(/[\r\n]+/g, ' ').trim();
  let range: Range;
  if (part === 'id') {
    const marker = markerCore(o, lines);
    if (!marker) return { error: 'alignment.rename.notHere' };
    if (!OBJECTIVE_MARKER.test(`${name}:`) || !/\d|[一二三四五六七八九十]/u.test(name)) {
      return { error: 'alignment.rename.badId' };
    }
    range = marker.range;
  } else {
    if (!name) return { error: 'alignment.rename.empty' };
    range = o.titleRange;
  }
  const headingEdit: TextEdit = { range, newText: name };
  // Parse the renamed text to learn the new ID and slug exactly as links will see them.
  const s = lines.offsetAt(range.start);
  const renamed = parseOkr(text.slice(0, s) + name + text.slice(lines.offsetAt(range.end)), doc.uri, 0);
  const after = renamed.objectives[objectiveIndex];
  if (!after || renamed.objectives.length !== doc.objectives.length) return { error: 'alignment.rename.badId' };
  const edits = new Map<string, TextEdit[]>([[doc.uri, [headingEdit]]]);
  const graph = index.alignment();
  for (const edge of node.children) {
    if (edge.link.fromParent) continue;
    const from = graph.nodes.get(edge.from);
    if (!from) continue;
    const edit = fragmentEdit(textOf(from.doc), edge.link, o, after);
    if (!edit) continue;
    const list = edits.get(from.doc.uri) ?? [];
    if (!list.some((e) => sameRange(e.range, edit.range))) list.push(edit);
    edits.set(from.doc.uri, list);
  }
  return { edits };
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** The edit of one link's fragment, or null when the link does not name the objective by ID or slug. */
function fragmentEdit(text: string, link: AlignmentLink, before: Objective, after: Objective): TextEdit | null {
  const lines = new LineIndex(text);
  let start = lines.offsetAt(link.hrefRange.start);
  let end = lines.offsetAt(link.hrefRange.end);
  let dest = text.slice(start, end);
  const ref = /^\[[^\]]*\]\[([^\]]*)\]$/.exec(dest);
  if (ref || !dest.includes('#')) {
    // A reference-style link: the destination sits in its definition line.
    const label = (ref?.[1] || /^\[([^\]]*)\]/.exec(dest)?.[1] || '').toLowerCase();
    const def = findDefinition(text, label);
    if (!def) return null;
    [start, end] = def;
    dest = text.slice(start, end);
  }
  const hashAt = dest.indexOf('#');
  if (hashAt < 0) return null;
  let fragEnd = dest.length;
  const stop = /[>\s]/.exec(dest.slice(hashAt));
  if (stop) fragEnd = hashAt + stop.index;
  const raw = dest.slice(hashAt + 1, fragEnd);
  const decoded = safeDecode(raw);
  let next: string | null = null;
  const idPath = /^(o\d+)((?:\.kr\d+)?)$/i.exec(decoded);
  if (idPath) {
    if (idPath[1].toLowerCase() !== before.id.toLowerCase() || before.id === after.id) return null;
    const id = /^O/.test(idPath[1]) ? after.id.toUpperCase() : after.id.toLowerCase();
    next = id + idPath[2];
  } else if (decoded.toLowerCase() === before.slug.toLowerCase()) {
    if (before.slug === after.slug) return null;
    next = raw !== decoded ? encodeURIComponent(after.slug) : after.slug;
  }
  if (next === null) return null;
  const from = start + hashAt + 1;
  return { range: { start: lines.positionAt(from), end: lines.positionAt(from + raw.length) }, newText: next };
}

/** Offsets of the destination in `[label]: destination`. */
function findDefinition(text: string, label: string): [number, number] | null {
  if (!label) return null;
  const re = /^ {0,3}\[([^\]]+)\]:[ \t]*(<[^>\n]*>|\S+)/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[1].toLowerCase() !== label) continue;
    const s = m.index + m[0].length - m[2].length;
    return [s, s + m[2].length];
  }
  return null;
}
