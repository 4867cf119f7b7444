import { BUSINESS_AS_USUAL, BUSINESS_AS_USUAL_EXCEPT } from '../lang/tables';
import type { Rule } from './types';
import { short, startsWithWordOrLang, wordList } from './util';

export const objectiveBusinessAsUsual: Rule = {
  meta: {
    id: 'objective-business-as-usual',
    description: 'An objective that keeps things as they are (keep, maintain, continue, duy trì, giữ, 保持, 维持…).',
    defaultSeverity: 'information',
    fixable: false,
    options: { words: null },
    docs: 'docs/rules/objective-business-as-usual.md',
  },
  check(ctx) {
    const list = wordList(ctx.options, 'words', ctx.lang, BUSINESS_AS_USUAL[ctx.lang]);
    const out: ReturnType<Rule['check']> = [];
    for (const o of ctx.doc.objectives) {
      // Objectives are checked against the words of every language: a team may mix them.
      const word = startsWithWordOrLang(o.title, list, ctx.options.words ? null : BUSINESS_AS_USUAL);
      if (!word) continue;
      if (BUSINESS_AS_USUAL_EXCEPT.test(o.title.trimStart())) continue;
      out.push({
        range: o.titleRange,
        message: ctx.msg('objective-business-as-usual', { title: short(o.title), word }),
      });
    }
    return out;
  },
};
