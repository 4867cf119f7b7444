import { parseDocument } from 'yaml';
import type { FrontMatter, FrontMatterProblem, Lang, Level, Period } from '../model';
import { LEVELS } from '../model';
import { parsePeriod } from '../period';
import type { LineIndex } from '../text';

export interface FrontMatterResult {
  frontMatter: FrontMatter;
  owner: string | null;
  level: Level | null;
  period: Period | null;
  parent: string | null;
  lang: Lang | null;
  /** Per-file rule overrides (`rules:`), taken as data only. */
  rules: Record<string, unknown> | null;
  /** Range of each top-level key's value, for messages and fixes. */
  keyRanges: Record<string, { start: number; end: number }>;
}

// Bounds on hostile YAML: alias expansion and size are limited before anything is built.
const MAX_ALIAS_COUNT = 50;
const MAX_YAML_LENGTH = 64 * 1024;
const MAX_FLOW_DEPTH = 64;

/** Deepest `[`/`{` nesting, brackets in quotes included: an over-estimate is safe here. */
function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}

/** A top-level key and where its value is, in the YAML text. */
export interface MappingPair {
  key: string;
  start: number;
  end: number;
}

// `key: plain text` and nothing YAML would read otherwise: no quotes, comments, flow collections,
// anchors, tags, block scalars, indentation or tabs; keys short enough to be implicit keys.
const SIMPLE_LINE =
  /^([A-Za-z][\w-]{0,63}):( +)([^\s\-?:,[\]{}#&*!|>'"%@`](?:[^:#,[\]{}\x00-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]*[^\s:#,[\]{}\x00-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff])?) *$/;
// Plain scalars the core schema reads as null, booleans or numbers (yaml's own tests, joined).
const NOT_A_STRING =
  /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

/**
 * The usual front matter, lines of `key: text`, read without the YAML library, which costs more than
 * the rest of a typical file. Null for anything else (the library reads it); the result equals the
 * library's for what it accepts (test/core/frontMatterFast.test.ts compares them).
 */
export function simpleMapping(yaml: string): { data: Record<string, string>; pairs: MappingPair[] } | null {
  const data: Record<string, string> = {};
  const pairs: MappingPair[] = [];
  let pos = 0;
  while (pos < yaml.length) {
    let eol = yaml.indexOf('\n', pos);
    const crlf = eol > pos && yaml.charCodeAt(eol - 1) === 13;
    if (eol < 0) eol = yaml.length;
    const lineEnd = crlf ? eol - 1 : eol;
    if (lineEnd > pos) {
      const m = SIMPLE_LINE.exec(yaml.slice(pos, lineEnd));
      if (!m) return null;
      const [, key, gap, value] = m;
      if (Object.hasOwn(data, key) || NOT_A_STRING.test(key) || NOT_A_STRING.test(value)) return null;
      data[key] = value;
      const start = pos + key.length + 1 + gap.length;
      pairs.push({ key, start, end: start + value.length });
    }
    pos = eol + 1;
  }
  return pairs.length > 0 ? { data, pairs } : null;
}

/**
 * Reads YAML front matter. `valueStart` is the offset of the YAML text inside the
 * document; every problem gets a range in the document.
 */
export function readFrontMatter(
  yamlText: string,
  valueStart: number,
  nodeStart: number,
  nodeEnd: number,
  lines: LineIndex,
): FrontMatterResult {
  const problems: FrontMatterProblem[] = [];
  const whole = lines.range(nodeStart, nodeEnd);
  const fm: FrontMatter = { range: whole, data: null, problems };
  const result: FrontMatterResult = {
    frontMatter: fm,
    owner: null,
    level: null,
    period: null,
    parent: null,
    lang: null,
    rules: null,
    keyRanges: {},
  };
  const firstLine = lines.range(nodeStart, Math.min(nodeEnd, nodeStart + 3));
  if (yamlText.length > MAX_YAML_LENGTH) {
    problems.push({
      kind: 'yaml',
      message: `front matter is larger than ${MAX_YAML_LENGTH} characters`,
      range: firstLine,
    });
    return result;
  }
  // The YAML reader slows down sharply on deeply nested flow collections (`{a: [{a: [` …).
  if (flowDepth(yamlText) > MAX_FLOW_DEPTH) {
    problems.push({ kind: 'yaml', message: `front matter nests more than ${MAX_FLOW_DEPTH} levels`, range: firstLine });
    return result;
  }
  // The YAML reader does not take a lone `\r` as a line break (old Mac line endings): a `#` line would
  // swallow the rest as one comment. `\n` has the same length, so every offset stays right.
  const yaml = yamlText.replace(/\r(?!\n)/g, '\n');
  let map: Record<string, unknown>;
  let pairs: MappingPair[];
  const simple = simpleMapping(yaml);
  if (simple) {
    map = simple.data;
    pairs = simple.pairs;
  } else {
    let doc;
    try {
      doc = parseDocument(yaml, { uniqueKeys: true, prettyErrors: false, strict: true });
    } catch (e) {
      problems.push({ kind: 'yaml', message: String((e as Error).message ?? e), range: firstLine });
      return result;
    }
    if (doc.errors.length > 0) {
      for (const err of doc.errors.slice(0, 5)) {
        const [s, e] = err.pos ?? [0, 0];
        problems.push({
          kind: 'yaml',
          message: err.message.split('\n')[0],
          range: lines.range(valueStart + s, valueStart + Math.max(e, s + 1)),
        });
      }
      return result;
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      problems.push({ kind: 'yaml', message: String((e as Error).message ?? e), range: firstLine });
      return result;
    }
    if (data === null || data === undefined) {
      fm.data = {};
      return result;
    }
    if (typeof data !== 'object' || Array.isArray(data)) {
      problems.push({
        kind: 'not-a-mapping',
        message: 'front matter must be a mapping of keys to values',
        range: firstLine,
      });
      return result;
    }
    map = data as Record<string, unknown>;
    // Where each top-level value is, so a problem points at the value itself.
    const contents = doc.contents as {
      items?: { key?: { value?: unknown; range?: number[] }; value?: { range?: number[] } }[];
    };
    pairs = [];
    for (const pair of contents?.items ?? []) {
      const key = String(pair.key?.value ?? '');
      const r = pair.value?.range ?? pair.key?.range;
      if (key && r) pairs.push({ key, start: r[0], end: Math.max(r[1], r[0]) });
    }
  }
  fm.data = map;
  for (const { key, start, end } of pairs) result.keyRanges[key] = { start: valueStart + start, end: valueStart + end };
  const at = (key: string) => {
    const r = result.keyRanges[key];
    return r ? lines.range(r.start, Math.max(r.end, r.start + 1)) : firstLine;
  };

  if (map.owner !== undefined && map.owner !== null) {
    if (typeof map.owner === 'string' || typeof map.owner === 'number') result.owner = String(map.owner).trim() || null;
    else problems.push({ kind: 'owner', message: 'owner must be a name', range: at('owner') });
  }
  if (map.level !== undefined && map.level !== null) {
    const lv = String(map.level).trim().toLowerCase();
    if ((LEVELS as readonly string[]).includes(lv)) result.level = lv as Level;
    else problems.push({ kind: 'level', message: String(map.level), range: at('level') });
  }
  if (map.period !== undefined && map.period !== null) {
    const p = parsePeriod(map.period);
    if (p) result.period = p;
    else problems.push({ kind: 'period', message: String(map.period), range: at('period') });
  }
  if (map.parent !== undefined && map.parent !== null) {
    if (typeof map.parent === 'string' && map.parent.trim()) result.parent = map.parent.trim();
    else problems.push({ kind: 'parent', message: String(map.parent), range: at('parent') });
  }
  if (map.lang !== undefined && map.lang !== null) {
    const l = String(map.lang)
      .trim()
      .toLowerCase()
      .replace(/[-_].*$/, '');
    if (l === 'en' || l === 'vi' || l === 'zh') result.lang = l;
    else problems.push({ kind: 'lang', message: String(map.lang), range: at('lang') });
  }
  if (map.rules && typeof map.rules === 'object' && !Array.isArray(map.rules)) {
    result.rules = map.rules as Record<string, unknown>;
  }
  return result;
}
