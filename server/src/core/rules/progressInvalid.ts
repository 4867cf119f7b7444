import { isValidIsoDate } from '../period';
import type { CheckIn } from '../model';
import type { Rule } from './types';

export const progressInvalid: Rule = {
  meta: {
    id: 'progress-invalid',
    description:
      'A check-in that cannot be read, has an impossible date, a date outside the period or out of order, progress above 100% or a confidence outside 0..10.',
    defaultSeverity: 'warning',
    fixable: false,
    docs: 'docs/rules/progress-invalid.md',
  },
  check(ctx) {
    const out: ReturnType<Rule['check']> = [];
    const period = ctx.doc.period;
    // No closure or string per check-in: a big file has thousands and usually nothing to say.
    const push = (c: CheckIn, key: Parameters<typeof ctx.msg>[0], params: Record<string, string | number> = {}) => {
      const text = c.valueText.length > 60 ? `${c.valueText.slice(0, 59)}…` : c.valueText;
      out.push({ range: c.range, message: ctx.msg(key, { text, ...params }) });
    };
    for (const o of ctx.doc.objectives) {
      for (const kr of o.keyResults) {
        let previous: string | null = null;
        for (const c of kr.checkIns) {
          if (c.date !== null && !isValidIsoDate(c.date)) {
            push(c, 'progress-invalid.date', { date: c.date });
            continue;
          }
          if (c.problem === 'unreadable') push(c, 'progress-invalid.unreadable');
          else if (c.problem === 'confidence') push(c, 'progress-invalid.confidence');
          else if (c.quantity?.isPercent && c.quantity.value > 100 && (c.date === null || kr.unit !== '%'))
            // A percentage means progress when the key result is not itself in percent, or on `Progress:`.
            push(c, 'progress-invalid.percent');
          if (c.date === null) continue;
          if (period && (c.date < period.start || c.date > period.end))
            push(c, 'progress-invalid.outside-period', {
              date: c.date,
              period: period.text,
              start: period.start,
              end: period.end,
            });
          else if (previous && c.date < previous) push(c, 'progress-invalid.order', { date: c.date, previous });
          previous = c.date;
        }
      }
    }
    return out;
  },
};
