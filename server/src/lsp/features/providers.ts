// Multiplexes requests that several features answer (code lenses, hover, completion).
import type { CodeLens, Command, CompletionItem, Hover, Range } from 'vscode-languageserver';
import type { OkrEntry, ServerContext, ServerFeature } from '../context';
import { CODE_LENSES_REQUEST, inView, rangeMoved, type CodeLensesAnswer, type CodeLensesParams } from './codeLensDelta';
import { LensStore } from './lensResolve';
import { DeltaAnswers } from './objectivesDelta';

type LensP = Parameters<ServerContext['addCodeLensProvider']>[0];
type HoverP = Parameters<ServerContext['addHoverProvider']>[0];
type CompletionP = Parameters<ServerContext['addCompletionProvider']>[0];

export const lensProviders: LensP[] = [];
export const hoverProviders: HoverP[] = [];
export const completionProviders: CompletionP[] = [];

function safely<T>(ctx: ServerContext, what: string, fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (e) {
    ctx.connection.console.error(`okr: ${what} failed: ${(e as Error)?.stack ?? e}`);
    return fallback;
  }
}

export const providersFeature: ServerFeature = {
  capabilities: () => ({
    codeLensProvider: { resolveProvider: true },
    hoverProvider: true,
    completionProvider: { triggerCharacters: ['(', '#', '@', ':', '：', '/'] },
  }),
  register(ctx) {
    // Big files: lenses without commands, resolved when the editor shows them (lensResolve.ts).
    const lenses = new LensStore();
    ctx.documents.onDidClose((e) => lenses.drop(e.document.uri));
    const lensesOf = (uri: string): CodeLens[] => {
      const entry = ctx.okrDocument(uri);
      if (!entry) return [];
      // concat, not flatMap: flatMap took 0.5 ms to join a big file's 6,000 lenses, concat 5 µs.
      let all: CodeLens[] = [];
      for (const p of lensProviders) all = all.concat(safely<CodeLens[]>(ctx, 'code lens', () => p(entry), []));
      return all;
    };
    ctx.connection.onCodeLens((params) => lenses.answer(params.textDocument.uri, lensesOf(params.textDocument.uri)));
    // Our own client's request (codeLensDelta.ts): big documents' ranges as runs against the last
    // answer. Each document keeps its own last answers: two editors side by side ask in turn.
    const rangeAnswers = new Map<string, DeltaAnswers<Range>>();
    ctx.documents.onDidClose((e) => rangeAnswers.delete(e.document.uri));
    ctx.connection.onRequest<CodeLensesAnswer, never>(CODE_LENSES_REQUEST, (p: unknown): CodeLensesAnswer => {
      const params = p as Partial<CodeLensesParams> | null;
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string') return { lenses: [] };
      const all = lensesOf(uri);
      const key = lenses.keep(uri, all);
      if (key === undefined) {
        rangeAnswers.delete(uri);
        return { lenses: all };
      }
      let answers = rangeAnswers.get(uri);
      // Three: a request the editor cancelled still took an id, and the asker's base must survive it.
      if (!answers) rangeAnswers.set(uri, (answers = new DeltaAnswers<Range>(3, rangeMoved)));
      const { resultId, items } = answers.answer(
        all.map((l) => l.range),
        params?.previousResultId,
      );
      // The lenses on screen with their commands: no resolve round trip before their titles show.
      const visible = Array.isArray(params?.visible) ? params.visible : [];
      const commands: [number, Command][] = [];
      if (visible.length) {
        all.forEach((l, i) => {
          if (l.command && inView(l.range.start.line, visible)) commands.push([i, l.command]);
        });
      }
      return { resultId, key, ranges: items, commands };
    });
    ctx.connection.onCodeLensResolve((lens) =>
      safely(ctx, 'code lens resolve', () => lenses.resolve(lens), { ...lens, command: { title: '', command: '' } }),
    );
    ctx.connection.onHover((params) => {
      const entry: OkrEntry | undefined = ctx.okrDocument(params.textDocument.uri);
      if (!entry) return null;
      for (const p of hoverProviders) {
        const h = safely<Hover | null>(ctx, 'hover', () => p(entry, params.position, params), null);
        if (h) return h;
      }
      return null;
    });
    ctx.connection.onCompletion((params) => {
      const entry = ctx.okrDocument(params.textDocument.uri);
      if (!entry) return [];
      return completionProviders.flatMap((p) =>
        safely<CompletionItem[]>(ctx, 'completion', () => p(entry, params.position, params), []),
      );
    });
  },
};
