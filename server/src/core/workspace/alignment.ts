// The alignment graph over the workspace: objective -> parents (objectives, key results or whole
// files), children, cycles, orphans and contributing progress. Pure data built from the index's
// per-document link targets; the index rebuilds it lazily after a change.
import type { AlignmentLink, KeyResult, Level, Objective, OkrDocument } from '../model';
import { findFragment } from './index';

/** Where one alignment link points, computed once per document version (no other document needed). */
export interface OutLink {
  /** Index of the linking objective in its document. */
  objectiveIndex: number;
  link: AlignmentLink;
  /** Normalised target file, or null for web addresses and paths outside the workspace. */
  targetUri: string | null;
  fragment: string;
  external: 'external' | 'outside' | null;
}

export interface ObjectiveNode {
  /** `uri#index`: unique even when a file repeats an ID. */
  key: string;
  uri: string;
  doc: OkrDocument;
  objective: Objective;
  index: number;
  level: Level | null;
  /** Resolved links upward (objective or key result or whole file). */
  parents: AlignmentEdge[];
  /** Resolved links from objectives that align to this one or to one of its key results. */
  children: AlignmentEdge[];
  /** Links that resolve to nothing. */
  broken: AlignmentEdge[];
  /** Mean progress of the aligned children (their own progress), or null when none has any. */
  contributing: number | null;
  inCycle: boolean;
  /** Below company level, with no resolved link upward. */
  orphan: boolean;
}

export interface AlignmentEdge {
  from: string;
  /** Node key of the target objective, or null for a whole-file target or a broken link. */
  to: string | null;
  toUri: string | null;
  keyResult: KeyResult | null;
  link: AlignmentLink;
  status: 'ok' | 'no-file' | 'no-target' | 'outside' | 'external';
}

export interface AlignmentGraph {
  nodes: Map<string, ObjectiveNode>;
  edges: AlignmentEdge[];
  /** Objectives aligned to a file as a whole, by target file. */
  fileChildren: Map<string, AlignmentEdge[]>;
  /** Each loop's node keys (strongly connected components with a loop). */
  cycles: string[][];
}

export function nodeKey(uri: string, index: number): string {
  return `${uri}#${index}`;
}

/** Shared by every node without parents, children or broken links until its first one (most have few). */
const NO_EDGES: AlignmentEdge[] = [];
Object.freeze(NO_EDGES);

function append(list: AlignmentEdge[], edge: AlignmentEdge): AlignmentEdge[] {
  // An array literal is sized to its content; a first push would reserve room for 17 edges.
  if (list === NO_EDGES) return [edge];
  list.push(edge);
  return list;
}

export function buildGraph(docs: Map<string, OkrDocument>, outLinks: Map<string, OutLink[]>): AlignmentGraph {
  const nodes = new Map<string, ObjectiveNode>();
  for (const [uri, doc] of docs) {
    doc.objectives.forEach((objective, index) => {
      const key = nodeKey(uri, index);
      nodes.set(key, {
        key,
        uri,
        doc,
        objective,
        index,
        level: doc.level,
        parents: NO_EDGES,
        children: NO_EDGES,
        broken: NO_EDGES,
        contributing: null,
        inCycle: false,
        orphan: false,
      });
    });
  }
  const edges: AlignmentEdge[] = [];
  const fileChildren = new Map<string, AlignmentEdge[]>();
  for (const [uri, links] of outLinks) {
    for (const l of links) {
      const from = nodes.get(nodeKey(uri, l.objectiveIndex));
      if (!from) continue;
      const edge = resolveOut(l, from.key, docs);
      edges.push(edge);
      if (edge.status !== 'ok') {
        from.broken = append(from.broken, edge);
        continue;
      }
      from.parents = append(from.parents, edge);
      const to = edge.to ? nodes.get(edge.to) : undefined;
      if (to) {
        // The target's own key string: one copy per node, not one per edge.
        edge.to = to.key;
        to.children = append(to.children, edge);
      } else if (edge.toUri && !edge.to) {
        const list = fileChildren.get(edge.toUri) ?? [];
        list.push(edge);
        fileChildren.set(edge.toUri, list);
      }
    }
  }
  for (const n of nodes.values()) {
    n.orphan = n.level !== 'company' && n.parents.length === 0;
    const seen = new Set<string>();
    const values: number[] = [];
    for (const c of n.children) {
      if (seen.has(c.from)) continue;
      seen.add(c.from);
      const p = nodes.get(c.from)?.objective.progress;
      if (p !== null && p !== undefined) values.push(p);
    }
    n.contributing = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  }
  const cycles = findCycles(nodes);
  for (const c of cycles) for (const k of c) nodes.get(k)!.inCycle = true;
  return { nodes, edges, fileChildren, cycles };
}

function resolveOut(l: OutLink, from: string, docs: Map<string, OkrDocument>): AlignmentEdge {
  // Whole literals, one shape for every edge (a spread plus two fields would spill out of the object).
  const edge = (toUri: string | null, status: AlignmentEdge['status']): AlignmentEdge => ({
    from,
    link: l.link,
    to: null,
    toUri,
    keyResult: null,
    status,
  });
  if (l.external || !l.targetUri) return edge(null, l.external ?? 'outside');
  const doc = docs.get(l.targetUri);
  if (!doc) return edge(l.targetUri, 'no-file');
  if (!l.fragment) return edge(l.targetUri, 'ok');
  const found = findFragment(doc, l.fragment);
  if (!found) return edge(l.targetUri, 'no-target');
  return {
    from,
    link: l.link,
    to: nodeKey(l.targetUri, doc.objectives.indexOf(found.objective)),
    toUri: l.targetUri,
    keyResult: found.keyResult,
    status: 'ok',
  };
}

/** Tarjan's strongly connected components, iteratively (deep chains must not blow the stack). */
function findCycles(nodes: Map<string, ObjectiveNode>): string[][] {
  const succ = (k: string): string[] => {
    const out: string[] = [];
    for (const e of nodes.get(k)!.parents) if (e.to && nodes.has(e.to)) out.push(e.to);
    return out;
  };
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const start of nodes.keys()) {
    if (index.has(start)) continue;
    const work: { k: string; next: string[]; i: number }[] = [];
    const push = (k: string) => {
      index.set(k, counter);
      low.set(k, counter++);
      stack.push(k);
      onStack.add(k);
      work.push({ k, next: succ(k), i: 0 });
    };
    push(start);
    while (work.length) {
      const top = work[work.length - 1];
      if (top.i < top.next.length) {
        const w = top.next[top.i++];
        if (!index.has(w)) push(w);
        else if (onStack.has(w)) low.set(top.k, Math.min(low.get(top.k)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].k;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.k)!));
      }
      if (low.get(top.k) === index.get(top.k)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.k);
        if (comp.length > 1 || top.next.includes(top.k)) cycles.push(comp.reverse());
      }
    }
  }
  return cycles;
}
