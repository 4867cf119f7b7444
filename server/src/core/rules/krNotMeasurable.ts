import { canAppendToTitle, lineEndPos } from '../fixes/edits';
import type { KeyResult } from '../model';
import { comparePositions, rangeContains } from '../text';
import type { Rule, RuleContext } from './types';
import { short } from './util';

export const krNotMeasurable: Rule = {
  meta: {
    id: 'kr-not-measurable',
    description:
      'A key result with no quantity to measure (dates and periods do not count; task-box items are exempt).',
    defaultSeverity: 'warning',
    fixable: true,
    docs: 'docs/rules/kr-not-measurable.md',
  },
  check(ctx) {
    const out: ReturnType<Rule['check']> = [];
    for (const o of ctx.doc.objectives) {
      for (const kr of o.keyResults) {
        if (kr.binary || kr.quantities.length > 0 || !kr.title.trim()) continue;
        // An unfilled placeholder is template-placeholder's finding; one problem, one message.
        if (hasPlaceholder(ctx, kr)) continue;
        const at = lineEndPos(ctx.doc, kr.range.end.line);
        const insert = ctx.msg('fix.target-text');
        const ph = /\[[^\]]+\]/.exec(insert);
        const select = ph
          ? {
              start: { line: at.line, character: at.character + ph.index },
              end: { line: at.line, character: at.character + ph.index + ph[0].length },
            }
          : undefined;
        out.push({
          range: kr.titleRange,
          message: ctx.msg('kr-not-measurable', { title: short(kr.title) }),
          // Offered only where the added target is read back as part of the title.
          fixes: canAppendToTitle(ctx.doc, kr)
            ? [
                {
                  title: ctx.msg('fix.add-target'),
                  isPreferred: true,
                  edits: [{ range: { start: at, end: at }, newText: insert }],
                  select,
                },
              ]
            : [],
        });
      }
    }
    return out;
  },
};

function hasPlaceholder(ctx: RuleContext, kr: KeyResult): boolean {
  return ctx.doc.placeholders.some(
    (p) => rangeContains(kr.range, p.range.start) && comparePositions(p.range.start, kr.range.end) <= 0,
  );
}
