import { dedent, moveToEnd } from '../fixes/edits';
import type { Rule } from './types';
import { num, short } from './util';

export const krCount: Rule = {
  meta: {
    id: 'kr-count',
    description: 'An objective with fewer than `min` or more than `max` key results (none is objective-without-krs).',
    defaultSeverity: 'warning',
    fixable: true,
    options: { min: 2, max: 5 },
    docs: 'docs/rules/kr-count.md',
  },
  check(ctx) {
    const min = num(ctx.options.min, 2);
    const max = num(ctx.options.max, 5);
    const out: ReturnType<Rule['check']> = [];
    const eol = ctx.doc.eol;
    for (const o of ctx.doc.objectives) {
      const n = o.keyResults.length;
      if (n === 0) continue;
      const params = { title: short(o.title), count: n, min, max };
      if (n < min) {
        out.push({ range: o.titleRange, message: ctx.msg('kr-count.min', params) });
      } else if (n > max) {
        const excess = o.keyResults.slice(max);
        const span = { start: excess[0].fullRange.start, end: excess[excess.length - 1].fullRange.end };
        // A plain heading followed by a sentence (not directly by a list) holds no objective, so the
        // moved items stop counting as key results while staying readable and editable.
        const edits = moveToEnd(
          ctx.doc,
          span,
          (cut) =>
            `## ${ctx.msg('fix.backlog-heading')}${eol}${eol}${ctx.msg('fix.backlog-note')}${eol}${eol}${dedent(cut, excess[0].indent, eol)}`,
        );
        out.push({
          range: o.titleRange,
          message: ctx.msg('kr-count.max', params),
          fixes: [{ title: ctx.msg('fix.move-krs-backlog', { max }), isPreferred: true, edits }],
        });
      }
    }
    return out;
  },
};
