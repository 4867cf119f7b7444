// Pairs the pieces of a new version of a text (sections, guard chunks) with the previous version's,
// by their text. An edit leaves the pieces before and after it as they were: those are paired in
// order (one string comparison each, no hashing of the whole text), the rest by text.

export interface Keyed<V> {
  key: string;
  value: V;
}

/** For each key, the value of a previous piece with that key, or undefined; each given once. */
export function pairWithPrevious<V>(prev: readonly Keyed<V>[], keys: readonly string[]): (V | undefined)[] {
  const n = keys.length;
  const out: (V | undefined)[] = new Array(n);
  let a = 0;
  while (a < n && a < prev.length && prev[a].key === keys[a]) {
    out[a] = prev[a].value;
    a++;
  }
  let b = 0;
  while (b < n - a && b < prev.length - a && prev[prev.length - 1 - b].key === keys[n - 1 - b]) {
    out[n - 1 - b] = prev[prev.length - 1 - b].value;
    b++;
  }
  if (a + b < n) {
    const byKey = new Map<string, V[]>();
    for (let k = a; k < prev.length - b; k++) {
      const list = byKey.get(prev[k].key);
      if (list) list.push(prev[k].value);
      else byKey.set(prev[k].key, [prev[k].value]);
    }
    for (let k = a; k < n - b; k++) out[k] = byKey.get(keys[k])?.shift();
  }
  return out;
}
