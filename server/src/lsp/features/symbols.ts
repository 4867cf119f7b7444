import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type { OkrDocument } from '../../core/index';
import type { ServerFeature } from '../context';

function pct(p: number | null): string {
  return p === null ? '' : `${Math.round(p * 100)}%`;
}

/** Outline: objectives with their key results, progress as the detail. */
export function documentSymbols(doc: OkrDocument): DocumentSymbol[] {
  return doc.objectives.map((o) => ({
    name: `${o.id}: ${o.title || '…'}`,
    detail: pct(o.progress),
    kind: SymbolKind.Class,
    range:
      o.sectionRange.end.line >= o.range.start.line
        ? { start: o.range.start, end: maxEnd(o.sectionRange.end, o.range.end) }
        : o.range,
    selectionRange: o.titleRange,
    children: o.keyResults.map((k) => ({
      name: `${k.id}: ${k.title || '…'}`,
      detail: pct(k.progress),
      kind: SymbolKind.Field,
      range: k.fullRange,
      selectionRange: k.titleRange,
    })),
  }));
}

function maxEnd(a: DocumentSymbol['range']['end'], b: DocumentSymbol['range']['end']) {
  return a.line > b.line || (a.line === b.line && a.character >= b.character) ? a : b;
}

export const symbolsFeature: ServerFeature = {
  capabilities: () => ({ documentSymbolProvider: true }),
  register(ctx) {
    ctx.connection.onDocumentSymbol((params) => {
      const entry = ctx.okrDocument(params.textDocument.uri);
      return entry ? documentSymbols(entry.doc) : [];
    });
  },
};
