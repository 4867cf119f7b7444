// What the language server keeps of an OKR file that is NOT open in the editor. A full model costs
// ~57 KB per typical file (a range for every quantity, date, check-in, mention...): 10,000 files
// would hold more than half a gigabyte. Cross-file features only read the outline of closed files,
// so the index keeps that (~10 KB): ranges packed in one typed array per file and made when read,
// the fields of objectives and key results read from typed arrays and one string per file when
// asked, short repeated strings shared, no string cut from the file's text.
// Open documents always use the full model of the parse cache; the command line keeps full models.
// The outline is read through the same model interfaces (getters for most fields): treat it as
// read-only data; spreading or JSON of a whole objective or key result would miss the getters.
//
// Readers of closed documents (audited: lsp/features/alignment.ts, objectives.ts, symbols.ts,
// alignmentViews.ts, workspace/{alignment,navigate,views}.ts, rules/alignment{Broken,Cycle}.ts):
// the file's uri, owner, level, period, parent, sections, skip state and progress; objectives'
// id, number, title, slug, owner, section, type, kind, progress, ranges, alignment links (all of
// each link) and mention names; key results' id, number, title, ranges and progress numbers.
// Dropped (empty), because only rules and hovers read them and those run on open documents:
// the text, quantities, dates found in lines, check-ins, evidence, placeholders, directives and
// front matter problems. A feature that needs the text of a closed file reads it again
// (`sourceMatches` tells whether that text is the one the model was built from).
// Never run rules on a slim model: `isSlim` tells them apart.
import type {
  AlignmentLink,
  CheckIn,
  EvidenceRef,
  KeyResult,
  Mention,
  Objective,
  OkrDocument,
  OwnerSection,
  Period,
  Quantity,
  Range,
  TimeRef,
} from '../model';

const slimDocs = new WeakMap<OkrDocument, number>();
const NONE: never[] = [];
Object.freeze(NONE);

/** Whether this model is the index's outline of a closed file (no text, no line detail). */
export function isSlim(doc: OkrDocument): boolean {
  return slimDocs.has(doc);
}

/** FNV-1a over the UTF-16 code units, mixed with the length: a cheap "same text?" check. */
export function textHash(text: string): number {
  let h = 0x811c9dc5 ^ text.length;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Whether `text` is the text a slim model was built from (always true for a full model that holds it). */
export function sourceMatches(doc: OkrDocument, text: string): boolean {
  const h = slimDocs.get(doc);
  return h === undefined ? doc.text === text : h === textHash(text);
}

/**
 * A copy of a string that does not keep a larger one alive. V8 cuts substrings of 13 characters
 * or more as views into their parent: a title sliced from the file would keep the whole text.
 */
function own(s: string): string {
  // A JSON round trip makes a flat copy (a concatenation would leave a 32-byte view per string).
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/**
 * Short strings that repeat across files (link targets, levels, owners, periods, parent links,
 * mention names) are shared. Bounded, so that a workspace of odd names cannot grow it for ever.
 */
const pool = new Map<string, string>();
const POOL_MAX = 20000;

function short(s: string): string {
  const known = pool.get(s);
  if (known !== undefined) return known;
  if (pool.size < POOL_MAX) pool.set(s, s);
  return s;
}

/**
 * Every range a slim document keeps, four numbers each (start line, character, end line,
 * character) in one typed array: 8 bytes a range (16 past 65,534 lines or characters) instead of
 * three objects (~120 bytes). A range is made when read. Stored plus one: 0 is a missing range.
 */
type Packed = Uint16Array | Int32Array;

class Coords {
  private readonly xs: number[] = [];
  private max = 0;

  add(r: Range | null): number {
    const at = this.xs.length;
    if (r) {
      const { start, end } = r;
      this.xs.push(start.line + 1, start.character + 1, end.line + 1, end.character + 1);
      this.max = Math.max(this.max, start.line, start.character, end.line, end.character);
    } else this.xs.push(0, 0, 0, 0);
    return at;
  }

  done(): Packed {
    return this.max < 65535 ? Uint16Array.from(this.xs) : Int32Array.from(this.xs);
  }
}

function rangeAt(c: Packed, at: number): Range {
  return {
    start: { line: c[at] - 1, character: c[at + 1] - 1 },
    end: { line: c[at + 2] - 1, character: c[at + 3] - 1 },
  };
}

function rangeOrNullAt(c: Packed, at: number): Range | null {
  return c[at] === 0 ? null : rangeAt(c, at);
}

// ---------------------------------------------------------------------------------------------
// The transfer form of an outline (`packSlim` / `unpackSlim`): plain data that survives
// structuredClone, postMessage and v8.serialize, so that worker threads can parse and the
// persisted cache can keep outlines. `slimForIndex` itself goes through it (pack, then unpack):
// one way to build an outline, so a transferred outline is the same as one made in place.

/** Bumped whenever the shape below changes (persisted caches hold it). */
export const PACK_FORMAT = 4;

// Links, objectives and key results go into two typed arrays per document (`ints`, `nums`) and
// their strings into a table (each string once, all in one string): a structured copy or
// v8.serialize then copies a few buffers and one string per document, not a value per field and an
// object or array per objective and key result. One array of cells, an earlier form, was a tenth of
// a warm start (each cell read back as a tagged value, each fraction a heap number); an array of
// strings, the next, made 70 strings per file to copy, collect and keep.

export interface PackedSlim {
  format: typeof PACK_FORMAT;
  uri: string;
  version: number;
  /** `textHash` of the text the outline was built from. */
  hash: number;
  lang: OkrDocument['lang'];
  langExplicit: boolean;
  eol: OkrDocument['eol'];
  frontMatter: { range: Range; data: Record<string, unknown> | null } | null;
  owner: string | null;
  level: OkrDocument['level'];
  period: Period | null;
  parent: string | null;
  sections: OwnerSection[];
  skipped: OkrDocument['skipped'];
  progress: number | null;
  lineCount: number;
  /** Every range, four numbers each, stored plus one (0 = missing). */
  coords: Packed;
  /**
   * Every string of the links, objectives and key results, once, one after the other in one
   * string: string k ends at `ends[k]` and starts where string k - 1 ends.
   */
  text: string;
  ends: Uint16Array | Int32Array;
  /**
   * The links, then the objectives with their key results, field after field (`writeBody`):
   * the integers (counts, range offsets, string indexes, flags), each stored plus one (0: null)…
   */
  ints: Uint16Array | Int32Array;
  /** …and the other numbers (progress, targets, weights…), NaN where null (a flag in `ints` says so). */
  nums: Float64Array;
}

/** Writes cells; strings go into the table once. */
class Writer {
  private readonly ints: number[] = [];
  private readonly nums: number[] = [];
  private readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  /** A whole number from -1 up. */
  int(x: number): void {
    this.ints.push(x);
  }
  bool(x: boolean): void {
    this.ints.push(x ? 1 : 0);
  }
  boolOrNull(x: boolean | null): void {
    this.ints.push(x === null ? -1 : x ? 1 : 0);
  }
  num(x: number): void {
    this.nums.push(x);
  }
  numOrNull(x: number | null): void {
    this.ints.push(x === null ? 0 : 1);
    this.nums.push(x ?? NaN);
  }
  str(s: string): void {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.push(s) - 1;
      this.index.set(s, i);
    }
    this.ints.push(i);
  }
  strOrNull(s: string | null): void {
    if (s === null) this.ints.push(-1);
    else this.str(s);
  }
  done(): Pick<PackedSlim, 'text' | 'ends' | 'ints' | 'nums'> {
    const xs = this.ints;
    let max = 0;
    for (const x of xs) if (x > max) max = x;
    const ints = max + 1 <= 65535 ? new Uint16Array(xs.length) : new Int32Array(xs.length);
    for (let i = 0; i < xs.length; i++) ints[i] = xs[i] + 1;
    // One string, made by join: a flat copy that keeps no file text alive (a join of one string
    // may be that very string).
    const text = this.strings.length === 1 ? own(this.strings[0]) : this.strings.join('');
    const ends = text.length <= 65535 ? new Uint16Array(this.strings.length) : new Int32Array(this.strings.length);
    let end = 0;
    this.strings.forEach((x, k) => (ends[k] = end += x.length));
    return { text, ends, ints, nums: Float64Array.from(this.nums) };
  }
}

/** Reads the cells back in the order `writeBody` wrote them. */
class Reader {
  /** Where the next integer and the next number are. */
  i = 0;
  n = 0;
  constructor(readonly t: Cells) {}
  int(): number {
    return this.t.ints[this.i++] - 1;
  }
  str(): string {
    return this.t.str(this.t.ints[this.i++] - 1);
  }
}

/**
 * An outline's cells, which it keeps: its objectives and key results read their fields from them
 * when asked. Objects for 200,000 key results made a warm start of 10,000 files allocate and
 * collect far more than it needs: only the views and hovers read key results of closed files, and
 * the graph only those a link names. The same held for strings: an array of them per outline was
 * 700,000 strings after a warm start, now one string per outline, cut when a field is read. The
 * numbers live outside the JS heap, which the garbage collector never walks.
 */
class Cells {
  constructor(
    readonly c: Packed,
    readonly ints: Uint16Array | Int32Array,
    readonly nums: Float64Array,
    readonly text: string,
    readonly ends: Uint16Array | Int32Array,
  ) {}
  /** String `k` of the table. */
  str(k: number): string {
    return this.text.slice(k === 0 ? 0 : this.ends[k - 1], this.ends[k]);
  }
}

// A key result's cells (`writeBody` writes every field, null or not): integers, then numbers, at
// these places from its first.
const I_ID = 0;
const I_NUMBER = 1; // null or not; the value is at N_NUMBER
const I_TITLE = 2;
const I_AT = 3;
const I_START = 4; // start, target, current, progress, raw progress, confidence: null or not
const I_BINARY = 10;
const I_CHECKED = 11;
const I_UNIT = 12;
const I_DIRECTION = 13;
const I_MARKER = 14;
const I_INDENT = 15;
const I_CHILD_INDENT = 16;
const KR_INTS = 17;
const N_NUMBER = 0;
const N_START = 1; // then target, current, progress, raw progress, confidence
const N_WEIGHT = 7;
const KR_NUMS = 8;

/**
 * Unpacking pools short strings (they arrive owned: copied by `packSlim` or by the structured
 * clone). Long ones are kept as they are.
 */
function pooled(s: string): string {
  return s.length <= 64 ? short(s) : s;
}

function pooledOrNull(s: string | null): string | null {
  return s === null ? null : pooled(s);
}

/** A deep copy of plain YAML data, its strings and keys passed through `text` and `key`. */
function copyData(v: unknown, text: (s: string) => string, key: (s: string) => string): unknown {
  if (typeof v === 'string') return text(v);
  if (Array.isArray(v)) return v.map((x) => copyData(x, text, key));
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[key(k)] = copyData(x, text, key);
    return out;
  }
  return v;
}

// The classes below hold the kept fields; ranges are read from the document's coordinates and the
// dropped lists are one shared empty array on the prototype.

/**
 * Something of an outline read field by field from the outline's cells, from `t.ints[i]` and
 * `t.nums[n]` on (links, objectives and key results).
 */
abstract class CellView {
  constructor(
    readonly t: Cells,
    readonly i: number,
    readonly n: number,
  ) {}
  /** The integer at `at` (stored plus one). */
  protected int(at: number): number {
    return this.t.ints[this.i + at] - 1;
  }
  protected str(at: number): string {
    return this.t.str(this.int(at));
  }
  /** The string at `at`, or null (stored as -1). */
  protected strOrNull(at: number): string | null {
    const x = this.int(at);
    return x < 0 ? null : this.t.str(x);
  }
  /** The number at `at`, or null when the flag at `flag` says so. */
  protected numOrNull(flag: number, at: number): number | null {
    return this.int(flag) === 0 ? null : this.t.nums[this.n + at];
  }
}

// A link's cells (`writeBody`): href, text, at, fromParent.
const L_HREF = 0;
const L_TEXT = 1;
const L_AT = 2;
const L_FROM_PARENT = 3;
const LINK_INTS = 4;

/** A link of an outline: its target is read when it is made (the index resolves every one), the rest when asked. */
class SlimLink extends CellView implements AlignmentLink {
  readonly href: string;
  constructor(t: Cells, i: number) {
    super(t, i, 0);
    // Targets repeat across files (`../company.okr.md#o1`): one string for all.
    this.href = pooled(this.str(L_HREF));
  }
  get c(): Packed {
    return this.t.c;
  }
  get text(): string {
    return this.str(L_TEXT);
  }
  get at(): number {
    return this.int(L_AT);
  }
  get fromParent(): boolean {
    return this.int(L_FROM_PARENT) === 1;
  }
  get range(): Range {
    return rangeAt(this.t.c, this.at);
  }
  get hrefRange(): Range {
    return rangeAt(this.t.c, this.at + 4);
  }
  get keywordRange(): Range {
    return rangeAt(this.t.c, this.at + 8);
  }
}

/** A key result of an outline, read field by field from the outline's cells. */
class SlimKeyResult extends CellView implements KeyResult {
  get id(): string {
    return this.str(I_ID);
  }
  get number(): number | null {
    return this.numOrNull(I_NUMBER, N_NUMBER);
  }
  get title(): string {
    return this.str(I_TITLE);
  }
  /** Where its ranges start in the outline's coordinates. */
  get at(): number {
    return this.int(I_AT);
  }
  get start(): number | null {
    return this.numOrNull(I_START, N_START);
  }
  get target(): number | null {
    return this.numOrNull(I_START + 1, N_START + 1);
  }
  get current(): number | null {
    return this.numOrNull(I_START + 2, N_START + 2);
  }
  get progress(): number | null {
    return this.numOrNull(I_START + 3, N_START + 3);
  }
  get rawProgress(): number | null {
    return this.numOrNull(I_START + 4, N_START + 4);
  }
  get confidence(): number | null {
    return this.numOrNull(I_START + 5, N_START + 5);
  }
  get binary(): boolean {
    return this.int(I_BINARY) === 1;
  }
  get checked(): boolean | null {
    const x = this.int(I_CHECKED);
    return x < 0 ? null : x === 1;
  }
  get unit(): string | null {
    return this.strOrNull(I_UNIT);
  }
  get direction(): 'up' | 'down' {
    return this.str(I_DIRECTION) as 'up' | 'down';
  }
  get weight(): number {
    return this.t.nums[this.n + N_WEIGHT];
  }
  get listMarker(): string {
    return this.str(I_MARKER);
  }
  get indent(): string {
    return this.str(I_INDENT);
  }
  get childIndent(): string {
    return this.str(I_CHILD_INDENT);
  }
  get range(): Range {
    return rangeAt(this.t.c, this.at);
  }
  get titleRange(): Range {
    return rangeAt(this.t.c, this.at + 4);
  }
  get markerRange(): Range | null {
    return rangeOrNullAt(this.t.c, this.at + 8);
  }
  get fullRange(): Range {
    return rangeAt(this.t.c, this.at + 12);
  }
  get taskBoxRange(): Range | null {
    return rangeOrNullAt(this.t.c, this.at + 16);
  }
  get quantities(): Quantity[] {
    return NONE;
  }
  get timeRefs(): TimeRef[] {
    return NONE;
  }
  get checkIns(): CheckIn[] {
    return NONE;
  }
  get evidence(): EvidenceRef[] {
    return NONE;
  }
}

// An objective's cells (`writeBody`): integers, then numbers, at these places from its first;
// then its links, mentions and key results.
const O_ID = 0;
const O_NUMBER = 1; // null or not; the value is at NO_NUMBER
const O_TITLE = 2;
const O_AT = 3;
const O_KIND = 4;
const O_DEPTH = 5;
const O_SLUG = 6;
const O_OWNER = 7;
const O_SECTION = 8;
const O_TYPE = 9;
const O_TYPE_EXPLICIT = 10;
const O_PROGRESS = 11; // then raw progress: null or not
const O_INTS = 13;
const NO_NUMBER = 0;
const NO_PROGRESS = 1; // then raw progress
const O_NUMS = 3;

/**
 * An objective of an outline, read field by field from the outline's cells; only its links (the
 * index resolves every one) and mentions are objects from the start.
 */
class SlimObjective extends CellView implements Objective {
  readonly alignsTo: AlignmentLink[];
  readonly mentions: Mention[];
  /** Its key results: `kn` of them from cells `ki` and `kj` of `t`, made into objects when first read. */
  readonly ki: number;
  readonly kj: number;
  readonly kn: number;
  private krs: KeyResult[] | null = null;

  constructor(r: Reader, links: SlimLink[]) {
    super(r.t, r.i, r.n);
    r.i += O_INTS;
    r.n += O_NUMS;
    const linked = r.int();
    if (linked === 0) this.alignsTo = NONE;
    else {
      const alignsTo: AlignmentLink[] = [];
      for (let k = 0; k < linked; k++) alignsTo.push(links[r.int()]);
      this.alignsTo = alignsTo;
    }
    // Rare: plain objects.
    const mentioned = r.int();
    this.mentions = mentioned
      ? Array.from({ length: mentioned }, () => ({
          name: pooled(r.str()),
          range: { start: { line: r.int(), character: r.int() }, end: { line: r.int(), character: r.int() } },
        }))
      : NONE;
    this.kn = r.int();
    // Its key results' cells are skipped, to be read when asked.
    this.ki = r.i;
    this.kj = r.n;
    r.i += this.kn * KR_INTS;
    r.n += this.kn * KR_NUMS;
  }
  get c(): Packed {
    return this.t.c;
  }
  get id(): string {
    return this.str(O_ID);
  }
  get number(): number | null {
    return this.numOrNull(O_NUMBER, NO_NUMBER);
  }
  get title(): string {
    return this.str(O_TITLE);
  }
  /** Where its ranges start in the outline's coordinates. */
  get at(): number {
    return this.int(O_AT);
  }
  get kind(): Objective['kind'] {
    return this.str(O_KIND) as Objective['kind'];
  }
  get headingDepth(): number {
    return this.int(O_DEPTH);
  }
  get slug(): string {
    return this.str(O_SLUG);
  }
  get owner(): string | null {
    return this.strOrNull(O_OWNER);
  }
  get section(): string | null {
    return this.strOrNull(O_SECTION);
  }
  get type(): Objective['type'] {
    return this.str(O_TYPE) as Objective['type'];
  }
  get typeExplicit(): boolean {
    return this.int(O_TYPE_EXPLICIT) === 1;
  }
  get progress(): number | null {
    return this.numOrNull(O_PROGRESS, NO_PROGRESS);
  }
  get rawProgress(): number | null {
    return this.numOrNull(O_PROGRESS + 1, NO_PROGRESS + 1);
  }
  get keyResults(): KeyResult[] {
    // The same array every time: callers compare key results by identity.
    let krs = this.krs;
    if (!krs) {
      const { t, ki, kj } = this;
      krs = this.kn
        ? Array.from({ length: this.kn }, (_, k) => new SlimKeyResult(t, ki + k * KR_INTS, kj + k * KR_NUMS))
        : NONE;
      this.krs = krs;
    }
    return krs;
  }
  get range(): Range {
    return rangeAt(this.c, this.at);
  }
  get titleRange(): Range {
    return rangeAt(this.c, this.at + 4);
  }
  get markerRange(): Range | null {
    return rangeOrNullAt(this.c, this.at + 8);
  }
  get sectionRange(): Range {
    return rangeAt(this.c, this.at + 12);
  }
  get quantities(): Quantity[] {
    return NONE;
  }
  get timeRefs(): TimeRef[] {
    return NONE;
  }
}

function copyRange(r: Range): Range {
  return { start: { line: r.start.line, character: r.start.character }, end: { ...r.end } };
}

const same = (s: string) => s;

/**
 * The outline of `doc` as plain data (see above). A full model is outlined on the way (its strings
 * copied, so that none keeps the file's text alive); an outline is read as it is.
 */
export function packSlim(doc: OkrDocument): PackedSlim {
  const hash = slimDocs.get(doc);
  if (hash !== undefined) return packOutline(doc, hash);
  return packModel(doc, own, textHash(doc.text));
}

/**
 * `packSlim` for an outline that is copied anyway (postMessage from a worker): its strings are not
 * copied first. Copies of strings keep no file text alive; these may (test/core/fastPaths.test.ts
 * checks that both unpack to the same outline).
 */
export function packSlimForTransfer(doc: OkrDocument): PackedSlim {
  const hash = slimDocs.get(doc);
  if (hash !== undefined) return packOutline(doc, hash);
  return packModel(doc, same, textHash(doc.text));
}

/** Where each part's ranges start in the document's coordinates. */
interface Offsets {
  link(l: AlignmentLink): number;
  objective(o: Objective): number;
  keyResult(k: KeyResult): number;
}

/** Plain data of an outline: its coordinates are reused, not read range by range. */
function packOutline(doc: OkrDocument, hash: number): PackedSlim {
  const first = doc.objectives[0] as SlimObjective | undefined;
  if (!first) return packModel(doc, same, hash);
  const w = new Writer();
  writeBody(w, doc, {
    link: (l) => (l as SlimLink).at,
    objective: (o) => (o as SlimObjective).at,
    keyResult: (k) => (k as SlimKeyResult).at,
  });
  return { ...docFields(doc, same, hash), coords: first.c, ...w.done() };
}

/** Plain data of any model, its ranges read through the model's interface. */
function packModel(doc: OkrDocument, copy: (s: string) => string, hash: number): PackedSlim {
  const coords = new Coords();
  const w = new Writer();
  writeBody(w, doc, {
    link: (l) => {
      const at = coords.add(l.range);
      coords.add(l.hrefRange);
      coords.add(l.keywordRange);
      return at;
    },
    objective: (o) => {
      const at = coords.add(o.range);
      coords.add(o.titleRange);
      coords.add(o.markerRange);
      coords.add(o.sectionRange);
      return at;
    },
    keyResult: (k) => {
      const at = coords.add(k.range);
      coords.add(k.titleRange);
      coords.add(k.markerRange);
      coords.add(k.fullRange);
      coords.add(k.taskBoxRange);
      return at;
    },
  });
  return { ...docFields(doc, copy, hash), coords: coords.done(), ...w.done() };
}

/** The cells of links, objectives and key results; `Reader` and the classes read them in this order. */
function writeBody(w: Writer, doc: OkrDocument, at: Offsets): void {
  // A link object may serve several objectives (kept so: one link, many references).
  const linkIndex = new Map<AlignmentLink, number>();
  const links: AlignmentLink[] = [];
  for (const o of doc.objectives)
    for (const l of o.alignsTo)
      if (!linkIndex.has(l)) {
        linkIndex.set(l, links.length);
        links.push(l);
      }
  w.int(links.length);
  for (const l of links) {
    w.str(l.href);
    w.str(l.text);
    w.int(at.link(l));
    w.bool(l.fromParent);
  }
  w.int(doc.objectives.length);
  for (const o of doc.objectives) {
    w.str(o.id);
    w.numOrNull(o.number);
    w.str(o.title);
    w.int(at.objective(o));
    w.str(o.kind);
    w.int(o.headingDepth);
    w.str(o.slug);
    w.strOrNull(o.owner);
    w.strOrNull(o.section);
    w.str(o.type);
    w.bool(o.typeExplicit);
    w.numOrNull(o.progress);
    w.numOrNull(o.rawProgress);
    w.int(o.alignsTo.length);
    for (const l of o.alignsTo) w.int(linkIndex.get(l)!);
    w.int(o.mentions.length);
    for (const m of o.mentions) {
      w.str(m.name);
      const { start, end } = m.range;
      w.int(start.line);
      w.int(start.character);
      w.int(end.line);
      w.int(end.character);
    }
    w.int(o.keyResults.length);
    for (const k of o.keyResults) {
      // Every field, null or not: a key result is read from fixed places (I_* and N_* above).
      w.str(k.id);
      w.numOrNull(k.number);
      w.str(k.title);
      w.int(at.keyResult(k));
      w.numOrNull(k.start);
      w.numOrNull(k.target);
      w.numOrNull(k.current);
      w.numOrNull(k.progress);
      w.numOrNull(k.rawProgress);
      w.numOrNull(k.confidence);
      w.bool(k.binary);
      w.boolOrNull(k.checked);
      w.strOrNull(k.unit);
      w.str(k.direction);
      w.num(k.weight);
      w.str(k.listMarker);
      w.str(k.indent);
      w.str(k.childIndent);
    }
  }
}

type DocFields = Omit<PackedSlim, 'coords' | 'text' | 'ends' | 'ints' | 'nums'>;

function docFields(doc: OkrDocument, copy: (s: string) => string, hash: number): DocFields {
  const f = doc.frontMatter;
  return {
    format: PACK_FORMAT,
    uri: doc.uri,
    version: doc.version,
    hash,
    lang: doc.lang,
    langExplicit: doc.langExplicit,
    eol: doc.eol,
    // The mapping as read: small, and it says what the file declares.
    frontMatter: f && {
      range: copyRange(f.range),
      data: f.data === null ? null : (copyData(f.data, copy, copy) as Record<string, unknown>),
    },
    owner: copyOrNull(doc.owner, copy),
    level: doc.level,
    period: doc.period && { text: copy(doc.period.text), start: copy(doc.period.start), end: copy(doc.period.end) },
    parent: copyOrNull(doc.parent, copy),
    sections: doc.sections.map((x) => ({ title: copy(x.title), range: copyRange(x.range), depth: x.depth })),
    skipped: doc.skipped && { reason: doc.skipped.reason, message: copy(doc.skipped.message) },
    progress: doc.progress,
    lineCount: doc.lineCount,
  };
}

function copyOrNull(s: string | null, copy: (s: string) => string): string | null {
  return s === null ? null : copy(s);
}

/**
 * The outline that `p` describes: `isSlim`, read through the same getters as one made by
 * `slimForIndex`. The outline shares `p`'s coordinates and a few ranges (read-only data, like
 * every outline): unpacking the same `p` twice is fine, changing `p` afterwards is not.
 */
export function unpackSlim(p: PackedSlim): OkrDocument {
  // Deserialized typed arrays are views into the buffer they came in (the whole cache file, a
  // worker's message): the outline keeps them, so it gets its own copies and that buffer can go.
  const t = new Cells(owned(p.coords), owned(p.ints), owned(p.nums), p.text, owned(p.ends));
  const r = new Reader(t);
  const linkCount = r.int();
  const links: SlimLink[] = [];
  for (let k = 0; k < linkCount; k++, r.i += LINK_INTS) links.push(new SlimLink(t, r.i));
  const f = p.frontMatter;
  const slim: OkrDocument = {
    uri: p.uri,
    version: p.version,
    text: '',
    lang: p.lang,
    langExplicit: p.langExplicit,
    eol: p.eol,
    frontMatter: f && {
      range: f.range,
      data: f.data === null ? null : (copyData(f.data, pooled, short) as Record<string, unknown>),
      problems: NONE,
    },
    owner: pooledOrNull(p.owner),
    level: p.level,
    period: p.period && { text: pooled(p.period.text), start: short(p.period.start), end: short(p.period.end) },
    parent: pooledOrNull(p.parent),
    sections: p.sections.length
      ? p.sections.map((x) => ({ title: pooled(x.title), range: x.range, depth: x.depth }))
      : NONE,
    objectives: Array.from({ length: r.int() }, () => new SlimObjective(r, links)),
    placeholders: NONE,
    directives: NONE,
    skipped: p.skipped,
    progress: p.progress,
    lineCount: p.lineCount,
  };
  slimDocs.set(slim, p.hash);
  return slim;
}

/** A typed array that is not a view into a larger buffer: the array itself, or a copy. */
function owned<T extends Uint16Array | Int32Array | Float64Array>(a: T): T {
  return (a.byteLength === a.buffer.byteLength ? a : a.slice()) as T;
}

/** The outline of a closed file that the workspace index keeps (see the header for what goes). */
export function slimForIndex(doc: OkrDocument): OkrDocument {
  if (slimDocs.has(doc)) return doc;
  return unpackSlim(packModel(doc, own, textHash(doc.text)));
}
