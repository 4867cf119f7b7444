// `okr report <folders…> --format md|html|json`: where every owner stands, the alignment tree and
// the period's statistics. Data first (buildReport, the JSON), then two renderings of that data.
import * as path from 'node:path';
import type { OkrDocument, WorkspaceIndex } from '../core/index';
import { format, localeOf, type Locale, type MessageKey } from '../core/messages';
import {
  assessKr,
  assessObjective,
  elapsedOf,
  formatValue,
  gradeText,
  ownerProgress,
  percent,
  periodStats,
  progressBar,
  sparkline,
  type GradeColor,
  type PeriodStats,
  type Status,
} from '../core/progress';
import { loadPaths } from './paths';
import { uriToPath } from '../node/nodeFs';

export interface ReportKr {
  id: string;
  title: string;
  line: number;
  progress: number | null;
  rawProgress: number | null;
  grade: number | null;
  color: GradeColor | null;
  status: Status | null;
  confidence: number | null;
  /** `$139,800 / $160,000`, as the file's language writes numbers. */
  value: string;
  trend: string;
}

export interface ReportObjective {
  id: string;
  title: string;
  line: number;
  type: 'committed' | 'aspirational';
  progress: number | null;
  grade: number | null;
  color: GradeColor | null;
  status: Status | null;
  /** Mean of the key results' latest confidence (0–10), one decimal. */
  confidence: number | null;
  counts: Record<Status, number>;
  alignsTo: string[];
  keyResults: ReportKr[];
}

export interface ReportOwner {
  owner: string;
  file: string;
  level: string | null;
  period: string | null;
  elapsed: number | null;
  progress: number | null;
  objectives: ReportObjective[];
}

export interface AlignmentNode {
  file: string;
  owner: string | null;
  level: string | null;
  /** Objectives of this file and what each aligns to (`company.okr.md#o1` → `O1`). */
  objectives: { id: string; title: string; progress: number | null; targets: string[] }[];
  children: AlignmentNode[];
}

export interface Report {
  today: string;
  statistics: PeriodStats;
  owners: ReportOwner[];
  alignment: AlignmentNode[];
}

function mean(ns: number[]): number | null {
  return ns.length ? Math.round((ns.reduce((a, b) => a + b, 0) / ns.length) * 10) / 10 : null;
}

/** The report's data. `rel` names files (relative paths); documents come in the order given. */
export function buildReport(index: WorkspaceIndex, docs: OkrDocument[], today: string, rel: (uri: string) => string) {
  const owners: ReportOwner[] = [];
  for (const doc of docs) {
    if (doc.skipped) continue;
    const elapsed = elapsedOf(doc.period, today);
    // Owner sections split a file; otherwise the whole file is its owner's.
    const groups = new Map<string, OkrDocument['objectives']>();
    for (const o of doc.objectives) {
      const owner = o.section ?? o.owner ?? doc.owner ?? path.basename(rel(doc.uri));
      const group = groups.get(owner);
      if (group) group.push(o);
      else groups.set(owner, [o]);
    }
    if (groups.size === 0) groups.set(doc.owner ?? path.basename(rel(doc.uri)), []);
    for (const [owner, objectives] of groups) {
      owners.push({
        owner,
        file: rel(doc.uri),
        level: doc.level,
        period: doc.period?.text ?? null,
        elapsed: elapsed === null ? null : Math.round(elapsed * 1000) / 1000,
        progress: ownerProgress(objectives),
        objectives: objectives.map((o) => {
          const a = assessObjective(o, elapsed);
          return {
            id: o.id,
            title: o.title,
            line: o.range.start.line + 1,
            type: o.type,
            progress: a.progress,
            grade: a.grade,
            color: a.color,
            status: a.status,
            confidence: mean(o.keyResults.map((k) => k.confidence).filter((c): c is number => c !== null)),
            counts: a.counts,
            alignsTo: o.alignsTo.map((l) => l.href),
            keyResults: o.keyResults.map((kr) => {
              const k = assessKr(kr, o, elapsed);
              return {
                id: kr.id,
                title: kr.title,
                line: kr.range.start.line + 1,
                progress: k.progress,
                rawProgress: k.rawProgress,
                grade: k.grade,
                color: k.color,
                status: k.status,
                confidence: kr.confidence,
                value: kr.binary
                  ? kr.checked
                    ? '☑'
                    : '☐'
                  : kr.target !== null
                    ? `${formatValue(kr.current, kr.unit, doc.lang)} / ${formatValue(kr.target, kr.unit, doc.lang)}`
                    : '',
                trend: sparkline(kr),
              };
            }),
          };
        }),
      });
    }
  }
  const s = periodStats(docs, today);
  const r4 = (n: number) => Math.round(n * 1e4) / 1e4;
  const statistics = { ...s, low: r4(s.low), middle: r4(s.middle), high: r4(s.high) };
  return { today, statistics, owners, alignment: alignmentTree(index, docs, rel) };
}

/**
 * Files as a tree: a file's children are the files whose objectives align into it. Files that
 * align to nothing inside the report (the company file, orphans) are the roots.
 */
function alignmentTree(index: WorkspaceIndex, docs: OkrDocument[], rel: (uri: string) => string): AlignmentNode[] {
  const inReport = new Set(docs.map((d) => d.uri));
  const parents = new Map<string, Set<string>>();
  const nodes = new Map<string, AlignmentNode>();
  for (const doc of docs) {
    if (doc.skipped) continue;
    const objectives: AlignmentNode['objectives'] = [];
    const ps = new Set<string>();
    for (const o of doc.objectives) {
      const targets: string[] = [];
      for (const l of o.alignsTo) {
        const r = index.resolve(doc.uri, l.href);
        if (r.status !== 'ok') continue;
        const target = index.get(r.uri);
        const targetUri = target && inReport.has(target.uri) ? target.uri : null;
        if (targetUri && targetUri !== doc.uri) ps.add(targetUri);
        const what = r.keyResult ? `${r.objective!.id}.${r.keyResult.id}` : (r.objective?.id ?? '');
        targets.push(`${rel(r.uri)}${what ? ` ${what}` : ''}`);
      }
      objectives.push({ id: o.id, title: o.title, progress: o.progress, targets });
    }
    parents.set(doc.uri, ps);
    nodes.set(doc.uri, { file: rel(doc.uri), owner: doc.owner, level: doc.level, objectives, children: [] });
  }
  // Each file hangs under its first parent (in report order); cycles are cut where they close.
  const placed = new Set<string>();
  const roots: string[] = [];
  const childrenOf = new Map<string, string[]>();
  for (const [uri, ps] of parents) {
    const first = [...ps].find((p) => nodes.has(p));
    if (!first) roots.push(uri);
    else if (childrenOf.has(first)) childrenOf.get(first)!.push(uri);
    else childrenOf.set(first, [uri]);
  }
  const build = (uri: string): AlignmentNode => {
    placed.add(uri);
    const n = nodes.get(uri)!;
    n.children = (childrenOf.get(uri) ?? []).filter((c) => !placed.has(c)).map(build);
    return n;
  };
  const out = roots.map(build);
  // Files caught in a cycle have no root above them: list them at the top level.
  for (const uri of nodes.keys()) if (!placed.has(uri)) out.push(build(uri));
  return out;
}

// ---- Markdown ----

function mdEscape(s: string): string {
  return s.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`);
}

function labels(locale: Locale) {
  const t = (k: MessageKey, p?: Record<string, string | number>) => format(locale, k, p);
  const status = (s: Status | null) => (s ? t(`progress.status.${s}`) : '—');
  const conf = (c: number | null) => (c === null ? '—' : `${String(c).replace('.', locale === 'vi' ? ',' : '.')}/10`);
  return { t, status, conf, grade: (g: number | null) => gradeText(g, locale) };
}

export function renderMarkdown(r: Report, locale: Locale): string {
  const { t, status, conf, grade } = labels(locale);
  const out: string[] = [`# ${t('progress.report.title')}`, '', t('progress.report.today', { today: r.today }), ''];
  out.push(`## ${t('progress.report.statistics')}`, '', '| | |', '| --- | --- |');
  for (const [k, v] of statRows(r.statistics, locale)) out.push(`| ${k} | ${v} |`);
  out.push('');
  for (const o of r.owners) {
    out.push(`## ${mdEscape(o.owner)}`, '');
    const meta = [`\`${o.file.replace(/`/g, '')}\``];
    if (o.period)
      meta.push(
        o.elapsed !== null ? t('progress.elapsed', { period: o.period, elapsed: percent(o.elapsed) }) : o.period,
      );
    meta.push(`${progressBar(o.progress)} ${percent(o.progress)}`);
    out.push(meta.join(' · '), '');
    if (!o.objectives.length) {
      out.push(t('progress.report.noObjectives'), '');
      continue;
    }
    out.push(
      `| ${t('progress.report.objective')} | ${t('progress.hover.progress')} | ${t('progress.hover.grade')} | ${t('progress.hover.status')} | ${t('progress.report.confidence')} |`,
      '| --- | --- | --- | --- | --- |',
    );
    for (const ob of o.objectives) {
      const type = t(ob.type === 'committed' ? 'progress.type.committed' : 'progress.type.aspirational');
      out.push(
        `| **${ob.id}** ${mdEscape(ob.title)} (${type}) | ${progressBar(ob.progress)} ${percent(ob.progress)} | ${grade(ob.grade)} | ${status(ob.status)} | ${conf(ob.confidence)} |`,
      );
      for (const k of ob.keyResults) {
        const value = k.value ? ` · ${mdEscape(k.value)}` : '';
        const trend = k.trend ? ` ${k.trend}` : '';
        out.push(
          `| ${ob.id}.${k.id} ${mdEscape(k.title)}${value} | ${progressBar(k.progress)} ${percent(k.progress)}${trend} | ${grade(k.grade)} | ${status(k.status)} | ${conf(k.confidence)} |`,
        );
      }
    }
    out.push('');
  }
  out.push(`## ${t('progress.report.alignment')}`, '');
  const walk = (n: AlignmentNode, depth: number) => {
    const pad = '  '.repeat(depth);
    out.push(`${pad}- \`${n.file.replace(/`/g, '')}\`${n.owner ? ` · ${mdEscape(n.owner)}` : ''}`);
    for (const o of n.objectives) {
      // Company objectives are the top of the tree: they align to nothing by design.
      const to = o.targets.length
        ? ` → ${o.targets.map((x) => mdEscape(x)).join(', ')}`
        : n.level === 'company'
          ? ''
          : ` · ${t('progress.report.unaligned')}`;
      out.push(`${pad}  - ${o.id} ${mdEscape(o.title)} · ${percent(o.progress)}${to}`);
    }
    for (const c of n.children) walk(c, depth + 1);
  };
  for (const n of r.alignment) walk(n, 0);
  return `${out.join('\n')}\n`;
}

function statRows(s: PeriodStats, locale: Locale): [string, string][] {
  const t = (k: MessageKey) => format(locale, k);
  const dec = (n: number) => (locale === 'vi' ? String(n).replace('.', ',') : String(n));
  return [
    [t('progress.report.scored'), String(s.scored)],
    [t('progress.report.low'), percent(s.low)],
    [t('progress.report.middle'), percent(s.middle)],
    [t('progress.report.high'), percent(s.high)],
    [t('progress.report.checkIns'), String(s.checkIns)],
    [t('progress.report.perWeek'), s.checkInsPerWeek === null ? '—' : dec(s.checkInsPerWeek)],
  ];
}

// ---- HTML ----

function h(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
:root { color-scheme: light; --red: #c62828; --yellow: #b7791f; --green: #2e7d32; --muted: #666; --line: #ddd; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; color: #222; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0; }
h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; background: #f6f6f6; }
table.stats { width: auto; min-width: 20rem; }
td + td { white-space: nowrap; }
tr.kr td:first-child { padding-left: 1.5rem; }
tr.objective td { font-weight: 600; }
.bar { display: inline-block; width: 6rem; height: .6rem; background: #eee; border-radius: .3rem; overflow: hidden; vertical-align: middle; margin-right: .4rem; }
.bar > span { display: block; height: 100%; background: #1565c0; }
.grade { font-weight: 600; }
.red { color: var(--red); } .yellow { color: var(--yellow); } .green { color: var(--green); }
.status-on-track { color: var(--green); } .status-at-risk { color: var(--yellow); } .status-off-track { color: var(--red); }
.trend { font-family: ui-monospace, monospace; color: var(--muted); }
ul.tree, ul.tree ul { list-style: none; padding-left: 1.2rem; margin: .2rem 0; }
ul.tree > li { padding-left: 0; }
.file { font-family: ui-monospace, monospace; }
section.owner { break-inside: avoid-page; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  .bar { border: 1px solid #999; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
`;

function bar(p: number | null): string {
  const w = p === null ? 0 : Math.round(Math.min(1, Math.max(0, p)) * 100);
  return `<span class="bar" aria-hidden="true"><span style="width:${w}%"></span></span>${percent(p)}`;
}

export function renderHtml(r: Report, locale: Locale): string {
  const { t, status, conf, grade } = labels(locale);
  const lang = locale === 'zh-cn' ? 'zh-CN' : locale;
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(t('progress.report.title'))} · ${h(r.today)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${h(t('progress.report.title'))}</h1>`,
    `<p class="muted">${h(t('progress.report.today', { today: r.today }))}</p>`,
    `<h2>${h(t('progress.report.statistics'))}</h2>`,
    '<table class="stats"><tbody>',
    ...statRows(r.statistics, locale).map(([k, v]) => `<tr><th scope="row">${h(k)}</th><td>${h(v)}</td></tr>`),
    '</tbody></table>',
  ];
  const gradeCell = (g: number | null, c: GradeColor | null) =>
    `<td class="grade${c ? ` ${c}` : ''}">${h(grade(g))}</td>`;
  const statusCell = (s: Status | null) => `<td${s ? ` class="status-${s}"` : ''}>${h(status(s))}</td>`;
  for (const o of r.owners) {
    out.push('<section class="owner">', `<h2>${h(o.owner)}</h2>`);
    const meta = [`<span class="file">${h(o.file)}</span>`];
    if (o.period)
      meta.push(
        h(o.elapsed !== null ? t('progress.elapsed', { period: o.period, elapsed: percent(o.elapsed) }) : o.period),
      );
    meta.push(bar(o.progress));
    out.push(`<p>${meta.join(' · ')}</p>`);
    if (!o.objectives.length) {
      out.push(`<p class="muted">${h(t('progress.report.noObjectives'))}</p>`, '</section>');
      continue;
    }
    out.push(
      '<table>',
      `<thead><tr><th>${h(t('progress.report.objective'))}</th><th>${h(t('progress.hover.progress'))}</th><th>${h(
        t('progress.hover.grade'),
      )}</th><th>${h(t('progress.hover.status'))}</th><th>${h(t('progress.report.confidence'))}</th></tr></thead>`,
      '<tbody>',
    );
    for (const ob of o.objectives) {
      const type = t(ob.type === 'committed' ? 'progress.type.committed' : 'progress.type.aspirational');
      out.push(
        `<tr class="objective"><td>${h(ob.id)} ${h(ob.title)} <span class="muted">(${h(type)})</span></td><td>${bar(
          ob.progress,
        )}</td>${gradeCell(ob.grade, ob.color)}${statusCell(ob.status)}<td>${h(conf(ob.confidence))}</td></tr>`,
      );
      for (const k of ob.keyResults) {
        const value = k.value ? ` <span class="muted">${h(k.value)}</span>` : '';
        const trend = k.trend ? ` <span class="trend">${h(k.trend)}</span>` : '';
        out.push(
          `<tr class="kr"><td>${h(`${ob.id}.${k.id}`)} ${h(k.title)}${value}</td><td>${bar(k.progress)}${trend}</td>${gradeCell(
            k.grade,
            k.color,
          )}${statusCell(k.status)}<td>${h(conf(k.confidence))}</td></tr>`,
        );
      }
    }
    out.push('</tbody></table>', '</section>');
  }
  out.push(`<h2>${h(t('progress.report.alignment'))}</h2>`);
  const walk = (n: AlignmentNode): string => {
    const objs = n.objectives
      .map((o) => {
        const to = o.targets.length
          ? ` → ${o.targets.map(h).join(', ')}`
          : n.level === 'company'
            ? ''
            : ` · <span class="muted">${h(t('progress.report.unaligned'))}</span>`;
        return `<li>${h(o.id)} ${h(o.title)} · ${percent(o.progress)}${to}</li>`;
      })
      .join('');
    const kids = n.children.map(walk).join('');
    return `<li><span class="file">${h(n.file)}</span>${n.owner ? ` · ${h(n.owner)}` : ''}<ul>${objs}${kids}</ul></li>`;
  };
  out.push(`<ul class="tree">${r.alignment.map(walk).join('')}</ul>`, '</body>', '</html>');
  return `${out.join('\n')}\n`;
}

// ---- The command ----

export async function report(
  paths: string[],
  fmt: string,
  localeArg: string | undefined,
  today: string,
  out: { write(s: string): void },
): Promise<number> {
  if (paths.length === 0) throw new Error('report takes at least one folder or file');
  if (fmt !== 'md' && fmt !== 'html' && fmt !== 'json') throw new Error(`unknown format "${fmt}" (md, html, json)`);
  const locale = localeOf(localeArg ?? 'en');
  const { uris, index } = await loadPaths(paths, (m) => new Error(m));
  const docs = uris.map((u) => index.get(u)).filter((d): d is OkrDocument => d !== undefined);
  // Forward slashes, so the report reads the same on every system.
  const rel = (uri: string) =>
    (path.relative(process.cwd(), uriToPath(uri)) || uriToPath(uri)).split(path.sep).join('/');
  const data = buildReport(index, docs, today, rel);
  if (fmt === 'json') out.write(`${JSON.stringify(data, null, 2)}\n`);
  else if (fmt === 'md') out.write(renderMarkdown(data, locale));
  else out.write(renderHtml(data, locale));
  return 0;
}
