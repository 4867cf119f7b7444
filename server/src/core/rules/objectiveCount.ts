import { moveToEnd } from '../fixes/edits';
import type { Rule } from './types';
import { num, ownerLabel, ownerScopes } from './util';

export const objectiveCount: Rule = {
  meta: {
    id: 'objective-count',
    description: 'An owner with more than `max` objectives (or fewer than `min`, as information).',
    defaultSeverity: 'warning',
    fixable: true,
    options: { min: 3, max: 5 },
    docs: 'docs/rules/objective-count.md',
  },
  check(ctx) {
    const min = num(ctx.options.min, 3);
    const max = num(ctx.options.max, 5);
    const out: ReturnType<Rule['check']> = [];
    const eol = ctx.doc.eol;
    for (const scope of ownerScopes(ctx.doc)) {
      const objs = scope.objectives;
      const owner = ownerLabel(ctx, scope.owner);
      const params = { owner, count: objs.length, min, max };
      if (objs.length > max) {
        const excess = objs.slice(max);
        const span = { start: excess[0].sectionRange.start, end: excess[excess.length - 1].sectionRange.end };
        // The sections are kept verbatim inside a comment: nothing is lost, and removing the comment
        // markers brings them back. (A heading under a backlog heading would still be an objective.)
        const edits = moveToEnd(
          ctx.doc,
          span,
          (cut) =>
            `## ${ctx.msg('fix.backlog-heading')}${eol}${eol}${ctx.msg('fix.backlog-note')}${eol}${eol}<!--${eol}${cut.replace(/-->/g, '-- >')}${eol}-->`,
        );
        out.push({
          range: excess[0].titleRange,
          message: ctx.msg('objective-count.max', params),
          fixes: [{ title: ctx.msg('fix.move-objectives-backlog', { max }), isPreferred: true, edits }],
        });
      } else if (objs.length > 0 && objs.length < min) {
        out.push({
          range: objs[0].titleRange,
          message: ctx.msg('objective-count.min', params),
          severity: 'information',
        });
      }
    }
    return out;
  },
};
