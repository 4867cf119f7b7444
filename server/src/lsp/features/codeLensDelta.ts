// `okr/codeLenses`: the code lenses of a document as our own client asks for them. A small document
// gets its lenses in full, as `textDocument/codeLens` gives them. A big one (above the resolve
// threshold, lensResolve.ts) gets only the lenses' ranges, as runs against the ranges of the last
// answer (objectivesDelta.ts): a keystroke in a 1,000-objective file sends one or two ranges instead
// of 5,000 (0.5 MB of JSON), and an Enter sends runs moved by one line. Lens `i` of an answer
// resolves with `codeLens/resolve` and `data: [key, i]`, exactly as the lenses of
// `textDocument/codeLens` do. Import-free but for types, so the client bundles it.
import type { CodeLens, Command, Range } from 'vscode-languageserver-protocol';
import type { Run } from './objectivesDelta';

export const CODE_LENSES_REQUEST = 'okr/codeLenses';

/** Lines above and below what an editor shows that the client asks titles for (a short scroll). */
export const VIEW_MARGIN = 10;

export interface CodeLensesParams {
  textDocument: { uri: string };
  /** The `resultId` of the last answer for this document the asker kept; `null`: ranges in full. */
  previousResultId: string | null;
  /**
   * The lines the editor shows (each range's start line to its end line, both included): the lenses
   * starting there come with their commands, so they need no `codeLens/resolve` round trip.
   */
  visible?: Range[];
}

export type CodeLensesAnswer =
  /** A small document: every lens with its command. */
  | { lenses: CodeLens[] }
  /**
   * A big document: lens ranges, as entries against `previousResultId`'s (decodeDelta), and the
   * commands of the lenses in `visible`, by index.
   */
  | { resultId: string; key: number; ranges: (Range | Run)[]; commands: [index: number, command: Command][] };

/**
 * `LinesMoved` for ranges: how many lines `now` is `was` moved by, both ends by the same amount and
 * the columns unchanged (then `moveLines(was, d)` rebuilds `now`), or 0.
 */
export function rangeMoved(was: Range, now: Range): number {
  const d = now.start.line - was.start.line;
  return d !== 0 &&
    now.end.line - was.end.line === d &&
    now.start.character === was.start.character &&
    now.end.character === was.end.character
    ? d
    : 0;
}

/** Whether a line lies in one of `visible` (start and end lines included); malformed ranges hold none. */
export function inView(line: number, visible: readonly Range[]): boolean {
  for (const r of visible) if (line >= r?.start?.line && line <= r?.end?.line) return true;
  return false;
}

/** The data that resolves lens `index` of an answer with `key` (see LensStore). */
export function lensData(key: number, index: number): [number, number] {
  return [key, index];
}
