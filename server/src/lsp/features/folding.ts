// Folding: each objective's section, and each key result with its check-ins and notes.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { OkrDocument } from '../../core/index';
import type { ServerFeature } from '../context';

export function foldingRanges(doc: OkrDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (start: number, end: number) => {
    if (end > start) out.push({ startLine: start, endLine: end, kind: FoldingRangeKind.Region });
  };
  const lines = doc.text.split(/\r\n|\n|\r/);
  doc.objectives.forEach((o, i) => {
    // A section ends where the next one starts; keep the blank lines before it outside the fold.
    let end = Math.max(o.sectionRange.end.line, o.range.end.line);
    const next = doc.objectives[i + 1];
    if (next && end >= next.range.start.line) end = next.range.start.line - 1;
    while (end > o.range.start.line && (lines[end] ?? '').trim() === '') end--;
    add(o.range.start.line, end);
    for (const kr of o.keyResults) add(kr.range.start.line, kr.fullRange.end.line);
  });
  return out;
}

export const foldingFeature: ServerFeature = {
  capabilities: () => ({ foldingRangeProvider: true }),
  register(ctx) {
    ctx.connection.onFoldingRanges((params) => {
      const entry = ctx.okrDocument(params.textDocument.uri);
      return entry ? foldingRanges(entry.doc) : [];
    });
  },
};
