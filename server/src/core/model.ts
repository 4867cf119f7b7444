// The OKR model: plain data with source ranges. Every range is an LSP range
// (0-based line, UTF-16 character) into the document's original text.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Lang = 'en' | 'vi' | 'zh';
export type Level = 'company' | 'department' | 'team' | 'individual';
export const LEVELS: readonly Level[] = ['company', 'department', 'team', 'individual'];

/** A number read from text, with what it measures. */
export interface Quantity {
  /** The number as written (after reading the language's separators). */
  value: number;
  /** Multiplier of the written scale word: tỷ = 1e9, 万 = 1e4, k = 1e3, … (1 when none). */
  scale: number;
  /** Unit as written, normalised (`%`, `$`, `tỷ đồng`, `万元`, `minutes`…), or null for a bare count. */
  unit: string | null;
  isPercent: boolean;
  /** `a/b` written as a fraction. */
  fraction?: { num: number; den: number };
  text: string;
  range: Range;
}

/** A date or period inside a line (deadline words, quarters, dates). */
export interface TimeRef {
  text: string;
  /** ISO date (yyyy-mm-dd) when the text names a day, else null. */
  date: string | null;
  range: Range;
}

export interface Period {
  text: string;
  /** Inclusive ISO dates. */
  start: string;
  end: string;
}

export interface FrontMatter {
  range: Range;
  /** Parsed mapping, or null when the YAML could not be read. */
  data: Record<string, unknown> | null;
  problems: FrontMatterProblem[];
}

export interface FrontMatterProblem {
  kind: 'yaml' | 'not-a-mapping' | 'level' | 'period' | 'lang' | 'parent' | 'owner';
  message: string;
  range: Range;
}

export interface CheckIn {
  /** ISO date, or null for an undated `Progress:` item. */
  date: string | null;
  /** Raw value read (a quantity in the KR's unit, a fraction, or a percentage of progress). */
  quantity: Quantity | null;
  /** Value in the KR's scale (what `current` becomes), or null when it could not be read. */
  value: number | null;
  /** Progress this check-in means, unclamped, or null. */
  progress: number | null;
  confidence: number | null;
  note: string;
  range: Range;
  /** Text after the date, for problems ("cannot be read"). */
  valueText: string;
  /** Reading problem, for `progress-invalid`. */
  problem: 'unreadable' | 'confidence' | null;
}

export interface EvidenceRef {
  text: string;
  range: Range;
}

export interface KeyResult {
  id: string;
  /** Number given by the marker (`KR3:`), else null. */
  number: number | null;
  title: string;
  /** Whole first line of the item (marker included). */
  range: Range;
  titleRange: Range;
  markerRange: Range | null;
  /** Range of the whole list item including nested check-ins. */
  fullRange: Range;
  binary: boolean;
  checked: boolean | null;
  /** Range of the `[ ]` / `[x]` box, for toggling. */
  taskBoxRange: Range | null;
  start: number | null;
  target: number | null;
  current: number | null;
  unit: string | null;
  direction: 'up' | 'down';
  weight: number;
  quantities: Quantity[];
  timeRefs: TimeRef[];
  checkIns: CheckIn[];
  evidence: EvidenceRef[];
  /** Progress clamped to 0..1, or null when it cannot be computed. */
  progress: number | null;
  /** Unclamped progress, to show over-achievement. */
  rawProgress: number | null;
  confidence: number | null;
  /** Indentation and marker used by the item, so edits can imitate them. */
  listMarker: string;
  indent: string;
  childIndent: string;
}

export interface AlignmentLink {
  /** Destination as written. */
  href: string;
  text: string;
  range: Range;
  /** Range of the destination inside the link. */
  hrefRange: Range;
  keywordRange: Range;
  /** From the front matter's `parent` (no line of its own). */
  fromParent: boolean;
}

export interface Mention {
  name: string;
  range: Range;
}

export interface Objective {
  id: string;
  number: number | null;
  title: string;
  range: Range;
  titleRange: Range;
  markerRange: Range | null;
  /** From the heading (or item) to the end of the objective's section. */
  sectionRange: Range;
  kind: 'heading' | 'unmarked-heading' | 'list-item';
  headingDepth: number;
  slug: string;
  owner: string | null;
  /** Owner section heading text, when the file has owner sections. */
  section: string | null;
  type: 'committed' | 'aspirational';
  typeExplicit: boolean;
  quantities: Quantity[];
  timeRefs: TimeRef[];
  alignsTo: AlignmentLink[];
  mentions: Mention[];
  keyResults: KeyResult[];
  progress: number | null;
  rawProgress: number | null;
}

export interface OwnerSection {
  title: string;
  range: Range;
  depth: number;
}

export interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line' | 'disable-file';
  rules: string[];
  line: number;
}

/** A bracketed placeholder (`[number]`, `[số lượng]`) left in the text. */
export interface Placeholder {
  text: string;
  range: Range;
}

export interface OkrDocument {
  uri: string;
  version: number;
  text: string;
  lang: Lang;
  langExplicit: boolean;
  eol: '\n' | '\r\n' | '\r';
  frontMatter: FrontMatter | null;
  owner: string | null;
  level: Level | null;
  period: Period | null;
  parent: string | null;
  sections: OwnerSection[];
  objectives: Objective[];
  placeholders: Placeholder[];
  directives: Directive[];
  /** The document could not be read as an OKR file (binary, too large…). */
  skipped: { reason: 'binary' | 'too-large' | 'too-deep'; message: string } | null;
  progress: number | null;
  lineCount: number;
}
