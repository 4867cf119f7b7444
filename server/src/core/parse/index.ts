// Markdown OKR file -> OkrDocument. remark gives the block structure; small readers
// in ../lang read the text inside each line (markers, quantities, dates, check-ins).
import type { Heading, List, ListItem, Nodes, Paragraph, Root, RootContent } from 'mdast';
import {
  ALIGN_KEYWORD,
  CHECKIN_DATE,
  CONFIDENCE,
  EVIDENCE_KEYWORD,
  KR_LABEL,
  KR_MARKER,
  MENTION,
  OBJECTIVE_MARKER,
  PROGRESS_KEYWORD,
  TYPE_LINE,
  WEIGHT,
  detectLang,
  isCommittedWord,
  LANG_SAMPLE,
  readMarkerNumber,
} from '../lang/tables';
import { DOWN_WORDS, FROM_BEFORE, FROM_BETWEEN, readNumber, scanText, type ScannedQuantity } from '../lang/scan';
import type {
  AlignmentLink,
  CheckIn,
  Directive,
  KeyResult,
  Lang,
  Mention,
  Objective,
  OkrDocument,
  OwnerSection,
  Placeholder,
  Quantity,
  Range,
  TimeRef,
} from '../model';
import { detectEol, keepLines, LineIndex, linesOfDoc } from '../text';
import { readFrontMatter, type FrontMatterResult } from './frontMatter';
import { blank, checkInNote, displayText, inlineText, type InlineText } from './inline';
import { endOf, parseMarkdown, startOf } from './markdown';
import { isValidIsoDate } from '../period';
import { nestingProblem } from './guard';
import { detachStrings, recordMove, shiftLines, type BuildMemo } from './memo';
import { cutsBefore, lazyMarkdown, parseStretch, sectionCuts, settle } from './sections';
import { baseSlug, Slugger } from './slugger';

export interface ParseOptions {
  /** Files larger than this many characters are not parsed (a finding says so). */
  maxSize?: number;
  /** Markdown -> mdast; defaults to remark. The incremental SectionParser gives the same tree faster. */
  markdown?: (text: string) => Root;
  /** The same document's key results from its previous version, reused when their lines come back. */
  memo?: BuildMemo;
}

export const DEFAULT_MAX_SIZE = 5 * 1024 * 1024;

/** Extra parse facts that rules need but the JSON model does not show. */
export interface ParseExtras {
  frontMatter: FrontMatterResult | null;
}

const extras = new WeakMap<OkrDocument, ParseExtras>();
export function parseExtras(doc: OkrDocument): ParseExtras {
  return extras.get(doc) ?? { frontMatter: null };
}
/** Re-attaches the extras of a model that crossed a thread or came from a cache (plain data). */
export function restoreParseExtras(doc: OkrDocument, ex: ParseExtras): void {
  extras.set(doc, ex);
}

/** Characters `looksBinary` counts as bad (NUL among them). */
const BAD_CHAR = /[\0-\x08\x0b\x0e-\x1f\ufffd]/;

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  // Text nearly never holds one: then nothing is counted (the count below would be 0).
  if (!BAD_CHAR.test(sample)) return false;
  if (sample.includes('\u0000')) return true;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  return sample.length > 0 && bad / sample.length > 0.1;
}

function emptyDoc(uri: string, version: number, text: string, lineCount: number): OkrDocument {
  return {
    uri,
    version,
    text,
    lang: 'en',
    langExplicit: false,
    eol: detectEol(text),
    frontMatter: null,
    owner: null,
    level: null,
    period: null,
    parent: null,
    sections: [],
    objectives: [],
    placeholders: [],
    directives: [],
    skipped: null,
    progress: null,
    lineCount,
  };
}

export function parseOkr(text: string, uri = 'untitled:okr.md', version = 0, options: ParseOptions = {}): OkrDocument {
  const last = options.memo?.last ?? null;
  if (options.memo) options.memo.last = null;
  const lines = new LineIndex(text);
  const doc = emptyDoc(uri, version, text, lines.lineCount);
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  if (text.length > maxSize) {
    doc.skipped = {
      reason: 'too-large',
      message: `${text.length} characters; the limit is ${maxSize} (setting okr.maxFileSize)`,
    };
    return doc;
  }
  if (looksBinary(text)) {
    doc.skipped = { reason: 'binary', message: 'the file holds binary data, not text' };
    return doc;
  }
  // With a memo, only the chunks an edit touched are counted again.
  const deep = options.memo ? options.memo.nesting.problem(text) : nestingProblem(text);
  if (deep) {
    doc.skipped = { reason: 'too-deep', message: deep };
    return doc;
  }
  // A keystroke inside one objective of a file the section parser cuts: that objective alone.
  if (options.memo && last && options.markdown && lazyMarkdown(options.markdown)) {
    const spliced = spliceEdit(text, lines, uri, version, options.memo, last);
    if (spliced) return spliced;
  }
  options.memo?.begin();
  // A section parser's tree whose unchanged sections are moved only where the builder reads them.
  const markdown = options.markdown ? (lazyMarkdown(options.markdown) ?? options.markdown) : parseMarkdown;
  const memo = options.memo ?? null;
  const first = new Builder(doc, lines, markdown, memo, true);
  if (!first.build()) {
    // A reused objective would come out of the document-level step differently (owner sections or
    // the front matter's parent changed): build every objective afresh, from the same tree.
    memo?.restart();
    Object.assign(doc, emptyDoc(uri, version, text, lines.lineCount));
    new Builder(doc, lines, () => first.root!, memo, false).build();
  }
  options.memo?.end();
  // The rules' fixes need the same line index: no second pass over the text.
  keepLines(doc, lines);
  if (options.memo) options.memo.last = { text, doc };
  return doc;
}

/** Characters compared at once while looking for where two versions of a text differ. */
const SPAN_BLOCK = 512;

/** Where `a` and `b` differ: the length of their common start, and where the differing stretch ends in each. */
function changedSpan(a: string, b: string): { start: number; endA: number; endB: number } {
  const n = Math.min(a.length, b.length);
  let p = 0;
  while (p + SPAN_BLOCK <= n && a.slice(p, p + SPAN_BLOCK) === b.slice(p, p + SPAN_BLOCK)) p += SPAN_BLOCK;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  const room = n - p;
  let s = 0;
  while (
    s + SPAN_BLOCK <= room &&
    a.slice(a.length - s - SPAN_BLOCK, a.length - s) === b.slice(b.length - s - SPAN_BLOCK, b.length - s)
  )
    s += SPAN_BLOCK;
  while (s < room && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { start: p, endA: a.length - s, endB: b.length - s };
}

function hasBreak(text: string, s: number, e: number): boolean {
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

/**
 * A keystroke inside one objective, below its heading line, that adds or removes no line: the
 * previous version's model with that objective built again (`Builder.buildGroup`), instead of a
 * build that walks every objective of the file to reuse all but one. The objective must have been
 * remembered whole (it starts and ends where the section parser cuts), and still end there. What
 * it shares with the rest of the file is what the previous build gave it: the language, the owner
 * and owner section, its heading's slug and ID (its headings' slugs are the same, checked), and
 * the document-level step (its `finish` key). Null whenever something else could change (no
 * placeholders or directives either side, the language the text's start decides); `parseOkr` then
 * builds as before. Proof: test/core/incremental.test.ts compares every version with a fresh build.
 */
function spliceEdit(
  text: string,
  lines: LineIndex,
  uri: string,
  version: number,
  memo: BuildMemo,
  last: { text: string; doc: OkrDocument },
): OkrDocument | null {
  const prev = last.doc;
  const old = last.text;
  if (prev.skipped || prev.uri !== uri || text === old || lines.lineCount !== prev.lineCount) return null;
  if (old.charCodeAt(0) === 0xfeff || text.charCodeAt(0) === 0xfeff) return null;
  const { start, endA, endB } = changedSpan(old, text);
  if (hasBreak(old, start, endA) || hasBreak(text, start, endB)) return null;
  // The old text held no definition (the memo would be off); a new one turns it off.
  if (text.slice(Math.max(0, start - 1), endB + 1).includes(']:')) return null;
  if (!prev.langExplicit && start < LANG_SAMPLE && detectLang(text) !== prev.lang) return null;
  const oldLines = linesOfDoc(prev);
  const line = oldLines.lineOf(start);
  const found = memo.objectiveBefore<ObjectiveMemo>(line);
  // Not on the heading line (its text, slug and ID), and inside the objective's text.
  if (!found || found.line === line || found.value.kind !== 'objective') return null;
  const entry = found.value;
  const gs = oldLines.lineStarts[found.line];
  const ge = gs + entry.text.length;
  if (entry.last ? ge !== old.length : endA >= ge) return null;
  if (old.slice(gs, ge) !== entry.text) return null;
  const index = prev.objectives.indexOf(entry.obj);
  if (index < 0) return null;
  const end = ge + (endB - endA);
  const own = text.slice(gs, end);
  // Still cut where it ends: a fence or an HTML block opened inside it would run on.
  if (!entry.last && !cutsBefore(own, text.slice(end, lines.lineEnd(lines.lineOf(end))))) return null;
  const nodes = parseStretch(own, gs, found.line, entry.last);
  const scratch = emptyDoc(uri, version, text, lines.lineCount);
  memo.begin();
  const built = new Builder(scratch, lines, parseMarkdown, memo, false).buildGroup(nodes, end, {
    lang: entry.lang,
    owner: entry.owner,
    section: entry.section,
  });
  if (
    !built ||
    built.slugs.length !== entry.slugs.length ||
    built.slugs.some((sl, k) => sl !== entry.slugs[k]) ||
    entry.placeholders.length + entry.directives.length + scratch.placeholders.length + scratch.directives.length > 0
  ) {
    memo.forgetLookups();
    return null;
  }
  const obj = built.obj;
  // What the earlier headings decide, as the previous build gave them (same headings, same state).
  obj.slug = entry.obj.slug;
  obj.id = entry.obj.id;
  const [clear, , , parentRange] = JSON.parse(entry.finish) as [boolean, unknown, unknown, Range | null];
  finishObjective(obj, clear, prev.owner, prev.parent, parentRange);
  detachStrings(obj);
  memo.keepObjectivesBut(found.line, { ...entry, text: ` ${own}`.slice(1), obj, slugs: built.slugs });
  memo.objectiveHits = prev.objectives.length - 1;
  memo.objectiveMisses = 1;
  memo.spliced = true;
  memo.end();

  const doc = emptyDoc(uri, version, text, lines.lineCount);
  doc.lang = prev.lang;
  doc.langExplicit = prev.langExplicit;
  doc.frontMatter = prev.frontMatter;
  doc.owner = prev.owner;
  doc.level = prev.level;
  doc.period = prev.period;
  doc.parent = prev.parent;
  doc.sections = prev.sections.slice();
  doc.objectives = prev.objectives.slice();
  doc.objectives[index] = obj;
  doc.placeholders = prev.placeholders.slice();
  doc.directives = prev.directives.slice();
  doc.progress = documentProgress(doc.objectives);
  extras.set(doc, parseExtras(prev));
  keepLines(doc, lines);
  memo.last = { text, doc };
  return doc;
}

/**
 * The document-level step (`Builder.finish`) for one objective: owner sections cleared when the
 * file has none, the front matter's parent as its alignment when it has no line of its own, and
 * its progress from its key results.
 */
function finishObjective(
  o: Objective,
  clear: boolean,
  owner: string | null,
  parent: string | null,
  parentRange: Range | null,
): void {
  if (clear) {
    o.section = null;
    o.owner = owner;
  }
  if (parent && parentRange && o.alignsTo.length === 0) {
    const range = parentRange;
    o.alignsTo.push({ href: parent, text: parent, range, hrefRange: range, keywordRange: range, fromParent: true });
  }
  let w = 0;
  let sum = 0;
  let raw = 0;
  for (const kr of o.keyResults) {
    if (kr.progress === null) continue;
    w += kr.weight;
    sum += kr.progress * kr.weight;
    raw += (kr.rawProgress ?? kr.progress) * kr.weight;
  }
  o.progress = w > 0 ? round(sum / w) : null;
  o.rawProgress = w > 0 ? round(raw / w) : null;
}

/** A document's progress: the mean of its objectives' that have one. */
function documentProgress(objectives: Objective[]): number | null {
  const ps = objectives.map((o) => o.progress).filter((p): p is number => p !== null);
  return ps.length ? round(ps.reduce((a, b) => a + b, 0) / ps.length) : null;
}

/**
 * An objective remembered whole (in the BuildMemo) from the previous version. Its key holds what it
 * is built from: its text (heading line to the next heading that closes it), its start line, the
 * language, how the heading opens it, the owner section and the file's owner. What it shares with
 * the rest of the document is replayed and checked on reuse: the slugs of its headings (one
 * slugger for the file) and its objective ID (a counter per section).
 */
interface ObjectiveMemo {
  /** The key: its text, start line, language, heading kind, owner section (title) and the file's owner. */
  text: string;
  /** Whether the text ends the document (the last section is parsed with its final line ending). */
  last: boolean;
  line: number;
  lang: Lang;
  kind: HeadingKind;
  /** The owner section it sits under, which is `obj.section` before `finish` (that may clear it). */
  section: string | null;
  owner: string | null;
  obj: Objective;
  /** Base slugs of its headings, in order (the first, made unique, is `obj.slug`). */
  slugs: string[];
  /** What the prescan found in its nodes. */
  placeholders: Placeholder[];
  directives: Directive[];
  /** The document-level facts `finish` applied to it (see `finishKey`); '' until it ran. */
  finish: string;
}

type HeadingKind = 'objective' | 'unmarked' | 'section' | 'plain';

interface ObjectiveBuild {
  obj: Objective;
  depth: number;
  startOffset: number;
  /** Lines (paragraphs, items) under a sub-heading that is not a key-result label do not hold KRs. */
  krMode: boolean;
}

class Builder {
  private readonly source: string;
  /** A byte order mark is not given to remark; offsets from remark are shifted back by it. */
  private readonly base: number;
  private lang: Lang = 'en';
  private readonly slugger = new Slugger();
  private definitions = new Map<string, string>();
  private sectionStack: OwnerSection[] = [];
  private current: ObjectiveBuild | null = null;
  private fm: FrontMatterResult | null = null;
  private counters = new Map<string, number>();
  /** Position of each objective in `doc.objectives`, for key result IDs (indexOf is quadratic on big files). */
  private objectiveIndex = new Map<Objective, number>();
  /** Headings and first paragraphs are read by more than one step: their text is built once. */
  private inlineTexts = new Map<Heading | Paragraph, InlineText>();
  /** Whether objectives are remembered whole in the memo, and whether they may come from it. */
  private readonly reuse: boolean;
  private readonly lookup: boolean;
  /** Objectives taken whole from the memo in this build. */
  private reused = new Map<Objective, ObjectiveMemo>();
  /** Objectives built in this build that the memo will remember once `finish` has run. */
  private pending: ObjectiveMemo[] = [];
  /** The tree built from the text (a second build of the same version takes it again). */
  root: Root | null = null;

  constructor(
    private readonly doc: OkrDocument,
    private readonly lines: LineIndex,
    private readonly markdown: (text: string, lineStarts?: readonly number[]) => Root,
    private memo: BuildMemo | null,
    reuseObjectives: boolean,
  ) {
    this.source = doc.text;
    this.base = doc.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    // A definition anywhere (`[x]: …`, `[^1]: …`) can turn brackets inside any item into a link.
    if (this.memo && this.source.includes(']:')) this.memo = null;
    this.reuse = this.memo !== null && this.base === 0;
    this.lookup = this.reuse && reuseObjectives;
  }

  private range(s: number, e: number) {
    return this.lines.range(s, e);
  }

  private inline(node: Heading | Paragraph): InlineText {
    let text = this.inlineTexts.get(node);
    if (!text) {
      text = inlineText(node, this.source, this.base);
      this.inlineTexts.set(node, text);
    }
    return text;
  }

  /** Builds the model; false when objectives taken from the memo cannot stay (build again without). */
  build(): boolean {
    const root = this.base ? this.markdown(this.source.slice(1)) : this.markdown(this.source, this.lines.lineStarts);
    const nodes = root.children;
    this.root = root;
    // Objectives are reused only where the section parser cut: between two cuts the tree is a
    // function of the text (proven by test/core/sections.test.ts), elsewhere it may not be.
    this.cuts = this.reuse ? (sectionCuts(root) ?? null) : null;
    // Every top-level node is settled (sections.ts) before anything below it is read.
    if (!this.reuse) for (const n of nodes) settle(n);
    let i = 0;
    if (nodes[0]?.type === 'yaml') {
      const y = nodes[0];
      const s = startOf(y) + this.base;
      const e = endOf(y) + this.base;
      const raw = this.source.slice(s, e);
      const firstBreak = raw.search(/\r\n|\n|\r/);
      const valueStart =
        s +
        (firstBreak < 0 ? raw.length : firstBreak + (raw[firstBreak] === '\r' && raw[firstBreak + 1] === '\n' ? 2 : 1));
      this.fm = readFrontMatter(y.value, valueStart, s, e, this.lines);
      this.doc.frontMatter = this.fm.frontMatter;
      this.doc.owner = this.fm.owner;
      this.doc.level = this.fm.level;
      this.doc.period = this.fm.period;
      this.doc.parent = this.fm.parent;
      i = 1;
    }
    extras.set(this.doc, { frontMatter: this.fm });
    if (this.fm?.lang) {
      this.lang = this.fm.lang;
      this.doc.langExplicit = true;
    } else {
      this.lang = detectLang(this.base ? this.source.slice(1) : this.source);
    }
    this.doc.lang = this.lang;

    // Reusing objectives, the prescan runs node by node below, skipping what a reused objective holds.
    if (!this.reuse) {
      const marks = bracketOffsets(this.source);
      this.prescan(root, (s, e) => anyIn(marks, s, e));
    }
    const hasMark = (s: number, e: number) => hasBracket(this.source, s, e);
    if (this.reuse)
      for (let k = 0; k < i; k++) {
        settle(nodes[k]);
        this.prescan(nodes[k], hasMark);
      }

    const kinds = this.classifyHeadings(nodes);
    for (; i < nodes.length; i++) {
      const node = nodes[i];
      const kind = kinds.get(node);
      if (this.reuse && node.type === 'heading' && this.opensObjective(node, kind)) {
        i = this.objectiveGroup(nodes, i, kind as 'objective' | 'unmarked', kinds, hasMark) - 1;
        continue;
      }
      if (this.reuse) {
        settle(node);
        this.prescan(node, hasMark);
      }
      this.visit(node, kind);
    }
    this.closeObjective(this.source.length);
    return this.finish();
  }

  /** What `visit` decides for a heading: does it open an objective? */
  private opensObjective(node: Heading, kind: HeadingKind | undefined): boolean {
    return kind === 'objective' || (kind === 'unmarked' && !(this.current && node.depth > this.current.depth));
  }

  /**
   * An objective heading and the nodes it holds (up to the next heading that closes it): taken
   * whole from the memo when its key matches and its shared state replays the same, else visited
   * and remembered. Returns the index of the first node after it.
   */
  private objectiveGroup(
    nodes: RootContent[],
    i: number,
    kind: 'objective' | 'unmarked',
    kinds: Map<RootContent, HeadingKind>,
    hasMark: (s: number, e: number) => boolean,
  ): number {
    const head = nodes[i] as Heading;
    let j = i + 1;
    // Mirrors `visit`: a marked objective heading, or any heading not deeper than this one, closes it.
    while (j < nodes.length) {
      const n = nodes[j];
      if (n.type === 'heading' && (kinds.get(n) === 'objective' || n.depth <= head.depth)) break;
      j++;
    }
    const start = startOf(head);
    // What `visit` does first with any heading (idempotent when it runs again below).
    this.closeObjective(start);
    while (this.sectionStack.length && this.sectionStack[this.sectionStack.length - 1].depth >= head.depth) {
      this.sectionStack.pop();
    }
    const section = this.sectionStack.length ? this.sectionStack[this.sectionStack.length - 1].title : null;
    const line = this.lines.lineOf(start);
    const lineStart = this.lines.lineStarts[line];
    const at = j < nodes.length ? startOf(nodes[j]) : this.source.length;
    const last = at === this.source.length;
    const cut = this.cuts !== null && this.cuts.has(lineStart) && (last || this.cuts.has(at));
    const text = this.source.slice(lineStart, at);
    const owner = this.doc.owner;
    let hit: ObjectiveMemo | undefined;
    if (cut && this.lookup) {
      hit = this.memo!.objectiveAt<ObjectiveMemo>(line);
      if (!sameKey(hit, text, last, this.lang, kind, section, owner)) {
        // Lines moved (an Enter above it): the same objective, copied with its lines shifted.
        const moved = this.memo!.objectiveWithText<ObjectiveMemo>(text);
        hit = sameKey(moved, text, last, this.lang, kind, section, owner) ? shiftObjective(moved!, line) : undefined;
      }
    }
    if (hit) {
      this.memo!.objectiveHits++;
      // Replayed exactly as visiting would: every heading's slug, the objective's ID.
      let same = true;
      for (let k = 0; k < hit.slugs.length; k++) {
        const slug = this.slugger.unique(hit.slugs[k]);
        if (k === 0 && slug !== hit.obj.slug) same = false;
      }
      if (this.nextId('O', section ?? '', hit.obj.number) !== hit.obj.id) same = false;
      // The shared state has moved on: give up reusing in this version (see parseOkr).
      if (!same) this.failed = true;
      for (const p of hit.placeholders) this.doc.placeholders.push(p);
      for (const d of hit.directives) this.doc.directives.push(d);
      this.objectiveIndex.set(hit.obj, this.doc.objectives.length);
      this.doc.objectives.push(hit.obj);
      this.reused.set(hit.obj, hit);
      return j;
    }
    if (this.lookup) this.memo!.objectiveMisses++;
    if (!cut) {
      for (let k = i; k < j; k++) {
        settle(nodes[k]);
        this.prescan(nodes[k], hasMark);
        this.visit(nodes[k], kinds.get(nodes[k]));
      }
      return j;
    }
    const before = this.doc.objectives.length;
    const placeholdersBefore = this.doc.placeholders.length;
    const directivesBefore = this.doc.directives.length;
    for (let k = i; k < j; k++) {
      settle(nodes[k]);
      this.prescan(nodes[k], hasMark);
      this.visit(nodes[k], kinds.get(nodes[k]));
    }
    const obj = this.doc.objectives[before];
    if (obj && this.doc.objectives.length === before + 1 && this.current?.obj === obj) {
      // Closed here rather than by the next heading (or the end): the same offset either way.
      this.closeObjective(at);
      const slugs: string[] = [];
      for (let k = i; k < j; k++) {
        const n = nodes[k];
        if (n.type === 'heading') slugs.push(baseSlug(displayText(this.inline(n).plain)));
      }
      this.pending.push({
        // A copy: a slice would keep this version's whole text alive as long as the objective is reused.
        text: ` ${text}`.slice(1),
        last,
        line,
        lang: this.lang,
        kind,
        section,
        owner,
        obj,
        slugs,
        placeholders: this.doc.placeholders.slice(placeholdersBefore),
        directives: this.doc.directives.slice(directivesBefore),
        finish: '',
      });
    }
    return j;
  }

  private failed = false;
  private cuts: ReadonlySet<number> | null = null;

  /**
   * One objective group's nodes (`spliceEdit`), built with the state a whole build has where it
   * starts: the language, the file's owner and the owner section (key result IDs are counted per
   * objective). The group must be what `objectiveGroup` takes: a marked objective heading and what
   * it holds. Its slug and ID, which depend on the headings before it, are the caller's. Null if
   * it is not.
   */
  buildGroup(
    nodes: RootContent[],
    at: number,
    entry: { lang: Lang; owner: string | null; section: string | null },
  ): { obj: Objective; slugs: string[] } | null {
    const head = nodes[0];
    if (head?.type !== 'heading') return null;
    this.lang = entry.lang;
    this.doc.lang = entry.lang;
    this.doc.owner = entry.owner;
    // Depth 0: no heading of the group closes it.
    if (entry.section !== null) this.sectionStack.push({ title: entry.section, range: this.range(0, 0), depth: 0 });
    const kinds = this.classifyHeadings(nodes);
    if (kinds.get(head) !== 'objective') return null;
    for (let k = 1; k < nodes.length; k++) {
      const n = nodes[k];
      if (n.type === 'heading' && (kinds.get(n) === 'objective' || n.depth <= head.depth)) return null;
    }
    const hasMark = (s: number, e: number) => hasBracket(this.source, s, e);
    for (const n of nodes) {
      this.prescan(n, hasMark);
      this.visit(n, kinds.get(n));
    }
    const obj = this.doc.objectives[0];
    if (!obj || this.doc.objectives.length !== 1 || this.current?.obj !== obj) return null;
    this.closeObjective(at);
    const slugs: string[] = [];
    for (const n of nodes) if (n.type === 'heading') slugs.push(baseSlug(displayText(this.inline(n).plain)));
    return { obj, slugs };
  }

  /** Link definitions, directives and placeholders, anywhere in the tree (a plain recursion). */
  private prescan(n: Nodes, mayHold: (s: number, e: number) => boolean): void {
    if (n.type === 'definition') this.definitions.set(n.identifier.toLowerCase(), n.url);
    else if (n.type === 'html') this.readDirective(n.value, startOf(n) + this.base);
    else if (n.type === 'text') this.readPlaceholders(startOf(n) + this.base, endOf(n) + this.base);
    else if (n.type === 'code') return;
    if (!('children' in n)) return;
    // All three start with `[` or `<`: a container whose text has neither holds none of them.
    if (n.type !== 'root' && !mayHold(startOf(n) + this.base, endOf(n) + this.base)) return;
    for (const c of n.children) this.prescan(c as Nodes, mayHold);
  }

  /** Decides, for each heading, whether it is an objective, an owner section, or plain. */
  private classifyHeadings(nodes: RootContent[]): Map<RootContent, HeadingKind> {
    const info: { node: Heading; idx: number; marked: boolean; candidate: boolean }[] = [];
    // What a heading's own text says, remembered per heading node of the section parser's cache
    // (a node there is only ever reused for the same section text).
    const known = this.cuts && this.memo ? this.memo.headings : null;
    nodes.forEach((n, idx) => {
      if (n.type !== 'heading') return;
      let own = known?.get(n) as { marked: boolean; unmarked: boolean } | undefined;
      if (!own) {
        settle(n);
        const t = this.inline(n).plain;
        const marked = OBJECTIVE_MARKER.test(t) && displayText(t.replace(OBJECTIVE_MARKER, '')).length > 0;
        const shown = displayText(t);
        own = { marked, unmarked: !marked && !KR_LABEL.test(shown) && shown.length > 0 };
        known?.set(n, own);
      }
      const next = nodes[idx + 1];
      // A list that starts with `Objective: …` items is the pasted-template shape: the heading is a
      // section. Remembered per list node too: reading the first item's text of 1,000 lists took
      // about a millisecond per keystroke in a big file.
      let templateList = false;
      if (next?.type === 'list') {
        const knownList = known?.get(next) as boolean | undefined;
        if (knownList === undefined) {
          settle(next);
          templateList = this.startsWithObjectiveItem(next);
          known?.set(next, templateList);
        } else templateList = knownList;
      }
      const candidate = own.unmarked && next?.type === 'list' && !templateList;
      info.push({ node: n, idx, marked: own.marked, candidate });
    });
    const kinds = new Map<RootContent, HeadingKind>();
    for (let k = 0; k < info.length; k++) {
      const h = info[k];
      if (h.marked) {
        kinds.set(h.node, 'objective');
        continue;
      }
      let holdsObjectives = false;
      for (let j = k + 1; j < info.length && info[j].node.depth > h.node.depth; j++) {
        if (info[j].marked || info[j].candidate) {
          holdsObjectives = true;
          break;
        }
      }
      if (holdsObjectives) kinds.set(h.node, 'section');
      else kinds.set(h.node, h.candidate ? 'unmarked' : 'plain');
    }
    return kinds;
  }

  private startsWithObjectiveItem(list: List): boolean {
    const para = list.children[0]?.children[0];
    if (para?.type !== 'paragraph') return false;
    const t = this.inline(para).plain;
    return OBJECTIVE_MARKER.test(t) && !KR_MARKER.test(t);
  }

  private visit(node: RootContent, kind: HeadingKind | undefined): void {
    const start = startOf(node) + this.base;
    if (node.type === 'heading') {
      const text = this.inline(node);
      const slug = this.slugger.slug(displayText(text.plain));
      while (this.sectionStack.length && this.sectionStack[this.sectionStack.length - 1].depth >= node.depth) {
        this.sectionStack.pop();
      }
      if (kind === 'objective' || (kind === 'unmarked' && !(this.current && node.depth > this.current.depth))) {
        this.closeObjective(start);
        this.openObjective(text, kind === 'objective' ? 'heading' : 'unmarked-heading', node.depth, slug);
        return;
      }
      if (this.current && node.depth > this.current.depth) {
        this.current.krMode = KR_LABEL.test(displayText(text.plain));
        return;
      }
      this.closeObjective(start);
      if (kind === 'section') {
        const sec: OwnerSection = {
          title: displayText(text.plain),
          range: this.range(start, endOf(node) + this.base),
          depth: node.depth,
        };
        this.doc.sections.push(sec);
        this.sectionStack.push(sec);
      }
      return;
    }
    if (node.type === 'list') {
      if (this.current) {
        if (this.current.krMode) for (const item of node.children) this.readObjectiveItem(this.current, item);
      } else {
        this.readTemplateList(node);
      }
      return;
    }
    if (node.type === 'paragraph' && this.current) {
      this.readObjectiveParagraph(this.current, node);
    }
  }

  /** The last counter key: the key results of one objective come one after another (one string, hashed once). */
  private lastKey = { prefix: '', scope: '', key: '' };

  private nextId(prefix: string, scope: string, n: number | null): string {
    const last = this.lastKey;
    const key = last.prefix === prefix && last.scope === scope && last.key ? last.key : `${prefix}|${scope}`;
    this.lastKey = { prefix, scope, key };
    const count = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, count);
    return `${prefix}${n ?? count}`;
  }

  private openObjective(text: InlineText, kind: Objective['kind'], depth: number, slug: string): void {
    const m = OBJECTIVE_MARKER.exec(text.plain);
    const markerLen = m && kind !== 'unmarked-heading' ? m[0].length : 0;
    const number = m && kind !== 'unmarked-heading' ? readMarkerNumber(m[1]) : null;
    const section = this.sectionStack.length ? this.sectionStack[this.sectionStack.length - 1] : null;
    const { titleStart, titleEnd, title } = this.titleOf(text, markerLen);
    const lineStart = this.lines.lineStarts[this.lines.lineOf(text.start)];
    const obj: Objective = {
      id: this.nextId('O', section?.title ?? '', number),
      number,
      title,
      range: this.range(lineStart, this.lines.lineEnd(this.lines.lineOf(text.start))),
      titleRange: this.range(titleStart, titleEnd),
      markerRange: markerLen
        ? this.range(text.start + (text.plain.length - text.plain.trimStart().length), text.start + markerLen)
        : null,
      sectionRange: this.range(lineStart, lineStart),
      kind,
      headingDepth: depth,
      slug,
      owner: section?.title ?? this.doc.owner,
      section: section?.title ?? null,
      type: 'aspirational',
      typeExplicit: false,
      quantities: [],
      timeRefs: [],
      alignsTo: [],
      mentions: [],
      keyResults: [],
      progress: null,
      rawProgress: null,
    };
    const scan = blank(text.scan.slice(0, markerLen)) + text.scan.slice(markerLen);
    this.readQuantities(scan, text.start, obj.quantities, obj.timeRefs);
    this.readMentions(scan, text.start, obj.mentions);
    this.objectiveIndex.set(obj, this.doc.objectives.length);
    this.doc.objectives.push(obj);
    this.current = { obj, depth, startOffset: lineStart, krMode: true };
  }

  private closeObjective(at: number): void {
    if (!this.current) return;
    let end = at;
    while (end > this.current.startOffset && /\s/.test(this.source[end - 1])) end--;
    this.current.obj.sectionRange = this.range(this.current.startOffset, end);
    this.current = null;
  }

  private titleOf(text: InlineText, markerLen: number): { titleStart: number; titleEnd: number; title: string } {
    const rest = text.plain.slice(markerLen);
    const lead = rest.length - rest.trimStart().length;
    const titleStart = text.start + markerLen + lead;
    const trimmed = text.plain.trimEnd();
    const titleEnd = Math.max(titleStart, text.start + trimmed.length);
    return { titleStart, titleEnd, title: displayText(rest) };
  }

  private readQuantities(scan: string, offset: number, quantities: Quantity[], times: TimeRef[]): ScannedQuantity[] {
    const r = scanText(scan, this.lang);
    for (const t of r.times)
      times.push({ text: t.text, date: t.date, range: this.range(offset + t.start, offset + t.end) });
    for (const q of r.quantities) quantities.push(this.toQuantity(q, offset));
    return r.quantities;
  }

  private toQuantity(q: ScannedQuantity, offset: number): Quantity {
    const out: Quantity = {
      value: q.value,
      scale: q.scale,
      unit: q.unit,
      isPercent: q.isPercent,
      text: q.text,
      range: this.range(offset + q.start, offset + q.end),
    };
    if (q.fraction) out.fraction = q.fraction;
    return out;
  }

  private readMentions(scan: string, offset: number, out: Mention[]): void {
    if (!scan.includes('@')) return;
    MENTION.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = MENTION.exec(scan)))
      out.push({ name: m[1], range: this.range(offset + m.index, offset + m.index + m[0].length) });
  }

  /** A paragraph inside an objective: `Aligns to:` and `Type:` lines, line by line. */
  private readObjectiveParagraph(cur: ObjectiveBuild, node: Paragraph): void {
    const text = this.inline(node);
    const lineRe = /[^\r\n]*(?:\r\n|\n|\r|$)/g;
    let m: RegExpExecArray | null;
    const lineStarts: number[] = [];
    while ((m = lineRe.exec(text.plain)) && m[0].length > 0) {
      lineStarts.push(m.index);
    }
    for (let k = 0; k < lineStarts.length; k++) {
      const ls = lineStarts[k];
      const le = k + 1 < lineStarts.length ? lineStarts[k + 1] : text.plain.length;
      this.readObjectiveLine(cur, text, ls, le);
    }
    this.readMentions(text.scan, text.start, cur.obj.mentions);
  }

  /** Reads one line of text as an alignment or type line; returns whether it was one. */
  private readObjectiveLine(cur: ObjectiveBuild, text: InlineText, ls: number, le: number): boolean {
    const line = text.plain.slice(ls, le);
    const align = ALIGN_KEYWORD.exec(line);
    if (align) {
      const kwStart = text.start + ls + (line.length - line.trimStart().length);
      const keywordRange = this.range(kwStart, text.start + ls + align[0].trimEnd().length);
      const links = text.links.filter((l) => {
        const s = startOf(l) + this.base;
        return s >= text.start + ls && s < text.start + le;
      });
      for (const l of links) this.addAlignment(cur.obj, l.url, l, keywordRange);
      // Reference-style links: `[Company O1][c-o1]` resolved through definitions.
      const refRe = /\[([^\]]+)\]\[([^\]]*)\]/g;
      let r: RegExpExecArray | null;
      const raw = this.source.slice(text.start + ls, text.start + le);
      while ((r = refRe.exec(raw))) {
        const url = this.definitions.get((r[2] || r[1]).toLowerCase());
        if (url !== undefined) {
          const s = text.start + ls + r.index;
          cur.obj.alignsTo.push({
            href: url,
            text: r[1],
            range: this.range(s, s + r[0].length),
            hrefRange: this.range(s, s + r[0].length),
            keywordRange,
            fromParent: false,
          });
        }
      }
      return true;
    }
    const type = TYPE_LINE.exec(line);
    if (type) {
      cur.obj.type = isCommittedWord(type[1]) ? 'committed' : 'aspirational';
      cur.obj.typeExplicit = true;
      return true;
    }
    return false;
  }

  private addAlignment(obj: Objective, url: string, link: Nodes, keywordRange: AlignmentLink['keywordRange']): void {
    const s = startOf(link) + this.base;
    const e = endOf(link) + this.base;
    const raw = this.source.slice(s, e);
    // The destination sits between `](` and the closing `)`, maybe in <…> or with a title.
    const open = raw.lastIndexOf('](');
    let hs = open >= 0 ? s + open + 2 : s;
    let he = e - (raw.endsWith(')') ? 1 : 0);
    const dest = this.source.slice(hs, he);
    const lead = dest.length - dest.trimStart().length;
    hs += lead;
    const titleAt = dest.trimStart().search(/\s+["'(]/);
    if (titleAt >= 0) he = hs + titleAt;
    else he = hs + dest.trim().length;
    obj.alignsTo.push({
      href: url,
      text: displayText(
        'children' in link ? (link.children as Nodes[]).map((c) => ('value' in c ? String(c.value) : '')).join('') : '',
      ),
      range: this.range(s, e),
      hrefRange: this.range(hs, Math.max(hs, he)),
      keywordRange,
      fromParent: false,
    });
  }

  /** A list item in an objective's section: a key result, or an alignment / type / label line. */
  private readObjectiveItem(cur: ObjectiveBuild, item: ListItem): void {
    // Only key results are remembered, and an item's kind depends on its own text: a hit is one.
    if (this.memo) {
      const { key, line } = this.krKey(item);
      const hit = this.memo.get<{ kr: KeyResult; mentions: Mention[] }>(key, line);
      if (hit) {
        const obj = cur.obj;
        const id = this.nextId('KR', this.krScope(obj), hit.kr.number);
        obj.keyResults.push(hit.kr.id === id ? hit.kr : { ...hit.kr, id });
        for (const m of hit.mentions) obj.mentions.push(m);
        return;
      }
    }
    const para = item.children[0]?.type === 'paragraph' ? item.children[0] : null;
    let text: InlineText | null = null;
    if (para) {
      // Read here for the last time (readKeyResult gets it): not kept in the map.
      text = this.inlineTexts.get(para) ?? inlineText(para, this.source, this.base);
      const cut = firstBreak(text.plain);
      const firstLineEnd = cut < 0 ? text.plain.length : cut;
      if (this.readObjectiveLine(cur, text, 0, firstLineEnd)) return;
      if (KR_LABEL.test(displayText(text.plain)) && !item.checked && item.checked !== false) {
        for (const child of item.children) {
          if (child.type === 'list') for (const sub of child.children) this.readObjectiveItem(cur, sub);
        }
        return;
      }
    }
    this.readKeyResult(cur.obj, item, para, text);
  }

  /** Pasted-template shape: `- Objective: …` items followed by `- KR1: …` items. */
  private readTemplateList(list: List): void {
    let cur: ObjectiveBuild | null = null;
    for (const item of list.children) {
      const para = item.children[0]?.type === 'paragraph' ? item.children[0] : null;
      const text = para ? this.inline(para) : null;
      const m = text ? OBJECTIVE_MARKER.exec(text.plain) : null;
      if (text && m && displayText(text.plain.slice(m[0].length)).length > 0 && !KR_MARKER.test(text.plain)) {
        if (cur) this.closeObjective(startOf(item) + this.base);
        const depth = (this.sectionStack[this.sectionStack.length - 1]?.depth ?? 0) + 1;
        const first = this.firstLineText(text);
        this.openObjective(first, 'list-item', depth, this.slugFor(displayText(first.plain.slice(m[0].length))));
        cur = this.current;
        if (cur) cur.startOffset = this.lines.lineStarts[this.lines.lineOf(startOf(item) + this.base)];
        for (const child of item.children) {
          if (child.type === 'list' && cur) for (const sub of child.children) this.readObjectiveItem(cur, sub);
        }
        continue;
      }
      if (cur) this.readObjectiveItem(cur, item);
    }
    if (cur) this.closeObjective(endOf(list) + this.base);
  }

  private slugFor(text: string): string {
    // A slugger of its own: the first slug it gives is the base slug.
    return baseSlug(text);
  }

  private firstLineText(text: InlineText): InlineText {
    const cut = firstBreak(text.plain);
    if (cut < 0) return text;
    return { ...text, end: text.start + cut, plain: text.plain.slice(0, cut), scan: text.scan.slice(0, cut) };
  }

  private readKeyResult(obj: Objective, item: ListItem, para: Paragraph | null, paraText: InlineText | null): void {
    const itemStart = startOf(item) + this.base;
    const line = this.lines.lineOf(itemStart);
    const lineStart = this.lines.lineStarts[line];
    const scope = this.krScope(obj);
    const mentionsBefore = obj.mentions.length;
    const lineText = this.lines.lineText(line);
    const bullet = /^(\s*(?:>\s*)*)([-*+]|\d+[.)])(\s+|$)/.exec(lineText);
    const indent = bullet?.[1] ?? '';
    const listMarker = bullet?.[2] ?? '-';
    const gap = bullet?.[3] || ' ';
    let childIndent =
      indent.includes('\t') || gap.includes('\t') ? `${indent}\t` : indent + ' '.repeat(listMarker.length + gap.length);
    const nested = item.children.find((c): c is List => c.type === 'list');
    if (nested?.children[0]) {
      const nl = this.lines.lineOf(startOf(nested.children[0]) + this.base);
      childIndent = /^\s*/.exec(this.lines.lineText(nl))?.[0] ?? childIndent;
    }
    const binary = item.checked === true || item.checked === false;
    let taskBoxRange = null;
    if (binary) {
      const box = /^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+)\[[ xX]\]/.exec(lineText);
      if (box) taskBoxRange = this.range(lineStart + box[1].length, lineStart + box[0].length);
    }

    const text = para ? this.firstLineText(paraText ?? this.inline(para)) : null;
    const km = text ? KR_MARKER.exec(text.plain) : null;
    const markerLen = km?.[0].length ?? 0;
    const number = km ? readMarkerNumber(km[2] ?? km[1] ?? km[3]) : null;
    const { titleStart, titleEnd, title } = text
      ? this.titleOf(text, markerLen)
      : { titleStart: itemStart, titleEnd: itemStart, title: '' };

    const kr: KeyResult = {
      id: this.nextId('KR', scope, number),
      number,
      title,
      range: this.range(lineStart, this.lines.lineEnd(line)),
      titleRange: this.range(titleStart, titleEnd),
      markerRange: km && text ? this.range(text.start, text.start + km[0].trimEnd().length) : null,
      fullRange: this.range(lineStart, this.trimEnd(endOf(item) + this.base)),
      binary,
      checked: binary ? item.checked === true : null,
      taskBoxRange,
      start: null,
      target: null,
      current: null,
      unit: null,
      direction: 'up',
      weight: 1,
      quantities: [],
      timeRefs: [],
      checkIns: [],
      evidence: [],
      progress: null,
      rawProgress: null,
      confidence: null,
      listMarker,
      indent,
      childIndent,
    };

    let scanned: ScannedQuantity[] = [];
    if (text) {
      let scan = blank(text.scan.slice(0, markerLen)) + text.scan.slice(markerLen);
      const w = WEIGHT.exec(scan);
      if (w) {
        const wv = readNumber(w[1], this.lang);
        if (Number.isFinite(wv) && wv >= 0) kr.weight = wv;
        scan = scan.slice(0, w.index) + ' '.repeat(w[0].length) + scan.slice(w.index + w[0].length);
      }
      scanned = this.readQuantities(scan, text.start, kr.quantities, kr.timeRefs);
      this.readMentions(scan, text.start, obj.mentions);
      for (const l of text.links)
        kr.evidence.push({ text: l.url, range: this.range(startOf(l) + this.base, endOf(l) + this.base) });
      this.readTarget(kr, scan, scanned);
    }
    obj.keyResults.push(kr);

    for (const child of item.children) {
      if (child.type !== 'list') continue;
      for (const sub of child.children) this.readKrChild(kr, sub);
    }
    this.computeKr(kr, scanned);
    if (this.memo) this.memo.put(this.krKey(item).key, line, { kr, mentions: obj.mentions.slice(mentionsBefore) });
  }

  private lastScope: { obj: Objective | null; scope: string } = { obj: null, scope: '' };

  private krScope(obj: Objective): string {
    // Asked once per key result, for the objective asked last time nearly always.
    if (this.lastScope.obj === obj) return this.lastScope.scope;
    const scope = `${obj.section ?? ''}|${obj.id}|${this.objectiveIndex.get(obj) ?? -1}`;
    this.lastScope = { obj, scope };
    return scope;
  }

  /** A key result is a function of its lines and the language; only its ID depends on earlier items. */
  private krKey(item: ListItem): { key: string; line: number } {
    const line = this.lines.lineOf(startOf(item) + this.base);
    const from = this.lines.lineStarts[line];
    return { key: `${this.lang}\n${this.source.slice(from, endOf(item) + this.base)}`, line };
  }

  private trimEnd(at: number): number {
    let end = at;
    while (end > 0 && /\s/.test(this.source[end - 1])) end--;
    return end;
  }

  // A Map, not a WeakMap: it lives as long as this build, and weak tables cost the collector more.
  private targetScale = new Map<KeyResult, { scale: number; isPercent: boolean; explicitStart: boolean }>();

  private readTarget(kr: KeyResult, scan: string, qs: ScannedQuantity[]): void {
    let start: ScannedQuantity | null = null;
    let target: ScannedQuantity | null = null;
    for (let k = 0; k + 1 < qs.length; k++) {
      const before = scan.slice(0, qs[k].start);
      const between = scan.slice(qs[k].end, qs[k + 1].start);
      if (FROM_BETWEEN.test(between) && (FROM_BEFORE.test(before) || /→|->|=>/.test(between))) {
        start = qs[k];
        target = qs[k + 1];
        break;
      }
    }
    // An unfilled placeholder (`from 30 to [number]`) stands where the target goes: none is known yet.
    if (!target && scan.includes('[') && /(?<!\\)\[(?!\^)[^[\]\r\n]+\]/.test(scan.replace(/\[[ xX]\]/g, ''))) return;
    if (!target) target = qs[0] ?? null;
    if (!target) return;
    const value = (q: ScannedQuantity) => (q.fraction ? q.fraction.num : q.value);
    kr.target = value(target);
    kr.unit = target.unit ?? (start?.unit || null);
    const tScale = target.scale;
    if (start) {
      kr.start = (value(start) * start.scale) / tScale;
      kr.direction = kr.start > kr.target ? 'down' : 'up';
    } else {
      kr.direction = DOWN_WORDS.test(scan) ? 'down' : 'up';
      kr.start = kr.direction === 'down' ? null : 0;
    }
    this.targetScale.set(kr, { scale: tScale, isPercent: target.isPercent, explicitStart: Boolean(start) });
  }

  private readKrChild(kr: KeyResult, item: ListItem): void {
    const para = item.children[0]?.type === 'paragraph' ? item.children[0] : null;
    if (!para) return;
    // Read once: not kept in the map.
    const text = this.firstLineText(this.inlineTexts.get(para) ?? inlineText(para, this.source, this.base));
    const itemStart = startOf(item) + this.base;
    const line = this.lines.lineOf(itemStart);
    const range = this.range(this.lines.lineStarts[line], this.lines.lineEnd(line));
    const dm = CHECKIN_DATE.exec(text.plain);
    if (dm) {
      const date = `${dm[1]}-${dm[2].padStart(2, '0')}-${dm[3].padStart(2, '0')}`;
      this.readCheckIn(kr, text, dm[0].length, isValidIsoDate(date) ? date : `${dm[1]}-${dm[2]}-${dm[3]}`, range);
      return;
    }
    const pm = PROGRESS_KEYWORD.exec(text.plain);
    if (pm) {
      this.readCheckIn(kr, text, pm[0].length, null, range, true);
      return;
    }
    const em = EVIDENCE_KEYWORD.exec(text.plain);
    if (em) {
      kr.evidence.push({ text: displayText(text.plain.slice(em[0].length)), range });
    }
  }

  private readCheckIn(
    kr: KeyResult,
    text: InlineText,
    skip: number,
    date: string | null,
    range: CheckIn['range'],
    progressItem = false,
  ): void {
    let scan = blank(text.scan.slice(0, skip)) + text.scan.slice(skip);
    let confidence: number | null = null;
    let problem: CheckIn['problem'] = null;
    const cm = CONFIDENCE.exec(scan);
    if (cm) {
      const v = readNumber(cm[1], this.lang);
      const c = cm[2] === '100' ? v / 10 : v;
      if (Number.isFinite(c) && c >= 0 && c <= 10) confidence = c;
      else problem = 'confidence';
      scan = scan.slice(0, cm.index) + ' '.repeat(cm[0].length) + scan.slice(cm.index + cm[0].length);
    }
    const r = scanText(scan, this.lang);
    const q = r.quantities[0] ?? null;
    const quantity = q ? this.toQuantity(q, text.start) : null;
    let value: number | null = null;
    let progress: number | null = null;
    const t = this.targetScale.get(kr);
    if (q) {
      if (q.fraction && q.fraction.den > 0) {
        if (kr.target !== null && !t?.isPercent && q.fraction.den === kr.target) {
          value = q.fraction.num;
        } else {
          progress = q.fraction.num / q.fraction.den;
        }
      } else if (q.isPercent && (!t || !t.isPercent || progressItem)) {
        progress = q.value / 100;
      } else {
        value = (q.value * q.scale) / (t?.scale ?? 1);
      }
    } else if (!problem) {
      problem = 'unreadable';
    }
    const valueText = displayText(text.plain.slice(skip));
    let note = scan;
    if (q) note = note.slice(0, q.start) + ' '.repeat(q.end - q.start) + note.slice(q.end);
    kr.checkIns.push({
      date,
      quantity,
      value,
      progress,
      confidence,
      note: checkInNote(note),
      range,
      valueText,
      problem,
    });
  }

  private computeKr(kr: KeyResult, _scanned: ScannedQuantity[]): void {
    if (kr.binary) {
      kr.rawProgress = kr.checked ? 1 : 0;
      kr.progress = kr.rawProgress;
      kr.start = 0;
      kr.target = 1;
      kr.current = kr.rawProgress;
      return;
    }
    // Dated check-ins by date, ties in written order (an insertion sort: a key result has a few).
    const dated: CheckIn[] = [];
    let latestUndated: CheckIn | null = null;
    for (const c of kr.checkIns) {
      if (c.date === null) {
        if (c.value !== null || c.progress !== null) latestUndated = c;
        continue;
      }
      let j = dated.length;
      dated.push(c);
      while (j > 0 && dated[j - 1].date! > c.date) dated[j] = dated[--j];
      dated[j] = c;
    }
    // The latest dated check-in is the current value; `Progress:` counts when none is dated.
    let latest: CheckIn | null = null;
    let confidence: number | null = null;
    for (let k = dated.length - 1; k >= 0 && (latest === null || confidence === null); k--) {
      const c = dated[k];
      if (latest === null && (c.value !== null || c.progress !== null)) latest = c;
      if (confidence === null && c.confidence !== null) confidence = c.confidence;
    }
    latest ??= latestUndated;
    kr.confidence = confidence;
    // A decreasing target with no written start takes its first check-in as the baseline.
    if (kr.start === null && kr.target !== null) {
      kr.start = dated.find((c) => c.value !== null)?.value ?? null;
    }
    const start = kr.start ?? 0;
    const span = kr.target !== null ? kr.target - start : null;
    for (const c of kr.checkIns) {
      if (c.progress !== null && c.value === null && kr.target !== null)
        c.value = round(start + (kr.target - start) * c.progress);
      else if (c.value !== null && c.progress === null && span !== null) {
        c.progress = span === 0 ? (c.value === kr.target ? 1 : 0) : (c.value - start) / span;
      }
    }
    if (latest) {
      kr.current = latest.value;
      kr.rawProgress = latest.progress;
    } else if (kr.target !== null) {
      kr.rawProgress = 0;
    }
    if (kr.rawProgress !== null) {
      kr.rawProgress = round(kr.rawProgress);
      kr.progress = Math.min(1, Math.max(0, kr.rawProgress));
    }
  }

  private readPlaceholders(s: number, e: number): void {
    // Runs on every text node: most have no bracket at all (searched here only, not to the end of the file).
    let bracket = s;
    while (bracket < e && this.source.charCodeAt(bracket) !== 91 /* [ */) bracket++;
    if (bracket >= e) return;
    const raw = this.source.slice(s, e);
    const re = /(?<!\\)\[([^[\]\r\n]{1,80})(?<!\\)\]/gu;
    let m: RegExpExecArray | null;
    while ((m = re.exec(raw))) {
      const inner = m[1].trim();
      if (inner === '' || /^[xX ]$/.test(m[1]) || inner.startsWith('^')) continue;
      const ps: Placeholder = { text: m[0], range: this.range(s + m.index, s + m.index + m[0].length) };
      this.doc.placeholders.push(ps);
    }
  }

  private readDirective(value: string, offset: number): void {
    const re = /<!--\s*okr-(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]*?)-->/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(value))) {
      const d: Directive = {
        kind: m[1] as Directive['kind'],
        rules: m[2].split(/[\s,]+/).filter(Boolean),
        line: this.lines.lineOf(offset + m.index),
      };
      this.doc.directives.push(d);
    }
  }

  private finish(): boolean {
    const doc = this.doc;
    if (this.failed) return false;
    const reused = this.reused;
    // A lone heading above all objectives is the document's title, not an owner section:
    // owner sections exist when objectives sit under two or more different headings.
    const holders = new Set(doc.objectives.map((o) => (reused.has(o) ? reused.get(o)!.section : o.section)));
    const clear = holders.size < 2 || holders.has(null);
    const parentRange =
      doc.parent && this.fm
        ? this.fm.keyRanges.parent
          ? this.range(this.fm.keyRanges.parent.start, this.fm.keyRanges.parent.end)
          : this.fm.frontMatter.range
        : null;
    // All this step reads besides the objective itself: a reused objective is what it would make
    // of the same objective only when these are the same (else parseOkr builds again).
    const finishKey = JSON.stringify([clear, doc.owner, doc.parent, parentRange]);
    for (const m of reused.values()) if (m.finish !== finishKey) return false;
    doc.sections = clear ? [] : doc.sections.filter((s) => holders.has(s.title));
    for (const o of doc.objectives) if (!reused.has(o)) finishObjective(o, clear, doc.owner, doc.parent, parentRange);
    doc.progress = documentProgress(doc.objectives);
    if (this.memo) {
      for (const m of reused.values()) this.memo.putObjective(m.line, m);
      for (const p of this.pending) {
        p.finish = finishKey;
        detachStrings(p.obj);
        detachStrings(p.placeholders);
        detachStrings(p.directives);
        this.memo.putObjective(p.line, p);
      }
    }
    return true;
  }
}

/** Offsets of every `[` and `<`, ascending (two `indexOf` runs merged: faster than a loop over every character). */
function bracketOffsets(text: string): number[] {
  const out: number[] = [];
  let b = text.indexOf('[');
  let a = text.indexOf('<');
  while (b >= 0 || a >= 0) {
    if (a < 0 || (b >= 0 && b < a)) {
      out.push(b);
      b = text.indexOf('[', b + 1);
    } else {
      out.push(a);
      a = text.indexOf('<', a + 1);
    }
  }
  return out;
}

/** Where the first line break (`\r\n`, `\n` or `\r`) starts, or -1: what `search(/\r\n|\n|\r/)` gives. */
function firstBreak(s: string): number {
  const n = s.indexOf('\n');
  const r = s.indexOf('\r');
  return r < 0 ? n : n < 0 ? r : Math.min(n, r);
}

/** Whether a remembered objective was built from the same text and builder state (all but its line). */
function sameKey(
  m: ObjectiveMemo | undefined,
  text: string,
  last: boolean,
  lang: Lang,
  kind: HeadingKind,
  section: string | null,
  owner: string | null,
): boolean {
  return (
    m !== undefined &&
    m.text === text &&
    m.last === last &&
    m.lang === lang &&
    m.kind === kind &&
    m.section === section &&
    m.owner === owner
  );
}

/** A remembered objective moved to start on `line` (deep copies: nothing is shared with the original). */
function shiftObjective(m: ObjectiveMemo, line: number): ObjectiveMemo {
  const delta = line - m.line;
  const obj = shiftLines(m.obj, delta);
  // The front matter's parent link is not in the objective's text: its range stays.
  obj.alignsTo = obj.alignsTo.map((l, k) => (l.fromParent ? m.obj.alignsTo[k] : l));
  recordMove(obj, m.obj, delta);
  return {
    ...m,
    line,
    obj,
    placeholders: shiftLines(m.placeholders, delta),
    directives: m.directives.map((d) => ({ ...d, line: d.line + delta, rules: [...d.rules] })),
  };
}

/** Whether text[s, e) holds a `[` or a `<`. */
function hasBracket(text: string, s: number, e: number): boolean {
  for (let k = s; k < e; k++) {
    const c = text.charCodeAt(k);
    if (c === 91 || c === 60) return true;
  }
  return false;
}

/** Whether some offset of the sorted list lies in [s, e). */
function anyIn(sorted: number[], s: number, e: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < s) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] < e;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
