// Reads every field of a model through its interfaces, as plain data (outlines' getters included).
import type { KeyResult, Objective, OkrDocument, Range } from '../../server/src/core/index';

const r = (x: Range | null) => (x ? [x.start.line, x.start.character, x.end.line, x.end.character] : null);

// Every key of the model's interfaces (a reader sees getters too; spreading would not).
const DOC_KEYS = [
  'uri',
  'version',
  'text',
  'lang',
  'langExplicit',
  'eol',
  'owner',
  'level',
  'period',
  'parent',
  'sections',
  'placeholders',
  'directives',
  'skipped',
  'progress',
  'lineCount',
] as const;
const OBJECTIVE_KEYS = [
  'id',
  'number',
  'title',
  'kind',
  'headingDepth',
  'slug',
  'owner',
  'section',
  'type',
  'typeExplicit',
  'quantities',
  'timeRefs',
  'mentions',
  'progress',
  'rawProgress',
] as const;
const KR_KEYS = [
  'id',
  'number',
  'title',
  'binary',
  'checked',
  'start',
  'target',
  'current',
  'unit',
  'direction',
  'weight',
  'quantities',
  'timeRefs',
  'checkIns',
  'evidence',
  'progress',
  'rawProgress',
  'confidence',
  'listMarker',
  'indent',
  'childIndent',
] as const;

function pick<T extends object>(o: T, keys: readonly (keyof T)[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

/** Everything a reader of the model can see, as plain data. */
export function view(d: OkrDocument): unknown {
  return {
    ...pick(d, DOC_KEYS),
    frontMatter: d.frontMatter && {
      range: r(d.frontMatter.range),
      data: d.frontMatter.data,
      p: d.frontMatter.problems,
    },
    objectives: d.objectives.map((o: Objective) => ({
      ...pick(o, OBJECTIVE_KEYS),
      ranges: [o.range, o.titleRange, o.markerRange, o.sectionRange].map(r),
      alignsTo: o.alignsTo.map((l) => [l.href, l.text, r(l.range), r(l.hrefRange), r(l.keywordRange), l.fromParent]),
      keyResults: o.keyResults.map((k: KeyResult) => ({
        ...pick(k, KR_KEYS),
        ranges: [k.range, k.titleRange, k.markerRange, k.fullRange, k.taskBoxRange].map(r),
      })),
    })),
  };
}
