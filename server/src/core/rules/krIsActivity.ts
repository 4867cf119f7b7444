import { ACTIVITY, ACTIVITY_EXCEPT } from '../lang/tables';
import type { Rule } from './types';
import { short, startsWithWordOrLang, wordList } from './util';

export const krIsActivity: Rule = {
  meta: {
    id: 'kr-is-activity',
    description:
      'A key result that describes an activity (hold, launch, tổ chức, tham gia, 举行, 参加…), not an outcome.',
    defaultSeverity: 'information',
    fixable: false,
    options: { words: null },
    docs: 'docs/rules/kr-is-activity.md',
  },
  check(ctx) {
    const list = wordList(ctx.options, 'words', ctx.lang, ACTIVITY[ctx.lang]);
    const out: ReturnType<Rule['check']> = [];
    for (const o of ctx.doc.objectives) {
      for (const kr of o.keyResults) {
        const word = startsWithWordOrLang(kr.title, list, ctx.options.words ? null : ACTIVITY);
        if (!word || ACTIVITY_EXCEPT.test(kr.title.trimStart())) continue;
        out.push({ range: kr.titleRange, message: ctx.msg('kr-is-activity', { title: short(kr.title), word }) });
      }
    }
    return out;
  },
};
