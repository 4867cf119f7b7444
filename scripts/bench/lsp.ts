// End to end over a real JSON-RPC connection to dist/server.js: open a file, apply one-character
// edits, and time each until the diagnostics of that version, the code lenses (those in view
// resolved) and the objectives tree data have all arrived, each asked as our VS Code client asks.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeLens, Range } from 'vscode-languageserver-protocol';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { ObjectiveInfo } from '../../server/src/lsp/features/objectives';
import type { GroupAnswer, GroupsAnswer, ObjectiveGroupsParams } from '../../server/src/lsp/features/objectiveGroups';
import {
  CODE_LENSES_REQUEST,
  lensData,
  VIEW_MARGIN,
  type CodeLensesAnswer,
  type CodeLensesParams,
} from '../../server/src/lsp/features/codeLensDelta';
import { decodeDelta } from '../../server/src/lsp/features/objectivesDelta';
import { startServer, type TestServer } from '../../test/lsp/lspClient';

/** Lines an editor shows: the lenses it resolves after each answer. */
const VIEWPORT_LINES = 60;

/** The first line of the viewport around an edited line: 20 lines above it. */
const viewportStart = (line: number) => Math.max(0, line - 20);

/** Resolves the lenses without a command in the viewport, as an editor does after each answer. */
function resolveInView(server: TestServer, lenses: CodeLens[], line: number): Promise<CodeLens[]> {
  const first = viewportStart(line);
  return Promise.all(
    lenses.map((l) =>
      !l.command && l.range.start.line >= first && l.range.start.line < first + VIEWPORT_LINES
        ? (server.connection.sendRequest('codeLens/resolve', l) as Promise<CodeLens>)
        : l,
    ),
  );
}

/**
 * What an editor with a plain LSP client does for lenses after an edit: ask `textDocument/codeLens`
 * for the document's lenses, then resolve the ones without a command (big files, see
 * server/src/lsp/features/lensResolve.ts) that are in the viewport, here the 60 lines from 20 above
 * the edited line.
 */
export async function lensesAsAnEditorAsks(server: TestServer, uri: string, line: number): Promise<CodeLens[]> {
  const lenses = (await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as
    CodeLens[] | null;
  return resolveInView(server, lenses ?? [], line);
}

/**
 * What our VS Code client does (client/src/features/codeLenses): ask `okr/codeLenses` with the last
 * answer's `resultId` and the lines in view, and decode the ranges against the ones it kept; the
 * lenses in view come with their commands.
 */
export function lensesAsOurClientAsks(server: TestServer): (uri: string, line: number) => Promise<CodeLens[]> {
  const bases = new Map<string, { resultId: string; ranges: Range[] }>();
  return async (uri, line) => {
    const base = bases.get(uri);
    const first = viewportStart(line);
    const answer: CodeLensesAnswer = await server.connection.sendRequest(CODE_LENSES_REQUEST, {
      textDocument: { uri },
      previousResultId: base?.resultId ?? null,
      // The viewport and the margin around it, as the client sends them.
      visible: [
        {
          start: { line: Math.max(0, first - VIEW_MARGIN), character: 0 },
          end: { line: first + VIEWPORT_LINES - 1 + VIEW_MARGIN, character: 0 },
        },
      ],
    } satisfies CodeLensesParams);
    if ('lenses' in answer) return resolveInView(server, answer.lenses, line);
    const ranges = decodeDelta(answer.ranges, base?.ranges);
    bases.set(uri, { resultId: answer.resultId, ranges });
    const lenses: CodeLens[] = ranges.map((range, i) => ({ range, data: lensData(answer.key, i) }));
    for (const [i, command] of answer.commands) lenses[i].command = command;
    // Those in view came with their commands: nothing is left to resolve there.
    return resolveInView(server, lenses, line);
  };
}

/**
 * The Objectives view as our client asks it after each change (client/src/features/objectivesView):
 * the groups by owner, with their objectives when the server sends them along, else with every group
 * open, and every file of a group split by file, each as a delta against its last answer.
 */
export function objectivesAsTheViewAsks(connection: ProtocolConnection): () => Promise<ObjectiveInfo[]> {
  const bases = new Map<string, { resultId: string; items: ObjectiveInfo[] }>();
  const open = async (params: ObjectiveGroupsParams): Promise<ObjectiveInfo[]> => {
    const key = JSON.stringify(params);
    const base = bases.get(key);
    const answer: GroupAnswer = await connection.sendRequest('okr/objectiveGroups', {
      ...params,
      previousResultId: base?.resultId ?? null,
    });
    if ('files' in answer) {
      const out: ObjectiveInfo[] = [];
      for (const f of answer.files) out.push(...(await open({ ...params, file: f.value ?? '' })));
      return out;
    }
    const items = decodeDelta(answer.items, base?.items);
    bases.set(key, { resultId: answer.resultId, items });
    return items;
  };
  let base: { resultId: string; items: ObjectiveInfo[] } | undefined;
  return async () => {
    const answer: GroupsAnswer = await connection.sendRequest('okr/objectiveGroups', {
      groupBy: 'owner',
      previousResultId: base?.resultId ?? null,
    });
    if (answer.items && answer.resultId) {
      const items = decodeDelta(answer.items, base?.items);
      base = { resultId: answer.resultId, items };
      return items;
    }
    // VS Code asks for the children of every open node at once.
    return (await Promise.all(answer.groups.map((g) => open({ groupBy: 'owner', group: g.value })))).flat();
  };
}

export interface LspTiming {
  openMs: number;
  edits: number[];
}

export interface LspEditOptions {
  edits: number;
  incremental: boolean;
  seed?: number;
  /** Edits sent and waited for first, not timed (the server's JIT warms up). */
  warm?: number;
  /** Other files of the workspace, by name, written beside it (the files its links point to). */
  others?: Record<string, string>;
  /** How lenses are asked: as our VS Code client does (default), or as a plain LSP client does. */
  lenses?: 'ours' | 'standard';
}

export async function lspEdits(
  dir: string,
  name: string,
  text: string,
  { edits, incremental, seed = 3, warm = 0, others = {}, lenses = 'ours' }: LspEditOptions,
): Promise<LspTiming> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, text);
  for (const [other, content] of Object.entries(others)) writeFileSync(path.join(dir, other), content);
  const root = pathToFileURL(dir).toString();
  const uri = pathToFileURL(file).toString();
  const before = process.env.OKR_INCREMENTAL_PARSE;
  process.env.OKR_INCREMENTAL_PARSE = incremental ? '1' : '0';
  const server = await startServer(root, { today: '2026-11-23', validate: { debounceMs: 0 } });
  process.env.OKR_INCREMENTAL_PARSE = before;
  const askObjectives = objectivesAsTheViewAsks(server.connection);
  const ourLenses = lensesAsOurClientAsks(server);
  const askLenses = (line: number) =>
    lenses === 'ours' ? ourLenses(uri, line) : lensesAsAnEditorAsks(server, uri, line);
  // The server tells when its workspace index changed (debounced): after that, links resolve.
  const indexed = new Promise<void>((resolve) => server.connection.onNotification('okr/didChangeIndex', resolve));
  try {
    const lines = text.split('\n');
    const krLines = lines.map((l, i) => (/^\s*- /.test(l) ? i : -1)).filter((i) => i >= 0);
    let s = performance.now();
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
    await server.diagnostics(uri, 1, 600000);
    const openMs = performance.now() - s;
    if (Object.keys(others).length) await indexed;
    const out: number[] = [];
    let state = seed;
    for (let v = 2; v < edits + warm + 2; v++) {
      state = (state * 1103515245 + 12345) >>> 0;
      const line = krLines[state % krLines.length];
      const character = lines[line].length;
      lines[line] += 'x';
      s = performance.now();
      server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'x' }],
      });
      await Promise.all([server.diagnostics(uri, v, 600000), askLenses(line), askObjectives()]);
      if (v >= warm + 2) out.push(performance.now() - s);
    }
    return { openMs, edits: out };
  } finally {
    await server.stop();
  }
}
