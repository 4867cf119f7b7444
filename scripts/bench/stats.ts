// What every bench script shares about timing: the untimed warm-up and the median and p95. Its own
// module, so that a script measuring another process (server.ts) does not load the whole bench.

/** Keystrokes sent before the timed ones in every edit loop (in process and over LSP). */
export const WARM_UP = 20;

export interface Stats {
  median: number;
  p95: number;
  runs: number;
}

export function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  return { median: at(0.5), p95: at(0.95), runs: s.length };
}
