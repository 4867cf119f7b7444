import type { Rule } from './types';
import { short } from './util';

export const krNoEvidence: Rule = {
  meta: {
    id: 'kr-no-evidence',
    description:
      'A key result reported as achieved (target reached, box ticked) with no `Source:` item and no link in its text.',
    defaultSeverity: 'hint',
    fixable: false,
    docs: 'docs/rules/kr-no-evidence.md',
  },
  check(ctx) {
    const out: ReturnType<Rule['check']> = [];
    for (const o of ctx.doc.objectives) {
      for (const kr of o.keyResults) {
        // Only claimed results: asking every key result for a source would drown the useful hints.
        const achieved = kr.binary ? kr.checked === true : (kr.rawProgress ?? kr.progress ?? 0) >= 1;
        if (!achieved || kr.evidence.length > 0) continue;
        out.push({ range: kr.titleRange, message: ctx.msg('kr-no-evidence', { title: short(kr.title) }) });
      }
    }
    return out;
  },
};
