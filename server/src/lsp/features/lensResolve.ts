// Code lenses of big files go out without their commands: a 1,000-objective file has 5,000 lenses
// and their titles were half of the JSON sent per keystroke. Editors ask `codeLens/resolve` only for
// the lenses they show, so the titles of the visible ones are all that crosses the wire. Lenses that
// come with a command are never resolved, so small files are answered exactly as before.
import type { CodeLens, Range } from 'vscode-languageserver';
import { lensData } from './codeLensDelta';

/** Above this many lenses in a document, lenses are sent without commands and resolved on demand. */
export const LENS_RESOLVE_THRESHOLD = 200;

/** OKR_LENS_RESOLVE_THRESHOLD (read at start) overrides it; tests use it to get the full list of a big file. */
export function lensResolveThreshold(): number {
  const env = typeof process === 'undefined' ? undefined : process.env?.OKR_LENS_RESOLVE_THRESHOLD;
  const n = Number.parseInt(env ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? n : LENS_RESOLVE_THRESHOLD;
}

/** How many earlier answers of a document a late resolve may still refer to. */
const EARLIER_ANSWERS = 3;

/**
 * The lenses last computed for each open document, for `codeLens/resolve`. Each answer gets a key
 * (a small integer, since the resolve request carries no URI); a lens's `data` is `[key, index]`.
 * Only the latest answer's lenses are kept: a resolve of an earlier one (the editor has not asked
 * again since the last edit) is answered from the latest list when that has as many lenses, i.e.
 * the edit added or removed no objective, key result or alignment; otherwise with an empty title,
 * which the editor replaces when it asks for the lenses of the new version.
 */
export class LensStore {
  // Not 1: a lens of a server that was restarted meanwhile must not name a key of this one.
  private nextKey = 1 + Math.floor(Math.random() * 1e6);
  private readonly byUri = new Map<string, { key: number; lenses: CodeLens[]; earlier: number[] }>();
  /** Every live key: its document and how many lenses that answer had. */
  private readonly keys = new Map<number, { uri: string; count: number }>();

  constructor(readonly threshold = lensResolveThreshold()) {}

  /** What to send for a document's lenses: the list itself when small, else ranges and `data` only. */
  answer(uri: string, lenses: CodeLens[]): CodeLens[] {
    const key = this.keep(uri, lenses);
    return key === undefined ? lenses : lenses.map((l, i) => ({ range: l.range, data: lensData(key, i) }));
  }

  /**
   * Keeps a big document's lenses for `codeLens/resolve` and returns the key of this answer (lens i
   * resolves with `lensData(key, i)`); a small document's: undefined, they go out with commands.
   */
  keep(uri: string, lenses: CodeLens[]): number | undefined {
    if (lenses.length <= this.threshold) {
      this.drop(uri);
      return undefined;
    }
    const key = this.nextKey++;
    const old = this.byUri.get(uri);
    const earlier = old ? [old.key, ...old.earlier] : [];
    for (const k of earlier.splice(EARLIER_ANSWERS)) this.keys.delete(k);
    this.byUri.set(uri, { key, lenses, earlier });
    this.keys.set(key, { uri, count: lenses.length });
    return key;
  }

  /** The full lens for a lens of an answer; never throws, always a lens with a command. */
  resolve(lens: CodeLens): CodeLens {
    const range = validRange(lens?.range);
    const data: unknown = lens?.data;
    const [key, index] = Array.isArray(data) ? data : [];
    if (!Number.isInteger(key) || !Number.isInteger(index) || index < 0) return placeholder(range);
    const live = this.keys.get(key);
    const latest = live && this.byUri.get(live.uri);
    if (!live || !latest) return placeholder(range);
    const full = latest.lenses[index];
    if (!full) return placeholder(range);
    if (key === latest.key) return full;
    // An earlier answer with the same shape: lens i is still the same objective's or key result's.
    if (live.count === latest.lenses.length && full.command) return { range, command: full.command };
    return placeholder(range);
  }

  /** Forgets a document's lenses (closed, or small again). */
  drop(uri: string): void {
    const s = this.byUri.get(uri);
    if (!s) return;
    for (const k of [s.key, ...s.earlier]) this.keys.delete(k);
    this.byUri.delete(uri);
  }

  /** For tests: how many documents have lenses kept. */
  get size(): number {
    return this.byUri.size;
  }
}

function placeholder(range: Range): CodeLens {
  return { range, command: { title: '', command: '' } };
}

function validRange(r: Range | undefined): Range {
  const ok = (p: unknown) =>
    !!p && Number.isInteger((p as { line: unknown }).line) && Number.isInteger((p as { character: unknown }).character);
  if (r && ok(r.start) && ok(r.end)) return r;
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
