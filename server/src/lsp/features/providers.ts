// Multiplexes requests that several features answer (code lenses, hover, completion).
import type { CodeLens, CompletionItem, Hover } from 'vscode-languageserver';
import type { OkrEntry, ServerContext, ServerFeature } from '../context';
import { LensStore } from './lensResolve';

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
    ctx.connection.onCodeLens((params) => {
      const uri = params.textDocument.uri;
      const entry = ctx.okrDocument(uri);
      if (!entry) return lenses.answer(uri, []);
      return lenses.answer(
        uri,
        lensProviders.flatMap((p) => safely<CodeLens[]>(ctx, 'code lens', () => p(entry), [])),
      );
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
