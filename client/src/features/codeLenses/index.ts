// Code lenses asked as `okr/codeLenses` (server/src/lsp/features/codeLensDelta.ts) instead of
// `textDocument/codeLens`: for a big document only the ranges that changed since the last answer
// travel, which is most of what a keystroke in a 1,000-objective file cost over the wire. The lenses
// on screen come with their commands; the others resolve with the standard `codeLens/resolve`, as
// the server's other lenses do, when they are scrolled to.
import * as vscode from 'vscode';
import {
  CodeLensRequest,
  CodeLensResolveRequest,
  type LanguageClient,
  type Middleware,
  type Range,
} from 'vscode-languageclient/node';
import {
  CODE_LENSES_REQUEST,
  lensData,
  VIEW_MARGIN,
  type CodeLensesAnswer,
  type CodeLensesParams,
} from '../../../../server/src/lsp/features/codeLensDelta';
import { decodeDelta } from '../../../../server/src/lsp/features/objectivesDelta';

interface Base {
  client: LanguageClient;
  resultId: string;
  ranges: Range[];
}

export function codeLensMiddleware(
  getClient: () => LanguageClient | undefined,
  subscriptions: vscode.Disposable[],
): Middleware {
  // A lens of a big document, resolved by the server from `data`. Declared here, not when the
  // bundle loads: `vscode.CodeLens` is only read once the client starts.
  class DeltaLens extends vscode.CodeLens {
    constructor(
      range: vscode.Range,
      readonly data: [number, number],
    ) {
      super(range);
    }
  }
  // The last answer per document, to decode the next one against; dropped with the document.
  const bases = new Map<string, Base>();
  // Ranges left unchanged by an answer are the same objects: each is converted once.
  const converted = new WeakMap<Range, vscode.Range>();
  subscriptions.push(vscode.workspace.onDidCloseTextDocument((d) => bases.delete(d.uri.toString())));

  const provideCodeLenses: Middleware['provideCodeLenses'] = async (document, token, next) => {
    const client = getClient();
    if (!client) return next(document, token);
    const key = document.uri.toString();
    const uri = client.code2ProtocolConverter.asUri(document.uri);
    // The base this answer is decoded against, taken now: another request may answer first.
    const base = bases.get(key)?.client === client ? bases.get(key) : undefined;
    // What the editors of this document show, a few lines more each way (a short scroll): those
    // lenses come with their titles.
    const visible = vscode.window.visibleTextEditors
      .filter((e) => e.document === document)
      .flatMap((e) => e.visibleRanges)
      .map((r) => ({
        start: { line: Math.max(0, r.start.line - VIEW_MARGIN), character: 0 },
        end: { line: r.end.line + VIEW_MARGIN, character: 0 },
      }));
    const ask = (previousResultId: string | null) =>
      client.sendRequest<CodeLensesAnswer>(
        CODE_LENSES_REQUEST,
        { textDocument: { uri }, previousResultId, visible } satisfies CodeLensesParams,
        token,
      );
    // A small document's answer: every lens in full, and no base kept for it.
    const full = (answer: Extract<CodeLensesAnswer, { lenses: unknown }>) => {
      bases.delete(key);
      return client.protocol2CodeConverter.asCodeLenses(answer.lenses, token);
    };
    try {
      let answer = await ask(base?.resultId ?? null);
      if (token.isCancellationRequested) return null;
      if ('lenses' in answer) return full(answer);
      let ranges: Range[];
      try {
        ranges = decodeDelta(answer.ranges, base?.ranges);
      } catch {
        // Runs against ranges this client does not hold (a lost answer): ask for all of them.
        answer = await ask(null);
        if ('lenses' in answer) return full(answer);
        ranges = decodeDelta(answer.ranges);
      }
      bases.set(key, { client, resultId: answer.resultId, ranges });
      const lensKey = answer.key;
      const lenses = ranges.map((r, i) => {
        let range = converted.get(r);
        if (!range) converted.set(r, (range = client.protocol2CodeConverter.asRange(r)));
        return new DeltaLens(range, lensData(lensKey, i));
      });
      for (const [i, command] of answer.commands ?? []) {
        if (lenses[i]) lenses[i].command = client.protocol2CodeConverter.asCommand(command);
      }
      return lenses;
    } catch (error) {
      return client.handleFailedRequest(CodeLensRequest.type, token, error, null);
    }
  };

  const resolveCodeLens: Middleware['resolveCodeLens'] = async (lens, token, next) => {
    const client = getClient();
    if (!(lens instanceof DeltaLens) || !client) return next(lens, token);
    try {
      const result = await client.sendRequest(
        CodeLensResolveRequest.type,
        { range: client.code2ProtocolConverter.asRange(lens.range), data: lens.data },
        token,
      );
      if (token.isCancellationRequested || !result?.command) return lens;
      lens.command = client.protocol2CodeConverter.asCommand(result.command);
      return lens;
    } catch (error) {
      return client.handleFailedRequest(CodeLensResolveRequest.type, token, error, lens);
    }
  };

  return { provideCodeLenses, resolveCodeLens };
}
