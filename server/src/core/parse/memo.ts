// Per-document memory of the model builder's line-local work, from one version to the next. A key
// result is a pure function of its lines (text from the start of its first line to its end), the
// document's language and the line it starts on; keyed by the first two, a result from the
// previous version is reused as is on the same line and copied with its lines shifted on another
// (an Enter above it). Only the numbering that depends on earlier items is redone. Proven equal to
// a fresh build by test/core/buildMemo.test.ts.

interface Entry {
  line: number;
  value: unknown;
}

export class BuildMemo {
  private prev = new Map<string, Entry>();
  private next = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  /** Starts a build: entries the previous build used stay available. */
  begin(): void {
    this.hits = 0;
    this.misses = 0;
  }

  /** Ends a build: what it did not use is dropped, so memory follows the document. */
  end(): void {
    this.prev = this.next;
    this.next = new Map();
  }

  get<T>(key: string, line: number): T | undefined {
    // A second item with the same text in one version is built afresh: results are never shared
    // within a document.
    const e = this.next.has(key) ? undefined : this.prev.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    this.prev.delete(key);
    const value = (e.line === line ? e.value : shiftLines(e.value, line - e.line)) as T;
    this.next.set(key, { line, value });
    this.hits++;
    return value;
  }

  put(key: string, line: number, value: unknown): void {
    if (!this.next.has(key)) this.next.set(key, { line, value });
  }
}

/** A deep copy with every position's line moved by `delta` (positions are `{ line, character }`). */
export function shiftLines<T>(value: T, delta: number): T {
  return copy(value, delta) as T;
}

function copy(v: unknown, delta: number): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => copy(x, delta));
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) out[k] = copy(o[k], delta);
  if (typeof o.line === 'number' && typeof o.character === 'number') out.line = (o.line as number) + delta;
  return out;
}
