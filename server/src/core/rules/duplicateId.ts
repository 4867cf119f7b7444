import type { KeyResult, Range } from '../model';
import { textOf } from '../fixes/edits';
import type { Fix, Rule, RuleContext } from './types';
import { ownerLabel, ownerScopes } from './util';

export const duplicateId: Rule = {
  meta: {
    id: 'duplicate-id',
    description: 'Two objectives of one owner, or two key results of one objective, with the same ID.',
    defaultSeverity: 'warning',
    fixable: true,
    docs: 'docs/rules/duplicate-id.md',
  },
  check(ctx) {
    const out: ReturnType<Rule['check']> = [];
    for (const scope of ownerScopes(ctx.doc)) {
      const objs = scope.objectives.filter((o) => o.markerRange && o.number !== null);
      dupes(
        objs.map((o) => ({ id: o.id, number: o.number!, marker: o.markerRange! })),
        (item, next) =>
          out.push({
            range: item.marker,
            message: ctx.msg('duplicate-id.objective', {
              owner: ownerLabel(ctx, scope.owner),
              id: item.id,
              suggestion: `O${next}`,
            }),
            fixes: renumber(ctx, item.marker, next, `O${next}`),
          }),
      );
      for (const o of scope.objectives) {
        // Checked on every keystroke for every objective of the file: most have no repeat.
        if (!mayRepeatKrs(o.keyResults)) continue;
        const krs = o.keyResults.filter((k) => k.markerRange && k.number !== null);
        dupes(
          krs.map((k) => ({ id: k.id, number: k.number!, marker: k.markerRange! })),
          (item, next) =>
            out.push({
              range: item.marker,
              message: ctx.msg('duplicate-id.kr', { id: item.id, suggestion: `KR${next}` }),
              fixes: renumber(ctx, item.marker, next, `KR${next}`),
            }),
        );
      }
    }
    return out;
  },
};

/** `mayRepeat` per key result list: an objective a keystroke left alone is the same object, with the same list. */
const krsMayRepeat = new WeakMap<readonly KeyResult[], boolean>();

function mayRepeatKrs(list: readonly KeyResult[]): boolean {
  let answer = krsMayRepeat.get(list);
  if (answer === undefined) krsMayRepeat.set(list, (answer = mayRepeat(list)));
  return answer;
}

/**
 * Whether two of these (with a marker and a number, as `dupes` reads them) may share an ID: false
 * only when none does. Pairs are compared in place for a short list, with no set or copy made.
 */
function mayRepeat(list: readonly { id: string; number: number | null; markerRange: Range | null }[]): boolean {
  if (list.length < 2) return false;
  if (list.length > 16) return true;
  for (let i = 1; i < list.length; i++) {
    const a = list[i];
    if (!a.markerRange || a.number === null) continue;
    for (let j = 0; j < i; j++) {
      const b = list[j];
      if (b.markerRange && b.number !== null && sameId(a.id, b.id)) return true;
    }
  }
  return false;
}

/** `a.toLowerCase() === b.toLowerCase()`, without making either for ASCII IDs. */
export function sameId(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    // Beyond ASCII, lower case can depend on the letters around and change lengths: ask the engine.
    if (x > 127 || y > 127) return a.toLowerCase() === b.toLowerCase();
    if (x === y) continue;
    const lx = x | 0x20;
    if (lx !== (y | 0x20) || lx < 97 || lx > 122) return false;
  }
  // An ASCII prefix keeps its length in lower case, and lower case never shortens the rest.
  return a.length === b.length;
}

interface Item {
  id: string;
  number: number;
  marker: Range;
}

/** Calls `report` for every repeat of an ID, with the next number nobody uses. */
function dupes(items: Item[], report: (item: Item, next: number) => void): void {
  const used = new Set(items.map((i) => i.number));
  const seen = new Set<string>();
  // The largest number used, kept up to date rather than recomputed for every repeat (quadratic).
  let max: number | null = null;
  for (const item of items) {
    const key = item.id.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      continue;
    }
    max ??= Math.max(...used);
    let next = max + 1;
    while (used.has(next)) next++;
    used.add(next);
    max = Math.max(max, next);
    report(item, next);
  }
}

/** Replaces the last number in the marker (`O3:`, `KR 2:`, `目标三：`) with the new one. */
function renumber(ctx: RuleContext, marker: Range, next: number, id: string): Fix[] {
  const text = textOf(ctx.doc, marker);
  const m = /(\d+|[零〇一二两三四五六七八九十百]+)(?=[^\d零〇一二两三四五六七八九十百]*$)/u.exec(text);
  if (!m || marker.start.line !== marker.end.line) return [];
  const s = marker.start.character + m.index;
  const range = {
    start: { line: marker.start.line, character: s },
    end: { line: marker.start.line, character: s + m[0].length },
  };
  return [{ title: ctx.msg('fix.renumber', { id }), isPreferred: true, edits: [{ range, newText: String(next) }] }];
}
