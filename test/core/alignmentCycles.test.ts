// The alignment graph's loops (workspace/alignment.ts `findCycles`) against a textbook recursive
// Tarjan over the graph's own nodes and parent edges: the same components, with the same members in
// the same order, in the same order, on random workspaces full of loops, links to themselves, to key
// results, whole files and missing files.
import { strict as assert } from 'node:assert';
import type { AlignmentGraph } from '../../server/src/core/workspace/alignment';
import { randomWorkspace } from './randomWorkspace';

/** Recursive Tarjan over the nodes in the map's order, successors in the order of each node's parents. */
function referenceCycles(g: AlignmentGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;
  const succ = (k: string) =>
    g.nodes
      .get(k)!
      .parents.map((e) => e.to)
      .filter((t): t is string => t !== null && g.nodes.has(t));
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of succ(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const comp: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      comp.push(w);
    } while (w !== v);
    if (comp.length > 1 || succ(v).includes(v)) out.push(comp.reverse());
  };
  for (const k of g.nodes.keys()) if (!index.has(k)) visit(k);
  return out;
}

describe('alignment loops (findCycles)', () => {
  it('finds what a textbook Tarjan finds, in the same order, on random workspaces', () => {
    let loops = 0;
    let selfLoops = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const g = randomWorkspace(seed, 5 + (seed % 40)).alignment();
      const expected = referenceCycles(g);
      assert.deepEqual(g.cycles, expected, `seed ${seed}`);
      for (const n of g.nodes.values())
        assert.equal(
          n.inCycle,
          expected.some((c) => c.includes(n.key)),
          `seed ${seed}: ${n.key}`,
        );
      loops += expected.length;
      selfLoops += expected.filter((c) => c.length === 1).length;
    }
    // Not a test that passes on graphs without loops.
    assert.ok(loops > 300, `${loops} loops`);
    assert.ok(selfLoops > 30, `${selfLoops} loops of one objective`);
  });
  it("okr check's search without the graph finds the graph's broken-link and loop files", () => {
    let broken = 0;
    let looped = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const index = randomWorkspace(seed, 5 + (seed % 40));
      // Asked first, before anything builds the graph: the search of its own.
      const found = index.linkProblems();
      const g = index.alignment();
      const expected = {
        broken: new Set(
          g.edges.filter((e) => e.status !== 'ok' && e.status !== 'external').map((e) => g.nodes.get(e.from)!.uri),
        ),
        looped: new Set(g.cycles.flatMap((c) => c.map((k) => g.nodes.get(k)!.uri))),
      };
      assert.deepEqual(found, expected, `seed ${seed}`);
      // Asked again once the graph exists: the same sets (the search does not depend on it).
      assert.deepEqual(index.linkProblems(), expected, `seed ${seed}, after the graph`);
      broken += expected.broken.size;
      looped += expected.looped.size;
    }
    assert.ok(broken > 300 && looped > 300, `${broken} files with broken links, ${looped} with loops`);
  });
});
