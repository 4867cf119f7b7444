import { lineEndPos, localDate, quarterOf, canAppendToTitle } from '../fixes/edits';
import type { Fix, Rule, RuleContext } from './types';
import { short } from './util';

export const krNoDeadline: Rule = {
  meta: {
    id: 'kr-no-deadline',
    description: 'A key result with no date or period of its own, in a file whose front matter has no `period`.',
    defaultSeverity: 'warning',
    fixable: true,
    docs: 'docs/rules/kr-no-deadline.md',
  },
  check(ctx) {
    const doc = ctx.doc;
    if (doc.period) return [];
    // A period that is written but unreadable is front-matter-invalid's finding.
    if (doc.frontMatter?.problems.some((p) => p.kind === 'period' || p.kind === 'yaml')) return [];
    const q = quarterOf(ctx.today);
    const date = localDate(q.end, ctx.lang);
    const out: ReturnType<Rule['check']> = [];
    for (const o of doc.objectives) {
      for (const kr of o.keyResults) {
        if (kr.timeRefs.length > 0) continue;
        const deadline = ctx.msg('fix.deadline-text', { date });
        const at = lineEndPos(doc, kr.range.end.line);
        const fixes: Fix[] = [];
        const periodFix = addPeriod(ctx, q.text);
        if (periodFix) fixes.push(periodFix);
        if (canAppendToTitle(doc, kr))
          fixes.push({
            title: ctx.msg('fix.add-deadline', { deadline: deadline.trim().replace(/^[（(]|[)）]$/g, '') }),
            isPreferred: !periodFix,
            edits: [{ range: { start: at, end: at }, newText: deadline }],
          });
        out.push({
          range: kr.titleRange,
          message: ctx.msg('kr-no-deadline', { title: short(kr.title), period: q.text, date }),
          fixes,
        });
      }
    }
    return out;
  },
};

/** `period:` in the front matter, creating the front matter when there is none. */
function addPeriod(ctx: RuleContext, period: string): Fix | null {
  const doc = ctx.doc;
  const eol = doc.eol;
  const fm = doc.frontMatter;
  const title = ctx.msg('fix.add-period', { period });
  if (!fm) {
    const start = { line: 0, character: doc.text.charCodeAt(0) === 0xfeff ? 1 : 0 };
    return {
      title,
      isPreferred: true,
      edits: [{ range: { start, end: start }, newText: `---${eol}period: ${period}${eol}---${eol}${eol}` }],
    };
  }
  if (!fm.data) return null;
  // Before the closing `---`, which is the last line of the front matter.
  const closing = { line: fm.range.end.line, character: 0 };
  return {
    title,
    isPreferred: true,
    edits: [{ range: { start: closing, end: closing }, newText: `period: ${period}${eol}` }],
  };
}
