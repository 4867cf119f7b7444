// Code lenses: progress where the text is. The file's overall progress and elapsed time at the top,
// progress, pace and grade above each objective, current vs target above each key result
// (clickable: `okr.checkIn`).
import { CodeLensRefreshRequest, type CodeLens, type Range } from 'vscode-languageserver';
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
 * The titles of an objective's lenses, and the lenses themselves, remembered per objective object:
 * the model builder reuses unchanged objectives as the same objects from one version to the next
 * (parse/index.ts), so a keystroke in a big file formats and builds the lenses of one objective, not
 * of all. The lenses are shared between answers: nothing may change them after they are built.
 */
export class LensTitleCache {
  private titles = new WeakMap<
    Objective,
    { key: string; objective: string; krs: string[]; lenses?: { of: Objective; uri: string; list: CodeLens[] } }
  >();

  /** Everything the titles read besides the objective itself (the tooltip is the locale's). */
  static keyOf(doc: OkrDocument, elapsed: number | null, locale: Locale): string {
    return `${elapsed}|${locale}|${doc.lang}`;
  }

  /** The objective's lens and its key results' lenses (with their check-in commands); `key` is `keyOf`'s. */
  lenses(o: Objective, doc: OkrDocument, elapsed: number | null, locale: Locale, tooltip: string, key: string) {
    const t = this.entry(o, doc, elapsed, locale, key);
    // Built for this very objective (a moved copy shares its titles, not its ranges) and file.
    if (t.lenses?.of === o && t.lenses.uri === doc.uri) return t.lenses.list;
    const list: CodeLens[] = [{ range: o.range, command: { title: t.objective, command: '' } }];
    o.keyResults.forEach((kr, k) => {
      list.push({
        range: kr.range,
        command: { title: t.krs[k], command: CHECK_IN_COMMAND, tooltip, arguments: [doc.uri, o.id, kr.id] },
      });
    });
    t.lenses = { of: o, uri: doc.uri, list };
    return list;
  }

  private entry(o: Objective, doc: OkrDocument, elapsed: number | null, locale: Locale, key: string) {
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

/** The range of the file's lenses: one object, so `okr/codeLenses` sends it as unchanged (codeLensDelta.ts). */
const TOP: Range = Object.freeze({
  start: Object.freeze({ line: 0, character: 0 }),
  end: Object.freeze({ line: 0, character: 0 }),
});

/**
 * Lenses on the file (overall progress, elapsed time), each objective and each key result. A key
 * result's lens runs `okr.checkIn` with the file, the objective and the key result; the check-in
 * itself reads the document's version when it applies its edit.
 */
export function progressLenses(
  doc: OkrDocument,
  today: string,
  locale: Locale,
  cache = new LensTitleCache(),
): CodeLens[] {
  if (doc.skipped) return [];
  const lenses: CodeLens[] = [];
  for (const title of fileLensTitles(doc, today, locale)) lenses.push({ range: TOP, command: { title, command: '' } });
  const elapsed = elapsedOf(doc.period, today);
  const tooltip = format(locale, 'progress.lens.checkInTooltip');
  const key = LensTitleCache.keyOf(doc, elapsed, locale);
  for (const o of doc.objectives) for (const l of cache.lenses(o, doc, elapsed, locale, tooltip, key)) lenses.push(l);
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
      return progressLenses(entry.doc, ctx.today(), ctx.uiLocale(), cache);
    });
  },
};
