// Code lenses: progress where the text is. The file's overall progress and elapsed time at the top,
// progress, pace and grade above each objective, current vs target above each key result
// (clickable: `okr.checkIn`).
import { CodeLensRefreshRequest, type CodeLens } from 'vscode-languageserver';
import type { KeyResult, Objective, OkrDocument } from '../../core/index';
import { format, type Locale } from '../../core/messages';
import {
  assessObjective,
  elapsedOf,
  formatValue,
  gradeText,
  percent,
  progressBar,
  type Status,
} from '../../core/progress';
import { movedFrom } from '../../core/parse/memo';
import type { ServerFeature } from '../context';

export const CHECK_IN_COMMAND = 'okr.checkIn';

const STATUS_KEYS = {
  'on-track': 'progress.status.on-track',
  'at-risk': 'progress.status.at-risk',
  'off-track': 'progress.status.off-track',
} as const;

export function statusText(locale: Locale, s: Status | null): string {
  return s ? format(locale, STATUS_KEYS[s]) : '';
}

/** The title of a key result's lens (and of the check-in hint). */
export function krLensTitle(kr: KeyResult, doc: OkrDocument, locale: Locale): string {
  if (kr.binary) return format(locale, kr.checked ? 'progress.lens.binaryDone' : 'progress.lens.binaryOpen');
  const progress = percent(kr.progress);
  const parts = [
    kr.target !== null
      ? format(locale, 'progress.lens.kr', {
          current: formatValue(kr.current, kr.unit, doc.lang),
          target: formatValue(kr.target, kr.unit, doc.lang),
          progress,
        })
      : format(locale, 'progress.lens.krProgressOnly', { progress }),
  ];
  if (kr.confidence !== null) parts.push(format(locale, 'progress.confidence', { confidence: kr.confidence }));
  return parts.join(' · ');
}

export function fileLensTitles(doc: OkrDocument, today: string, locale: Locale): string[] {
  const titles: string[] = [];
  if (doc.objectives.length) {
    const bar = progressBar(doc.progress);
    const progress = percent(doc.progress);
    titles.push(
      doc.owner
        ? format(locale, 'progress.lens.file', { owner: doc.owner, bar, progress })
        : format(locale, 'progress.lens.fileNoOwner', { bar, progress }),
    );
  }
  const elapsed = elapsedOf(doc.period, today);
  if (doc.period && elapsed !== null) {
    titles.push(format(locale, 'progress.elapsed', { period: doc.period.text, elapsed: percent(elapsed) }));
  }
  return titles;
}

export function objectiveLensTitle(o: OkrDocument['objectives'][number], elapsed: number | null, locale: Locale) {
  const a = assessObjective(o, elapsed);
  if (a.progress === null) return format(locale, 'progress.lens.noProgress');
  const parts = [
    format(locale, 'progress.lens.objective', { bar: progressBar(a.progress), progress: percent(a.progress) }),
  ];
  if (a.status) {
    parts.push(
      format(locale, 'progress.lens.counts', {
        onTrack: a.counts['on-track'],
        atRisk: a.counts['at-risk'],
        offTrack: a.counts['off-track'],
      }),
    );
  }
  parts.push(format(locale, 'progress.grade', { grade: gradeText(a.grade, locale) }));
  return parts.join(' · ');
}

/**
 * The titles of an objective's lenses, remembered per objective object: the model builder reuses
 * unchanged objectives as the same objects from one version to the next (parse/index.ts), so a
 * keystroke in a big file formats the lenses of one objective, not of all.
 */
export class LensTitleCache {
  private titles = new WeakMap<Objective, { key: string; objective: string; krs: string[] }>();

  get(o: Objective, doc: OkrDocument, elapsed: number | null, locale: Locale): { objective: string; krs: string[] } {
    // Everything the titles read besides the objective itself.
    const key = `${elapsed}|${locale}|${doc.lang}`;
    let t = this.titles.get(o);
    if (!t || t.key !== key) {
      // Copied with its lines moved (below an Enter): titles never depend on lines.
      const move = movedFrom(o);
      const was = move && this.titles.get(move.from);
      if (was && was.key === key) this.titles.set(o, (t = was));
    }
    if (!t || t.key !== key) {
      t = {
        key,
        objective: objectiveLensTitle(o, elapsed, locale),
        krs: o.keyResults.map((kr) => krLensTitle(kr, doc, locale)),
      };
      this.titles.set(o, t);
    }
    return t;
  }
}

export function progressLenses(
  doc: OkrDocument,
  version: number,
  today: string,
  locale: Locale,
  cache = new LensTitleCache(),
): CodeLens[] {
  if (doc.skipped) return [];
  const lenses: CodeLens[] = [];
  const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const title of fileLensTitles(doc, today, locale)) lenses.push({ range: top, command: { title, command: '' } });
  const elapsed = elapsedOf(doc.period, today);
  const tooltip = format(locale, 'progress.lens.checkInTooltip');
  for (const o of doc.objectives) {
    const titles = cache.get(o, doc, elapsed, locale);
    lenses.push({ range: o.range, command: { title: titles.objective, command: '' } });
    o.keyResults.forEach((kr, k) => {
      lenses.push({
        range: kr.range,
        command: {
          title: titles.krs[k],
          command: CHECK_IN_COMMAND,
          tooltip,
          arguments: [doc.uri, o.id, kr.id, version],
        },
      });
    });
  }
  return lenses;
}

export const progressLensFeature: ServerFeature = {
  register(ctx) {
    // Editors ask for lenses again when a document changes, not when the setting does: after a
    // model update (which a settings change triggers), ask them to refresh if the setting flipped.
    let shown = ctx.settings().codeLens?.enabled !== false;
    ctx.onDidChangeModel(() => {
      const enabled = ctx.settings().codeLens?.enabled !== false;
      if (enabled === shown) return;
      shown = enabled;
      ctx.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    });
    // Per open document (dropped with it): lens titles of the objectives a keystroke left as they were.
    const caches = new Map<string, LensTitleCache>();
    ctx.documents.onDidClose((e) => caches.delete(e.document.uri));
    ctx.addCodeLensProvider((entry) => {
      if (ctx.settings().codeLens?.enabled === false) return [];
      let cache = caches.get(entry.doc.uri);
      if (!cache) caches.set(entry.doc.uri, (cache = new LensTitleCache()));
      return progressLenses(entry.doc, entry.text.version, ctx.today(), ctx.uiLocale(), cache);
    });
  },
};
