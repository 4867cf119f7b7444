import type { Rule } from './types';

export const templatePlaceholder: Rule = {
  meta: {
    id: 'template-placeholder',
    description: 'An unfilled template placeholder such as [number], [số lượng] or [数量].',
    defaultSeverity: 'error',
    fixable: true,
    docs: 'docs/rules/template-placeholder.md',
  },
  check(ctx) {
    return ctx.doc.placeholders.map((p) => ({
      range: p.range,
      message: ctx.msg('template-placeholder', { text: p.text }),
      // Nothing can be guessed: the fix selects the placeholder so typing replaces it.
      fixes: [
        { title: ctx.msg('fix.select-placeholder', { text: p.text }), edits: [], select: p.range, isPreferred: true },
      ],
    }));
  },
};
