import type { MessageKey } from '../messages';
import type { Rule } from './types';

export const frontMatterInvalid: Rule = {
  meta: {
    id: 'front-matter-invalid',
    description: 'Front matter that is not valid YAML, or has an unknown level, an unreadable period or language.',
    defaultSeverity: 'error',
    fixable: true,
    docs: 'docs/rules/front-matter-invalid.md',
  },
  check(ctx) {
    const fm = ctx.doc.frontMatter;
    if (!fm) return [];
    return fm.problems.map((p) => {
      const key = `front-matter-invalid.${p.kind}` as MessageKey;
      const message = ctx.msg(key, { detail: p.message, value: p.message });
      if (p.kind !== 'yaml' && p.kind !== 'not-a-mapping') return { range: p.range, message };
      // The skeleton keeps what the reader could see of owner and period, so nothing is lost silently:
      // the old header stays in the undo history and the fix is never applied automatically.
      const eol = ctx.doc.eol;
      const skeleton = [
        '---',
        'owner: ',
        'level: individual',
        `period: ${ctx.today.slice(0, 4)}-Q${Math.floor((+ctx.today.slice(5, 7) - 1) / 3) + 1}`,
        '---',
      ].join(eol);
      return {
        range: p.range,
        message,
        fixes: [{ title: ctx.msg('fix.front-matter-skeleton'), edits: [{ range: fm.range, newText: skeleton }] }],
      };
    });
  },
};
