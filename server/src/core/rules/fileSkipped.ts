import type { Rule } from './types';

export const fileSkipped: Rule = {
  meta: {
    id: 'file-skipped',
    description: 'A file named like an OKR file that cannot be checked (binary data, or over the size limit).',
    defaultSeverity: 'warning',
    fixable: false,
    docs: 'docs/rules/file-skipped.md',
  },
  check(ctx) {
    const s = ctx.doc.skipped;
    if (!s) return [];
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return [
      {
        range,
        message: ctx.msg(`file-skipped.${s.reason}`, {
          detail: s.message,
        }),
      },
    ];
  },
};
