import type { Rule } from './types';

export const objectiveWithoutKrs: Rule = {
  meta: {
    id: 'objective-without-krs',
    description: 'An objective with no key result.',
    defaultSeverity: 'error',
    fixable: false,
    docs: 'docs/rules/objective-without-krs.md',
  },
  check(ctx) {
    return ctx.doc.objectives
      .filter((o) => o.keyResults.length === 0)
      .map((o) => ({ range: o.titleRange, message: ctx.msg('objective-without-krs', { title: o.title }) }));
  },
};
