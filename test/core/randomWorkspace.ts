// Random linked workspaces for the alignment tests: levels, objectives aligned to 0-3 targets
// (objectives, key results, whole files, missing files, objectives of the same file, itself
// included), so loops of every length.
import { parseOkr, WorkspaceIndex } from '../../server/src/core/index';

export const RANDOM_ROOT = 'file:///ws';

/** A random workspace: levels, objectives aligned to 0-3 targets (objectives, key results, whole files, missing ones). */
export function randomWorkspace(seed: number, files: number): WorkspaceIndex {
  let state = seed;
  const rnd = (n: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % n;
  };
  const levels = ['company', 'department', 'team', 'individual'];
  const index = new WorkspaceIndex([RANDOM_ROOT]);
  for (let f = 0; f < files; f++) {
    const lines = [`---\nlevel: ${levels[Math.min(3, rnd(5))]}\nowner: P${f}\n---`];
    const objectives = 1 + rnd(3);
    for (let o = 1; o <= objectives; o++) {
      lines.push(`## O${o}: Goal ${f}.${o}`);
      const links: string[] = [];
      for (let k = rnd(4); k > 0; k--) {
        const t = rnd(files);
        const kind = rnd(10);
        const href =
          kind < 6
            ? `f${t}.okr.md#o${1 + rnd(3)}`
            : kind < 7
              ? `f${t}.okr.md#o1.kr1`
              : kind < 8
                ? `f${t}.okr.md`
                : kind < 9
                  ? `missing${t}.okr.md#o1`
                  : `#o${1 + rnd(4)}`;
        links.push(`[to ${t}](${href})`);
      }
      if (links.length) lines.push('', `Aligns to: ${links.join(' ')}`, '');
      lines.push(`- KR1: Things from 0 to ${1 + rnd(9)}`, `  - 2026-11-0${1 + rnd(8)}: ${rnd(10)}`);
    }
    index.set(parseOkr(`${lines.join('\n')}\n`, `${RANDOM_ROOT}/f${f}.okr.md`, 1));
  }
  return index;
}
