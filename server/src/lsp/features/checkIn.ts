// Check-in requests. The client asks, the core computes the edit as data, the client applies it
// only to the version it was computed for.
//   okr/checkInTargets  {uri}                          -> the file's key results and the prompts' texts
//   okr/checkInValidate {uri, objectiveId, krId, value} -> a message, or null when the value reads
//   okr/checkInEdit     {uri, version, objectiveId, krId, value, confidence?, note?, date?}
//                       -> {version, edits} | error (stale version, unknown key result, bad value)
import { ResponseError, type TextEdit } from 'vscode-languageserver';
import { checkInEdit, findKeyResult, readsAsCheckIn, type CheckInError } from '../../core/checkIn';
import type { KeyResult, OkrDocument } from '../../core/index';
import { format, type Locale } from '../../core/messages';
import { formatValue, percent } from '../../core/progress';
import type { ServerContext, ServerFeature } from '../context';
import { krLensTitle } from './progressLens';

export const CHECK_IN_EDIT_REQUEST = 'okr/checkInEdit';
export const CHECK_IN_TARGETS_REQUEST = 'okr/checkInTargets';
export const CHECK_IN_VALIDATE_REQUEST = 'okr/checkInValidate';

/** Error codes of okr/checkInEdit (application range of JSON-RPC). */
export const CheckInErrorCode = { stale: 1001, notOpen: 1002, invalid: 1003 } as const;

export interface CheckInEditParams {
  uri: string;
  version: number;
  objectiveId: string;
  krId: string;
  value: string;
  confidence?: number;
  note?: string;
  date?: string;
}

export interface CheckInEditResult {
  version: number;
  edits: TextEdit[];
}

export interface CheckInTarget {
  objectiveId: string;
  krId: string;
  title: string;
  binary: boolean;
  checked: boolean | null;
  /** Prefill of the input box: the current value as the file's language writes it. */
  value: string;
  /** `Target 6 · now 4` */
  hint: string;
  /** The lens text, shown as the quick pick's detail. */
  summary: string;
  line: number;
}

export interface CheckInTargets {
  version: number;
  targets: CheckInTarget[];
  texts: Record<
    | 'title'
    | 'valuePrompt'
    | 'confidencePlaceholder'
    | 'confidenceSkip'
    | 'notePrompt'
    | 'pickKr'
    | 'noKrs'
    | 'changed',
    string
  >;
}

function example(kr: KeyResult, doc: OkrDocument): string {
  if (kr.target === null) return '40%';
  return formatValue(kr.target, kr.unit, doc.lang);
}

function errorMessage(locale: Locale, error: CheckInError, kr: KeyResult | null, doc: OkrDocument, id: string) {
  if (error === 'unreadable-value')
    return format(locale, 'progress.checkIn.unreadable-value', { example: kr ? example(kr, doc) : '40%' });
  return format(locale, `progress.checkIn.${error}`, { id });
}

function currentText(kr: KeyResult, doc: OkrDocument): string {
  return kr.current !== null ? formatValue(kr.current, kr.unit, doc.lang) : '';
}

export function checkInTargets(doc: OkrDocument, version: number, locale: Locale): CheckInTargets {
  const targets: CheckInTarget[] = [];
  for (const o of doc.objectives)
    for (const kr of o.keyResults) {
      targets.push({
        objectiveId: o.id,
        krId: kr.id,
        title: kr.title,
        binary: kr.binary,
        checked: kr.checked,
        value: currentText(kr, doc),
        hint: format(locale, 'progress.checkIn.valueHint', {
          target: kr.target !== null ? formatValue(kr.target, kr.unit, doc.lang) : '—',
          current: kr.current !== null ? formatValue(kr.current, kr.unit, doc.lang) : percent(kr.progress),
        }),
        summary: krLensTitle(kr, doc, locale),
        line: kr.range.start.line,
      });
    }
  const t = (k: Parameters<typeof format>[1]) => format(locale, k);
  return {
    version,
    targets,
    texts: {
      title: t('progress.checkIn.title'),
      valuePrompt: t('progress.checkIn.valuePrompt'),
      confidencePlaceholder: t('progress.checkIn.confidencePlaceholder'),
      confidenceSkip: t('progress.checkIn.confidenceSkip'),
      notePrompt: t('progress.checkIn.notePrompt'),
      pickKr: t('progress.checkIn.pickKr'),
      noKrs: t('progress.checkIn.noKrs'),
      changed: t('progress.checkIn.changed'),
    },
  };
}

function entryOrThrow(ctx: ServerContext, uri: string) {
  const entry = ctx.okrDocument(uri);
  if (!entry) throw new ResponseError(CheckInErrorCode.notOpen, format(ctx.uiLocale(), 'progress.checkIn.notOpen'));
  return entry;
}

export function handleCheckInEdit(ctx: ServerContext, p: CheckInEditParams): CheckInEditResult {
  const locale = ctx.uiLocale();
  const entry = entryOrThrow(ctx, p.uri);
  if (entry.text.version !== p.version) {
    throw new ResponseError(
      CheckInErrorCode.stale,
      format(locale, 'progress.checkIn.stale', { expected: p.version, actual: entry.text.version }),
    );
  }
  const r = checkInEdit(entry.doc, {
    objectiveId: String(p.objectiveId ?? ''),
    krId: String(p.krId ?? ''),
    value: String(p.value ?? ''),
    confidence: typeof p.confidence === 'number' ? p.confidence : null,
    note: typeof p.note === 'string' ? p.note : null,
    date: typeof p.date === 'string' && p.date ? p.date : ctx.today(),
  });
  if (!r.ok) {
    const kr = findKeyResult(entry.doc, String(p.objectiveId), String(p.krId))?.kr ?? null;
    throw new ResponseError(
      CheckInErrorCode.invalid,
      errorMessage(locale, r.error, kr, entry.doc, `${p.objectiveId}.${p.krId}`),
      { error: r.error },
    );
  }
  return { version: entry.text.version, edits: r.edits };
}

export const checkInFeature: ServerFeature = {
  register(ctx) {
    ctx.connection.onRequest(CHECK_IN_EDIT_REQUEST, (p: CheckInEditParams) => handleCheckInEdit(ctx, p));
    ctx.connection.onRequest(CHECK_IN_TARGETS_REQUEST, (p: { uri: string }) => {
      const entry = entryOrThrow(ctx, p.uri);
      return checkInTargets(entry.doc, entry.text.version, ctx.uiLocale());
    });
    ctx.connection.onRequest(
      CHECK_IN_VALIDATE_REQUEST,
      (p: { uri: string; objectiveId: string; krId: string; value: string }): string | null => {
        const entry = entryOrThrow(ctx, p.uri);
        const locale = ctx.uiLocale();
        const found = findKeyResult(entry.doc, String(p.objectiveId), String(p.krId));
        if (!found) return errorMessage(locale, 'not-found', null, entry.doc, `${p.objectiveId}.${p.krId}`);
        if (found.kr.binary) return null;
        if (!String(p.value ?? '').trim()) return errorMessage(locale, 'empty-value', found.kr, entry.doc, '');
        return readsAsCheckIn(entry.doc, found.kr, String(p.value))
          ? null
          : errorMessage(locale, 'unreadable-value', found.kr, entry.doc, '');
      },
    );
  },
};
