// Multiplexes requests that several features answer (code lenses, hover, completion).
import type { CodeLens, CompletionItem, Hover } from 'vscode-languageserver';
import type { OkrEntry, ServerContext, ServerFeature } from '../context';

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
    codeLensProvider: { resolveProvider: false },
    hoverProvider: true,
    completionProvider: { triggerCharacters: ['(', '#', '@', ':', '：', '/'] },
  }),
  register(ctx) {
    ctx.connection.onCodeLens((params) => {
      const entry = ctx.okrDocument(params.textDocument.uri);
      if (!entry) return [];
      return lensProviders.flatMap((p) => safely<CodeLens[]>(ctx, 'code lens', () => p(entry), []));
    });
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
