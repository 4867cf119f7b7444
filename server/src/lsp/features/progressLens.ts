// Code lenses: progress where the text is. The file's overall progress and elapsed time at the top,
// progress, pace and grade above each objective, current vs target above each key result
// (clickable: `okr.checkIn`).
import { CodeLensRefreshRequest, type CodeLens } from 'vscode-languageserver';
import type { KeyResult, OkrDocument } from '../../core/index';
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

export function progressLenses(doc: OkrDocument, version: number, today: string, locale: Locale): CodeLens[] {
  if (doc.skipped) return [];
  const lenses: CodeLens[] = [];
  const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  for (const title of fileLensTitles(doc, today, locale)) lenses.push({ range: top, command: { title, command: '' } });
  const elapsed = elapsedOf(doc.period, today);
  for (const o of doc.objectives) {
    lenses.push({ range: o.range, command: { title: objectiveLensTitle(o, elapsed, locale), command: '' } });
    for (const kr of o.keyResults) {
      lenses.push({
        range: kr.range,
        command: {
          title: krLensTitle(kr, doc, locale),
          command: CHECK_IN_COMMAND,
          tooltip: format(locale, 'progress.lens.checkInTooltip'),
          arguments: [doc.uri, o.id, kr.id, version],
        },
      });
    }
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
    ctx.addCodeLensProvider((entry) => {
      if (ctx.settings().codeLens?.enabled === false) return [];
      return progressLenses(entry.doc, entry.text.version, ctx.today(), ctx.uiLocale());
    });
  },
};
