import type { Rule } from './types';
import { short } from './util';

export const alignmentMissing: Rule = {
  meta: {
    id: 'alignment-missing',
    description: 'An objective below company level with no alignment (no `Aligns to:` line and no `parent`).',
    defaultSeverity: 'warning',
    fixable: false,
    docs: 'docs/rules/alignment-missing.md',
  },
  check(ctx) {
    const level = ctx.doc.level;
    // The company is the top; a file that does not say its level cannot be judged.
    if (!level || level === 'company') return [];
    return ctx.doc.objectives
      .filter((o) => o.alignsTo.length === 0)
      .map((o) => ({ range: o.titleRange, message: ctx.msg('alignment-missing', { title: short(o.title) }) }));
  },
};
