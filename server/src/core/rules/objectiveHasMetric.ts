import { lineEndPos } from '../fixes/edits';
import type { Objective, OkrDocument, Quantity } from '../model';
import { textOf } from '../fixes/edits';
import { linesOf } from '../fixes/edits';
import type { Fix, Rule, RuleContext } from './types';
import { short } from './util';

export const objectiveHasMetric: Rule = {
  meta: {
    id: 'objective-has-metric',
    description: 'An objective containing a quantity (number, percentage, money, count): objectives are qualitative.',
    defaultSeverity: 'warning',
    fixable: true,
    docs: 'docs/rules/objective-has-metric.md',
  },
  check(ctx) {
    return ctx.doc.objectives
      .map((o) => ({ ...o, quantities: o.quantities.filter((q) => !isYear(q)) }))
      .filter((o) => o.quantities.length > 0)
      .map((o) => {
        const q = o.quantities[0];
        const text = listed(o.quantities);
        const fix = metricToKr(ctx, o);
        return {
          range: { start: q.range.start, end: o.quantities[o.quantities.length - 1].range.end },
          message: ctx.msg('objective-has-metric', { title: short(o.title), text }),
          fixes: fix ? [fix] : [],
        };
      });
  },
};

/** The quantities for a message: a handful, then an ellipsis (a pasted table can hold thousands). */
function listed(qs: Quantity[]): string {
  const shown = qs.slice(0, 5).map((x) => x.text);
  return qs.length > 5 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** Past this many numbers a title is no sentence to rewrite: no fix is offered (and none costs time). */
const MAX_FIXABLE_QUANTITIES = 10;

/** `the 2027 plan`: a bare year names a time, not an amount. */
function isYear(q: Quantity): boolean {
  return q.unit === null && !q.isPercent && !q.fraction && /^(?:19|20)\d{2}$/.test(q.text.trim());
}

// Connector words left dangling when the number goes (`Grow revenue by 40%` -> `Grow revenue`).
const CONNECTOR_BEFORE =
  /(?:\s+(?:by|to|of|at|reach(?:ing)?|lên(?:\s+mức)?|xuống(?:\s+(?:mức|còn))?|còn|đến|tới|đạt)|达到|提升到|提高到|降低到|降到|到|至)\s*$/iu;

/** Moves the objective's quantities into a new key result that carries the original wording. */
function metricToKr(ctx: RuleContext, o: Objective): Fix | null {
  const doc = ctx.doc;
  // Only single-line titles, quantities on the title's line.
  if (o.titleRange.start.line !== o.titleRange.end.line) return null;
  if (o.quantities.length > MAX_FIXABLE_QUANTITIES) return null;
  const line = o.titleRange.start.line;
  const li = linesOf(doc);
  const lineText = li.lineText(line);
  const ts = o.titleRange.start.character;
  const te = o.titleRange.end.character;
  const title = lineText.slice(ts, te);
  let stripped = title;
  for (const q of [...o.quantities].reverse()) {
    if (q.range.start.line !== line || q.range.end.line !== line) return null;
    let before = stripped.slice(0, q.range.start.character - ts);
    const after = stripped.slice(q.range.end.character - ts);
    if (/^\s*(?:[.,;:!?。，；：！？)）]|$)/u.test(after)) before = before.replace(CONNECTOR_BEFORE, '');
    const glue = /\p{Script=Latin}$/u.test(before) && /^\p{Script=Latin}/u.test(after) ? ' ' : '';
    stripped = before + glue + after;
  }
  stripped = stripped
    .replace(/\s{2,}/g, ' ')
    .replace(/\s+([.,;:!?。，；：！？])/gu, '$1')
    .trim();
  if (!stripped) return null;
  const n = Math.max(0, ...o.keyResults.map((k, i) => k.number ?? i + 1)) + 1;
  const id = `KR${n}`;
  const edits = [{ range: o.titleRange, newText: stripped }];
  const last = o.keyResults[o.keyResults.length - 1];
  const eol = doc.eol;
  const sep = doc.lang === 'zh' ? '：' : ': ';
  if (last) {
    const at = lineEndPos(doc, last.fullRange.end.line);
    const ordered = /^(\d+)([.)])$/.exec(last.listMarker);
    const marker = ordered ? `${+ordered[1] + 1}${ordered[2]}` : last.listMarker;
    // Imitate the last key result's marker (`关键结果3：`, `KR 3:`), with the new number.
    const lastMarker = last.markerRange ? textOf(doc, last.markerRange) : null;
    const krMarker =
      lastMarker && /\d+/.test(lastMarker) ? lastMarker.replace(/\d+(?!.*\d)/u, String(n)) : `${id}${sep.trimEnd()}`;
    const gap = /[:：]$/.test(krMarker) && !krMarker.endsWith('：') ? ' ' : '';
    edits.push({ range: { start: at, end: at }, newText: `${eol}${last.indent}${marker} ${krMarker}${gap}${title}` });
  } else {
    const at = lineEndPos(doc, o.range.end.line);
    const prefix = o.kind === 'list-item' ? `${indentOf(doc, o)}  - ` : '- ';
    edits.push({
      range: { start: at, end: at },
      newText: `${o.kind === 'list-item' ? '' : eol}${eol}${prefix}${id}${sep}${title}`,
    });
  }
  return {
    title: ctx.msg('fix.objective-metric-to-kr', { text: listed(o.quantities), id }),
    isPreferred: true,
    edits,
  };
}

function indentOf(doc: OkrDocument, o: Objective): string {
  return /^\s*/.exec(linesOf(doc).lineText(o.range.start.line))?.[0] ?? '';
}
