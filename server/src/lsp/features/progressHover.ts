// Hover on a key result: its numbers, check-ins and trend; on an objective: the roll-up.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { KeyResult, Objective, OkrDocument, Position } from '../../core/index';
import { format, type Locale } from '../../core/messages';
import {
  assessKr,
  assessObjective,
  datedCheckIns,
  elapsedOf,
  formatValue,
  gradeText,
  percent,
  progressBar,
  sparkline,
  type KrAssessment,
} from '../../core/progress';
import type { ServerFeature } from '../context';
import { statusText } from './progressLens';

/** Escapes Markdown so that titles and notes show as written. */
export function md(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

function statusLine(a: KrAssessment, locale: Locale): string {
  if (a.status === null || a.expected === null) return format(locale, 'progress.hover.noPeriod');
  return format(locale, 'progress.hover.statusDetail', {
    status: statusText(locale, a.status),
    expected: percent(a.expected),
  });
}

export function krHover(kr: KeyResult, o: Objective, doc: OkrDocument, today: string, locale: Locale): string {
  const t = (k: Parameters<typeof format>[1], p?: Record<string, string | number>) => format(locale, k, p);
  const a = assessKr(kr, o, elapsedOf(doc.period, today));
  const v = (n: number | null) => md(formatValue(n, kr.unit, doc.lang));
  const out: string[] = [`**${md(`${o.id}.${kr.id}`)}** ${md(kr.title)}`, ''];
  const rows: [string, string][] = [];
  if (kr.binary) {
    rows.push([t('progress.hover.binary'), kr.checked ? t('progress.hover.done') : t('progress.hover.notDone')]);
  } else {
    rows.push([t('progress.hover.start'), v(kr.start)]);
    rows.push([t('progress.hover.target'), v(kr.target)]);
    rows.push([t('progress.hover.current'), v(kr.current)]);
    if (kr.unit) rows.push([t('progress.hover.unit'), md(kr.unit)]);
  }
  let progress = `${progressBar(a.progress)} ${percent(a.progress)}`;
  if (a.rawProgress !== null && a.rawProgress > 1)
    progress += ` (${t('progress.hover.achieved', { achieved: percent(a.rawProgress) })})`;
  rows.push([t('progress.hover.progress'), progress]);
  if (kr.weight !== 1) rows.push([t('progress.hover.weight'), String(kr.weight)]);
  rows.push([t('progress.hover.grade'), gradeText(a.grade, locale)]);
  rows.push([t('progress.hover.status'), statusLine(a, locale)]);
  out.push(...table(rows), '');
  const checkIns = datedCheckIns(kr);
  if (checkIns.length) {
    out.push(`**${t('progress.hover.checkIns')}**`, '');
    for (const c of checkIns) {
      const value = c.value !== null ? formatValue(c.value, kr.unit, doc.lang) : c.quantity?.text || c.valueText;
      const parts = [`${c.date}: ${md(value)}`];
      if (c.progress !== null) parts.push(percent(c.progress));
      if (c.confidence !== null) parts.push(t('progress.confidence', { confidence: c.confidence }));
      out.push(`- ${parts.join(' · ')}`);
    }
    const spark = sparkline(kr);
    if (spark.length > 1) out.push('', `${t('progress.hover.trend')}: \`${spark}\``);
  } else if (!kr.binary) {
    out.push(t('progress.hover.noCheckIns'));
  }
  return out.join('\n');
}

export function objectiveHover(o: Objective, doc: OkrDocument, today: string, locale: Locale): string {
  const t = (k: Parameters<typeof format>[1], p?: Record<string, string | number>) => format(locale, k, p);
  const elapsed = elapsedOf(doc.period, today);
  const a = assessObjective(o, elapsed);
  const out: string[] = [`**${md(o.id)}** ${md(o.title)}`, ''];
  out.push(
    ...table([
      [t('progress.hover.progress'), `${progressBar(a.progress)} ${percent(a.progress)}`],
      [t('progress.hover.type'), t(o.type === 'committed' ? 'progress.type.committed' : 'progress.type.aspirational')],
      [t('progress.hover.grade'), gradeText(a.grade, locale)],
      [t('progress.hover.status'), statusLine(a, locale)],
    ]),
    '',
  );
  if (o.keyResults.length) {
    out.push(`**${t('progress.hover.keyResults')}**`, '');
    for (const kr of o.keyResults) {
      const k = assessKr(kr, o, elapsed);
      const st = k.status ? ` · ${statusText(locale, k.status)}` : '';
      const w = kr.weight !== 1 ? ` ×${kr.weight}` : '';
      out.push(`- ${md(kr.id)} ${progressBar(k.progress)} ${percent(k.progress)}${w}${st} · ${md(kr.title)}`);
    }
    out.push('');
  }
  if (o.alignsTo.length) {
    out.push(`**${t('progress.hover.alignsTo')}**`, '');
    for (const l of o.alignsTo) {
      const from = l.fromParent ? ` ${t('progress.hover.fromParent')}` : '';
      out.push(`- \`${l.href.replace(/`/g, '')}\`${from}`);
    }
  }
  return out.join('\n').trimEnd();
}

function table(rows: [string, string][]): string[] {
  return ['| | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`)];
}

function onLine(r: { start: Position; end: Position }, p: Position): boolean {
  return p.line >= r.start.line && p.line <= r.end.line;
}

export function progressHover(doc: OkrDocument, pos: Position, today: string, locale: Locale): Hover | null {
  for (const o of doc.objectives) {
    if (onLine(o.range, pos)) {
      return { contents: { kind: MarkupKind.Markdown, value: objectiveHover(o, doc, today, locale) }, range: o.range };
    }
    for (const kr of o.keyResults) {
      if (onLine(kr.range, pos)) {
        return { contents: { kind: MarkupKind.Markdown, value: krHover(kr, o, doc, today, locale) }, range: kr.range };
      }
    }
  }
  return null;
}

export const progressHoverFeature: ServerFeature = {
  register(ctx) {
    ctx.addHoverProvider((entry, position) => progressHover(entry.doc, position, ctx.today(), ctx.uiLocale()));
  },
};
