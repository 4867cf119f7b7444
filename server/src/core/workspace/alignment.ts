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
  /** Each file's edges in the order of its links (what `patchGraph` updates in place). */
  outEdges: Map<string, AlignmentEdge[]>;
  /** Each file's nodes in the order of its objectives (`patchGraph` finds them without keys). */
  fileNodes: Map<string, ObjectiveNode[]>;
}

/** How many objectives align to this one (each once, whichever key results they go through). */
export function alignedCount(node: ObjectiveNode): number {
  return node.children.length === 0 ? 0 : new Set(node.children.map((e) => e.from)).size;
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
  // Each file's nodes in order: links find their ends by index, not by a key string made and
  // hashed again per link (a third of building the graph of 10,000 files).
  const byUri = new Map<string, ObjectiveNode[]>();
  // Every node in the map's order, and where each file's nodes start in it: the loop search
  // numbers nodes so, and learns each node's successors while the edges are made.
  const list: ObjectiveNode[] = [];
  const firstOf = new Map<string, number>();
  for (const [uri, doc] of docs) {
    const own: ObjectiveNode[] = [];
    byUri.set(uri, own);
    firstOf.set(uri, list.length);
    doc.objectives.forEach((objective, index) => {
      const key = nodeKey(uri, index);
      const node: ObjectiveNode = {
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
      };
      nodes.set(key, node);
      own.push(node);
      list.push(node);
    });
  }
  const edges: AlignmentEdge[] = [];
  const fileChildren = new Map<string, AlignmentEdge[]>();
  const outEdges = new Map<string, AlignmentEdge[]>();
  // Links between two objectives, as node numbers in the order of each node's parents.
  const linkFrom: number[] = [];
  const linkTo: number[] = [];
  for (const [uri, links] of outLinks) {
    const own: AlignmentEdge[] = [];
    outEdges.set(uri, own);
    const fromNodes = byUri.get(uri);
    const first = firstOf.get(uri) ?? -1;
    for (const l of links) {
      const from = fromNodes?.[l.objectiveIndex];
      if (!from) continue;
      const target: { index: number } = { index: -1 };
      const edge = resolveOut(l, from.key, docs, target);
      edges.push(edge);
      own.push(edge);
      if (edge.status !== 'ok') {
        from.broken = append(from.broken, edge);
        continue;
      }
      from.parents = append(from.parents, edge);
      const to = edge.to && l.targetUri ? byUri.get(l.targetUri)?.[target.index] : undefined;
      if (to) {
        // The target's own key string: one copy per node, not one per edge.
        edge.to = to.key;
        to.children = append(to.children, edge);
        linkFrom.push(first + l.objectiveIndex);
        linkTo.push(firstOf.get(l.targetUri!)! + target.index);
      } else if (edge.toUri && !edge.to) {
        const list = fileChildren.get(edge.toUri) ?? [];
        list.push(edge);
        fileChildren.set(edge.toUri, list);
      }
    }
  }
  for (const n of list) n.orphan = n.level !== 'company' && n.parents.length === 0;
  contributingAll(list, linkFrom, linkTo);
  const cycles = findCycles(list.length, linkFrom, linkTo).map((c) => c.map((k) => list[k].key));
  for (const c of cycles) for (const k of c) nodes.get(k)!.inCycle = true;
  return { nodes, edges, fileChildren, cycles, outEdges, fileNodes: byUri };
}

/** Mean progress of the objectives aligned to this one (each counted once). */
function contributing(n: ObjectiveNode, nodes: Map<string, ObjectiveNode>): number | null {
  // Most objectives have nothing aligned below them: no set or list made for those.
  if (n.children.length === 0) return null;
  const seen = new Set<string>();
  const values: number[] = [];
  for (const c of n.children) {
    if (seen.has(c.from)) continue;
    seen.add(c.from);
    const p = nodes.get(c.from)?.objective.progress;
    if (p !== null && p !== undefined) values.push(p);
  }
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/**
 * Pairs (`keys[i]`, `values[i]`) of node numbers below `n`, grouped by key: the values of key k are
 * `items[start[k] .. start[k + 1] - 1]`, in pair order (a counting sort, nothing per node).
 */
function groupPairs(n: number, keys: number[], values: number[]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(n + 1);
  for (const k of keys) start[k + 1]++;
  for (let k = 0; k < n; k++) start[k + 1] += start[k];
  const items = new Int32Array(keys.length);
  const fill = start.slice(0, n);
  for (let i = 0; i < keys.length; i++) items[fill[keys[i]]++] = values[i];
  return { start, items };
}

/**
 * `contributing` for every node at once, from the links between objectives as node numbers (in the
 * order of each target's children): no set or key lookup per node, the same sums in the same order.
 */
function contributingAll(list: ObjectiveNode[], from: number[], to: number[]): void {
  const n = list.length;
  // Sources of target k: source[start[k] .. start[k + 1] - 1], in link order.
  const { start, items: source } = groupPairs(n, to, from);
  // The last target each source was counted for: each aligned objective once per target.
  const seenFor = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    if (start[k] === start[k + 1]) continue;
    let sum = 0;
    let count = 0;
    for (let j = start[k]; j < start[k + 1]; j++) {
      const f = source[j];
      if (seenFor[f] === k) continue;
      seenFor[f] = k;
      const p = list[f].objective.progress;
      if (p !== null && p !== undefined) {
        sum += p;
        count++;
      }
    }
    list[k].contributing = count ? sum / count : null;
  }
}

/**
 * A new version of one document whose alignment structure is unchanged (the usual keystroke: same
 * objective and key result IDs, slugs, level and link targets) updates the graph in place: its nodes
 * and edges point at the new objects and the progress rolled up into its targets is recomputed.
 * Links, loops and orphans stay as they are. Returns false, changing nothing, when a rebuild is
 * needed. Equal to a rebuild: test/core/alignmentPatch.test.ts.
 */
export function patchGraph(
  g: AlignmentGraph,
  uri: string,
  oldDoc: OkrDocument,
  doc: OkrDocument,
  oldLinks: OutLink[],
  links: OutLink[],
  /** Told each file whose nodes' graph facts (`contributing`) the patch recomputed. */
  touched?: (uri: string) => void,
): boolean {
  if (oldDoc.level !== doc.level || oldDoc.objectives.length !== doc.objectives.length) return false;
  for (let i = 0; i < doc.objectives.length; i++) {
    const a = oldDoc.objectives[i];
    const b = doc.objectives[i];
    // An objective the edit left alone is the very same object (parse/index.ts reuses it).
    if (a === b) continue;
    if (a.id !== b.id || a.slug !== b.slug || a.keyResults.length !== b.keyResults.length) return false;
    for (let k = 0; k < a.keyResults.length; k++) if (a.keyResults[k].id !== b.keyResults[k].id) return false;
  }
  if (oldLinks.length !== links.length) return false;
  for (let k = 0; k < links.length; k++) {
    const x = oldLinks[k];
    const y = links[k];
    if (
      x.objectiveIndex !== y.objectiveIndex ||
      x.targetUri !== y.targetUri ||
      x.fragment !== y.fragment ||
      x.external !== y.external
    ) {
      return false;
    }
  }
  const out = g.outEdges.get(uri) ?? [];
  if (out.length !== links.length) return false;
  const own = g.fileNodes.get(uri);
  if (!own || own.length !== doc.objectives.length) return false;
  for (let i = 0; i < own.length; i++) {
    const node = own[i];
    if (node.doc !== oldDoc) return false;
    for (const e of node.children) {
      if (e.keyResult && !oldDoc.objectives[i].keyResults.includes(e.keyResult)) return false;
    }
  }
  // Checked: now update.
  own.forEach((node, i) => {
    node.doc = doc;
    node.objective = doc.objectives[i];
    for (const e of node.children) {
      if (e.keyResult) e.keyResult = doc.objectives[i].keyResults[oldDoc.objectives[i].keyResults.indexOf(e.keyResult)];
    }
  });
  for (let k = 0; k < links.length; k++) out[k].link = links[k].link;
  // Each target once: a big file's hundreds of links mostly go to the same few parents, and a
  // target's roll-up reads all its children (per link, a keystroke cost links × children).
  const targets = new Set<ObjectiveNode>();
  for (const e of out) {
    const target = e.status === 'ok' && e.to ? g.nodes.get(e.to) : undefined;
    if (target) targets.add(target);
  }
  for (const target of targets) {
    target.contributing = contributing(target, g.nodes);
    touched?.(target.uri);
  }
  return true;
}

function resolveOut(
  l: OutLink,
  from: string,
  docs: Map<string, OkrDocument>,
  /** Set to the target objective's index in its file, for an edge to an objective. */
  target?: { index: number },
): AlignmentEdge {
  const found: LinkEnd = { index: -1, keyResult: null };
  const status = linkStatus(l, docs, found);
  if (target) target.index = found.index;
  return {
    from,
    link: l.link,
    to: found.index >= 0 ? nodeKey(l.targetUri!, found.index) : null,
    toUri: status === 'external' || status === 'outside' ? null : l.targetUri,
    keyResult: found.keyResult,
    status,
  };
}

interface LinkEnd {
  /** The target objective's index in its file, or -1 for a whole file or a broken link. */
  index: number;
  keyResult: KeyResult | null;
}

/** Where one link ends, as `index.resolve` says, with nothing made but what `end` holds. */
function linkStatus(l: OutLink, docs: Map<string, OkrDocument>, end: LinkEnd): AlignmentEdge['status'] {
  if (l.external || !l.targetUri) return l.external ?? 'outside';
  const doc = docs.get(l.targetUri);
  if (!doc) return 'no-file';
  if (!l.fragment) return 'ok';
  const found = findFragment(doc, l.fragment);
  if (!found) return 'no-target';
  end.index = doc.objectives.indexOf(found.objective);
  end.keyResult = found.keyResult;
  return 'ok';
}

/**
 * What `okr check` asks of the graph, without building it: the files with a link that does not
 * resolve (an edge of `buildGraph` whose status is neither ok nor external) and the files with an
 * objective in a loop (of `buildGraph`'s cycles). No node, edge or key is made: for 10,000 files
 * the graph took about 0.1 s of the check's last, single-threaded part.
 */
export function linkProblems(
  docs: Map<string, OkrDocument>,
  outLinks: Map<string, OutLink[]>,
): { broken: Set<string>; looped: Set<string> } {
  // Nodes numbered as buildGraph numbers them: each file's objectives in the map's order.
  const firstOf = new Map<string, number>();
  const fileOf: string[] = [];
  for (const [uri, doc] of docs) {
    firstOf.set(uri, fileOf.length);
    for (let i = 0; i < doc.objectives.length; i++) fileOf.push(uri);
  }
  const broken = new Set<string>();
  const from: number[] = [];
  const to: number[] = [];
  const end: LinkEnd = { index: -1, keyResult: null };
  for (const [uri, links] of outLinks) {
    const first = firstOf.get(uri);
    const count = docs.get(uri)?.objectives.length ?? 0;
    if (first === undefined) continue;
    for (const l of links) {
      if (l.objectiveIndex >= count) continue;
      end.index = -1;
      const status = linkStatus(l, docs, end);
      if (status !== 'ok') {
        if (status !== 'external') broken.add(uri);
      } else if (end.index >= 0) {
        from.push(first + l.objectiveIndex);
        to.push(firstOf.get(l.targetUri!)! + end.index);
      }
    }
  }
  const looped = new Set<string>();
  for (const c of findCycles(fileOf.length, from, to)) for (const k of c) looped.add(fileOf[k]);
  return { broken, looped };
}

/**
 * Tarjan's strongly connected components, iteratively (deep chains must not blow the stack), over
 * nodes `0 .. n - 1`, with the links between objectives as pairs of numbers (`from[i]` to
 * `to[i]`, each node's in the order of its parents). State in typed arrays and a successor table:
 * nothing is allocated per node but a component that is a loop. The nodes are visited in the same
 * order as before, so the same cycles come out in the same order.
 */
function findCycles(n: number, from: number[], to: number[]): number[][] {
  // Successors of node k: next[start[k] .. start[k + 1] - 1].
  const { start, items: next } = groupPairs(n, from, to);
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  let sp = 0;
  // The search's own stack: a node, and how far through its successors it is.
  const work = new Int32Array(n);
  const at = new Int32Array(n);
  let wp = 0;
  const cycles: number[][] = [];
  let counter = 0;
  const push = (k: number) => {
    index[k] = counter;
    low[k] = counter++;
    stack[sp++] = k;
    onStack[k] = 1;
    work[wp] = k;
    at[wp++] = start[k];
  };
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    push(root);
    while (wp > 0) {
      const k = work[wp - 1];
      if (at[wp - 1] < start[k + 1]) {
        const w = next[at[wp - 1]++];
        if (index[w] < 0) push(w);
        else if (onStack[w]) low[k] = Math.min(low[k], index[w]);
        continue;
      }
      wp--;
      if (wp > 0) {
        const parent = work[wp - 1];
        low[parent] = Math.min(low[parent], low[k]);
      }
      if (low[k] !== index[k]) continue;
      if (stack[sp - 1] === k) {
        // A component of one node: a loop only when it links to itself.
        sp--;
        onStack[k] = 0;
        let self = false;
        for (let j = start[k]; j < start[k + 1] && !self; j++) self = next[j] === k;
        if (self) cycles.push([k]);
        continue;
      }
      const comp: number[] = [];
      let w: number;
      do {
        w = stack[--sp];
        onStack[w] = 0;
        comp.push(w);
      } while (w !== k);
      cycles.push(comp.reverse());
    }
  }
  return cycles;
}
