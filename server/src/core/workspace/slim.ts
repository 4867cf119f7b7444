// What the language server keeps of an OKR file that is NOT open in the editor. A full model costs
// ~57 KB per typical file (a range for every quantity, date, check-in, mention...): 10,000 files
// would hold more than half a gigabyte. Cross-file features only read the outline of closed files,
// so the index keeps that (~10 KB): ranges packed in one typed array per file and made when read,
// key results' writing style and short repeated strings shared, no string cut from the text.
// Open documents always use the full model of the parse cache; the command line keeps full models.
// The outline is read through the same model interfaces (getters for ranges): treat it as
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
 * Short strings that repeat across files (IDs, markers, indents, units, levels, owners, periods,
 * parent links) are shared. Bounded, so that a workspace of odd names cannot grow it for ever.
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
export const PACK_FORMAT = 1;

export interface PackedLink {
  href: string;
  text: string;
  /** Offset of the link's three ranges (range, href, keyword) in `coords`. */
  at: number;
  fromParent: boolean;
}

export interface PackedKeyResult {
  id: string;
  number: number | null;
  title: string;
  /** Offset of the five ranges (range, title, marker, full, task box) in `coords`. */
  at: number;
  start: number | null;
  target: number | null;
  current: number | null;
  progress: number | null;
  rawProgress: number | null;
  confidence: number | null;
  binary: boolean;
  checked: boolean | null;
  unit: string | null;
  direction: 'up' | 'down';
  weight: number;
  listMarker: string;
  indent: string;
  childIndent: string;
}

export interface PackedObjective {
  id: string;
  number: number | null;
  title: string;
  /** Offset of the four ranges (range, title, marker, section) in `coords`. */
  at: number;
  kind: Objective['kind'];
  headingDepth: number;
  slug: string;
  owner: string | null;
  section: string | null;
  type: Objective['type'];
  typeExplicit: boolean;
  /** Indexes into the document's `links` (the front matter's parent is one link for many). */
  links: number[];
  mentions: Mention[];
  keyResults: PackedKeyResult[];
  progress: number | null;
  rawProgress: number | null;
}

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
  links: PackedLink[];
  objectives: PackedObjective[];
}

/** How a key result is written and measured: the same few combinations repeat across thousands. */
interface KrStyle {
  binary: boolean;
  checked: boolean | null;
  unit: string | null;
  direction: 'up' | 'down';
  weight: number;
  listMarker: string;
  indent: string;
  childIndent: string;
}

const styles = new Map<string, KrStyle>();

/** Strings prefixed with their length: no two different styles share a key. */
function str(x: string | null): string {
  return x === null ? '-' : `${x.length}:${x}`;
}

function styleOf(k: KrStyle): KrStyle {
  const key = `${k.binary}${k.checked}${k.direction}${k.weight}|${str(k.unit)}${str(k.listMarker)}${str(k.indent)}${str(k.childIndent)}`;
  let style = styles.get(key);
  if (!style) {
    style = {
      binary: k.binary,
      checked: k.checked,
      unit: pooledOrNull(k.unit),
      direction: k.direction,
      weight: k.weight,
      listMarker: short(k.listMarker),
      indent: pooled(k.indent),
      childIndent: pooled(k.childIndent),
    };
    if (styles.size < POOL_MAX) styles.set(key, style);
  }
  return style;
}

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

class SlimLink implements AlignmentLink {
  constructor(
    readonly c: Packed,
    readonly href: string,
    readonly text: string,
    readonly at: number,
    readonly fromParent: boolean,
  ) {}
  get range(): Range {
    return rangeAt(this.c, this.at);
  }
  get hrefRange(): Range {
    return rangeAt(this.c, this.at + 4);
  }
  get keywordRange(): Range {
    return rangeAt(this.c, this.at + 8);
  }
}

class SlimKeyResult implements KeyResult {
  readonly c: Packed;
  readonly id: string;
  readonly number: number | null;
  readonly title: string;
  readonly at: number;
  readonly start: number | null;
  readonly target: number | null;
  readonly current: number | null;
  readonly progress: number | null;
  readonly rawProgress: number | null;
  readonly confidence: number | null;
  readonly style: KrStyle;

  constructor(k: PackedKeyResult, c: Packed) {
    this.c = c;
    this.id = short(k.id);
    this.number = k.number;
    this.title = k.title;
    this.at = k.at;
    this.start = k.start;
    this.target = k.target;
    this.current = k.current;
    this.progress = k.progress;
    this.rawProgress = k.rawProgress;
    this.confidence = k.confidence;
    this.style = styleOf(k);
  }
  get binary(): boolean {
    return this.style.binary;
  }
  get checked(): boolean | null {
    return this.style.checked;
  }
  get unit(): string | null {
    return this.style.unit;
  }
  get direction(): 'up' | 'down' {
    return this.style.direction;
  }
  get weight(): number {
    return this.style.weight;
  }
  get listMarker(): string {
    return this.style.listMarker;
  }
  get indent(): string {
    return this.style.indent;
  }
  get childIndent(): string {
    return this.style.childIndent;
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
  get fullRange(): Range {
    return rangeAt(this.c, this.at + 12);
  }
  get taskBoxRange(): Range | null {
    return rangeOrNullAt(this.c, this.at + 16);
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

class SlimObjective implements Objective {
  readonly c: Packed;
  readonly id: string;
  readonly number: number | null;
  readonly title: string;
  readonly at: number;
  readonly kind: Objective['kind'];
  readonly headingDepth: number;
  readonly slug: string;
  readonly owner: string | null;
  readonly section: string | null;
  readonly type: Objective['type'];
  readonly typeExplicit: boolean;
  readonly alignsTo: AlignmentLink[];
  readonly mentions: Mention[];
  readonly keyResults: KeyResult[];
  readonly progress: number | null;
  readonly rawProgress: number | null;

  constructor(o: PackedObjective, c: Packed, links: SlimLink[]) {
    this.c = c;
    this.id = short(o.id);
    this.number = o.number;
    this.title = o.title;
    this.at = o.at;
    this.kind = o.kind;
    this.headingDepth = o.headingDepth;
    this.slug = o.slug;
    this.owner = pooledOrNull(o.owner);
    this.section = pooledOrNull(o.section);
    this.type = o.type;
    this.typeExplicit = o.typeExplicit;
    this.alignsTo = o.links.length ? o.links.map((i) => links[i]) : NONE;
    // Rare: plain objects.
    this.mentions = o.mentions.length ? o.mentions.map((m) => ({ name: pooled(m.name), range: m.range })) : NONE;
    this.keyResults = o.keyResults.map((k) => new SlimKeyResult(k, c));
    this.progress = o.progress;
    this.rawProgress = o.rawProgress;
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

/** Plain data of an outline: its coordinates are reused, not read range by range. */
function packOutline(doc: OkrDocument, hash: number): PackedSlim {
  const first = doc.objectives[0] as SlimObjective | undefined;
  if (!first) return packModel(doc, same, hash);
  const links: PackedLink[] = [];
  const linkAt = new Map<AlignmentLink, number>();
  const objectives = (doc.objectives as SlimObjective[]).map((o): PackedObjective => ({
    ...objectiveFields(o, same),
    at: o.at,
    links: o.alignsTo.map((l) => {
      let i = linkAt.get(l);
      if (i === undefined) {
        const s = l as SlimLink;
        i = links.push({ href: s.href, text: s.text, at: s.at, fromParent: s.fromParent }) - 1;
        linkAt.set(l, i);
      }
      return i;
    }),
    keyResults: (o.keyResults as SlimKeyResult[]).map((k) => ({ ...krFields(k, same), at: k.at })),
  }));
  return { ...docFields(doc, same, hash), coords: first.c, links, objectives };
}

/** Plain data of any model, its ranges read through the model's interface. */
function packModel(doc: OkrDocument, copy: (s: string) => string, hash: number): PackedSlim {
  const coords = new Coords();
  const links: PackedLink[] = [];
  const linkAt = new Map<AlignmentLink, number>();
  const objectives = doc.objectives.map((o): PackedObjective => {
    const at = coords.add(o.range);
    coords.add(o.titleRange);
    coords.add(o.markerRange);
    coords.add(o.sectionRange);
    return {
      ...objectiveFields(o, copy),
      at,
      links: o.alignsTo.map((l) => {
        let i = linkAt.get(l);
        if (i === undefined) {
          const at = coords.add(l.range);
          coords.add(l.hrefRange);
          coords.add(l.keywordRange);
          i = links.push({ href: copy(l.href), text: copy(l.text), at, fromParent: l.fromParent }) - 1;
          linkAt.set(l, i);
        }
        return i;
      }),
      keyResults: o.keyResults.map((k) => {
        const at = coords.add(k.range);
        coords.add(k.titleRange);
        coords.add(k.markerRange);
        coords.add(k.fullRange);
        coords.add(k.taskBoxRange);
        return { ...krFields(k, copy), at };
      }),
    };
  });
  return { ...docFields(doc, copy, hash), coords: coords.done(), links, objectives };
}

type DocFields = Omit<PackedSlim, 'coords' | 'links' | 'objectives'>;

function docFields(doc: OkrDocument, copy: (s: string) => string, hash: number): DocFields {
  const f = doc.frontMatter;
  const copyOrNull = (s: string | null) => (s === null ? null : copy(s));
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
    owner: copyOrNull(doc.owner),
    level: doc.level,
    period: doc.period && { text: copy(doc.period.text), start: copy(doc.period.start), end: copy(doc.period.end) },
    parent: copyOrNull(doc.parent),
    sections: doc.sections.map((x) => ({ title: copy(x.title), range: copyRange(x.range), depth: x.depth })),
    skipped: doc.skipped && { reason: doc.skipped.reason, message: copy(doc.skipped.message) },
    progress: doc.progress,
    lineCount: doc.lineCount,
  };
}

function objectiveFields(
  o: Objective,
  copy: (s: string) => string,
): Omit<PackedObjective, 'at' | 'links' | 'keyResults'> {
  return {
    id: copy(o.id),
    number: o.number,
    title: copy(o.title),
    kind: o.kind,
    headingDepth: o.headingDepth,
    slug: copy(o.slug),
    owner: o.owner === null ? null : copy(o.owner),
    section: o.section === null ? null : copy(o.section),
    type: o.type,
    typeExplicit: o.typeExplicit,
    mentions: o.mentions.map((m) => ({ name: copy(m.name), range: copyRange(m.range) })),
    progress: o.progress,
    rawProgress: o.rawProgress,
  };
}

function krFields(k: KeyResult, copy: (s: string) => string): Omit<PackedKeyResult, 'at'> {
  return {
    id: copy(k.id),
    number: k.number,
    title: copy(k.title),
    start: k.start,
    target: k.target,
    current: k.current,
    progress: k.progress,
    rawProgress: k.rawProgress,
    confidence: k.confidence,
    binary: k.binary,
    checked: k.checked,
    unit: k.unit === null ? null : copy(k.unit),
    direction: k.direction,
    weight: k.weight,
    listMarker: copy(k.listMarker),
    indent: copy(k.indent),
    childIndent: copy(k.childIndent),
  };
}

/**
 * The outline that `p` describes: `isSlim`, read through the same getters as one made by
 * `slimForIndex`. `p` is taken over (its arrays and ranges become the outline's): pass a copy
 * (as postMessage and v8.deserialize give) when it is still used elsewhere.
 */
export function unpackSlim(p: PackedSlim): OkrDocument {
  const c = p.coords;
  const links = p.links.map((l) => new SlimLink(c, pooled(l.href), l.text, l.at, l.fromParent));
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
    objectives: p.objectives.map((o) => new SlimObjective(o, c, links)),
    placeholders: NONE,
    directives: NONE,
    skipped: p.skipped,
    progress: p.progress,
    lineCount: p.lineCount,
  };
  slimDocs.set(slim, p.hash);
  return slim;
}

/** The outline of a closed file that the workspace index keeps (see the header for what goes). */
export function slimForIndex(doc: OkrDocument): OkrDocument {
  if (slimDocs.has(doc)) return doc;
  return unpackSlim(packModel(doc, own, textHash(doc.text)));
}
