import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import type { OkrDocument } from '../../core/index';
import { format, type Locale } from '../../core/messages';
import { assessKr, assessObjective, elapsedOf, type KrAssessment } from '../../core/progress';
import type { ServerFeature } from '../context';

function pct(p: number | null): string {
  return p === null ? '' : `${Math.round(p * 100)}%`;
}

/** `67% · on track` (the status only when the file has a period). */
function detail(a: KrAssessment, locale: Locale): string {
  if (a.progress === null) return '';
  return a.status ? `${pct(a.progress)} · ${format(locale, `progress.status.${a.status}`)}` : pct(a.progress);
}

/** Outline: objectives with their key results, progress and pace status as the detail. */
export function documentSymbols(doc: OkrDocument, today?: string, locale: Locale = 'en'): DocumentSymbol[] {
  const elapsed = today ? elapsedOf(doc.period, today) : null;
  return doc.objectives.map((o) => ({
    name: `${o.id}: ${o.title || '…'}`,
    detail: detail(assessObjective(o, elapsed), locale),
    kind: SymbolKind.Class,
    range:
      o.sectionRange.end.line >= o.range.start.line
        ? { start: o.range.start, end: maxEnd(o.sectionRange.end, o.range.end) }
        : o.range,
    selectionRange: o.titleRange,
    children: o.keyResults.map((k) => ({
      name: `${k.id}: ${k.title || '…'}`,
      detail: detail(assessKr(k, o, elapsed), locale),
      kind: SymbolKind.Field,
      range: k.fullRange,
      selectionRange: k.titleRange,
    })),
  }));
}

function maxEnd(a: DocumentSymbol['range']['end'], b: DocumentSymbol['range']['end']) {
  return a.line > b.line || (a.line === b.line && a.character >= b.character) ? a : b;
}

/** The query's characters appear in order (how editors filter workspace symbols). */
function fuzzy(text: string, q: string): boolean {
  let i = 0;
  for (const ch of text) if (ch === q[i] && ++i === q.length) return true;
  return i === q.length;
}

/** Objectives of every indexed OKR file whose ID and title, or owner, match the query (case-insensitive). */
export function workspaceSymbols(docs: OkrDocument[], query: string, limit = 500): SymbolInformation[] {
  const q = query.trim().toLowerCase();
  const out: SymbolInformation[] = [];
  for (const doc of docs) {
    if (doc.skipped) continue;
    for (const o of doc.objectives) {
      const name = `${o.id}: ${o.title || '…'}`;
      const owner = o.owner ?? doc.owner ?? '';
      if (q && !fuzzy(name.toLowerCase(), q) && !fuzzy(owner.toLowerCase(), q)) continue;
      out.push({
        name,
        kind: SymbolKind.Class,
        location: { uri: doc.uri, range: o.range },
        containerName: [owner, pct(o.progress)].filter(Boolean).join(' · '),
      });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

export const symbolsFeature: ServerFeature = {
  capabilities: () => ({ documentSymbolProvider: true, workspaceSymbolProvider: true }),
  register(ctx) {
    ctx.connection.onDocumentSymbol((params) => {
      const entry = ctx.okrDocument(params.textDocument.uri);
      return entry ? documentSymbols(entry.doc, ctx.today(), ctx.uiLocale()) : [];
    });
    ctx.connection.onWorkspaceSymbol((params) => workspaceSymbols(ctx.index.all(), params.query));
  },
};
