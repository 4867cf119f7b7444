// Data of the alignment views (the cascade tree and the map), built from the alignment graph.
// Plain JSON, localised labels: the client only draws it.
import { format, type Locale } from '../messages';
import type { Level } from '../model';
import { assessObjective, elapsedOf, type GradeColor, type Status } from '../progress';
import { alignedCount, type AlignmentEdge, type AlignmentGraph, type ObjectiveNode } from './alignment';
import { normalizeUri, type WorkspaceIndex } from './index';

export interface ViewOptions {
  today: string;
  locale: Locale;
  /** Workspace folders, to show file paths relative to them. */
  folders?: string[];
}

export interface ObjectiveSummary {
  /** Graph node key (`uri#index`), stable while the file does not change. */
  key: string;
  uri: string;
  id: string;
  title: string;
  owner: string | null;
  level: Level | null;
  file: string;
  /** 0-based line of the heading. */
  line: number;
  progress: number | null;
  grade: number | null;
  color: GradeColor | null;
  status: Status | null;
  /** Mean progress of the objectives aligned below, kept apart from `progress`. */
  contributing: number | null;
  alignedBelow: number;
  inCycle: boolean;
  orphan: boolean;
}

export interface AlignmentTreeNode {
  kind: 'objective' | 'unaligned' | 'loops' | 'file' | 'broken-group' | 'broken';
  label: string;
  description?: string;
  tooltip?: string;
  objective?: ObjectiveSummary;
  /** For an objective aligned through a key result: that key result's ID. */
  viaKeyResult?: string;
  /** For a broken link: where it is written. */
  location?: { uri: string; line: number; character: number };
  children: AlignmentTreeNode[];
  /** One level at a time (`alignmentTreeLevel`): what to ask for this node's children… */
  id?: string;
  /** …and whether it has any (`children` is then empty). */
  hasChildren?: boolean;
}

const pct = (p: number | null) => (p === null ? '–' : `${Math.round(p * 100)}%`);

export function relativeFile(uri: string, folders: string[] = []): string {
  const u = normalizeUri(uri);
  for (const f of folders) {
    const n = normalizeUri(f);
    const prefix = n.endsWith('/') ? n : `${n}/`;
    if (u.startsWith(prefix)) return safeDecode(u.slice(prefix.length));
  }
  return safeDecode(uri.slice(uri.lastIndexOf('/') + 1));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function summarize(node: ObjectiveNode, opts: ViewOptions): ObjectiveSummary {
  const a = assessObjective(node.objective, elapsedOf(node.doc.period, opts.today));
  return {
    key: node.key,
    uri: node.doc.uri,
    id: node.objective.id,
    title: node.objective.title,
    owner: node.objective.owner ?? node.doc.owner,
    level: node.level,
    file: relativeFile(node.uri, opts.folders),
    line: node.objective.range.start.line,
    progress: node.objective.progress,
    grade: a.grade,
    color: a.color,
    status: a.status,
    contributing: node.contributing,
    alignedBelow: alignedCount(node),
    inCycle: node.inCycle,
    orphan: node.orphan,
  };
}

function byPlace(a: ObjectiveNode, b: ObjectiveNode): number {
  return a.uri.localeCompare(b.uri) || a.index - b.index;
}

/**
 * The cascade: company objectives at the root and what aligns to them level by level; objectives
 * aligned to a whole file under that file; orphans under "Unaligned"; loops nobody reaches from
 * the top under their own group; broken links listed as warnings.
 */
export function alignmentTree(index: WorkspaceIndex, opts: ViewOptions): AlignmentTreeNode[] {
  return new TreeBuilder(index, opts, false).roots();
}

/**
 * One level of the cascade: the roots (`parent` undefined) or the children of the node whose
 * `id` is `parent`, each with `hasChildren` and an `id` and no children. What a tree view asks as
 * it expands: in a workspace of 50,000 objectives the whole tree takes seconds to build and
 * megabytes to send; a level takes what it shows. Expanding every level gives `alignmentTree`
 * (test/core/alignment.test.ts). An unknown `parent` (the workspace changed since) has no children.
 */
export function alignmentTreeLevel(index: WorkspaceIndex, opts: ViewOptions, parent?: string): AlignmentTreeNode[] {
  const b = new TreeBuilder(index, opts, true);
  return parent === undefined ? b.roots() : b.childrenOf(parent);
}

// Ids of one-level nodes: a group, or an objective by the path of graph keys from its root (the
// path is what stops loops, so the same objective under two parents has two ids).
const SEP = '\u0000';
const PATH_SEP = '\u0001';

/**
 * What the tree reads of the graph's shape: the objectives placed under the company or a whole
 * file, the unaligned ones, the loops placed nowhere, the broken links, the company objectives and
 * the whole-file targets in order. Kept per graph object: a keystroke patches the graph in place
 * without changing its shape (patchGraph: links, loops and orphans stay as they are; any other
 * change builds a new graph). Every lazy request makes a new TreeBuilder, and the root level walked
 * all 50,000 objectives of a 10,000-file workspace each time (30-60 ms).
 */
interface Shape {
  placed?: Set<string>;
  orphans?: ObjectiveNode[];
  loops?: string[];
  broken?: AlignmentEdge[];
  top?: ObjectiveNode[];
  fileTargets?: string[];
}
const shapes = new WeakMap<AlignmentGraph, Shape>();

class TreeBuilder {
  private readonly graph: AlignmentGraph;
  private readonly shape: Shape;

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly opts: ViewOptions,
    private readonly oneLevel: boolean,
  ) {
    this.graph = index.alignment();
    let shape = shapes.get(this.graph);
    if (!shape) shapes.set(this.graph, (shape = {}));
    this.shape = shape;
  }

  roots(): AlignmentTreeNode[] {
    const { graph, opts, shape } = this;
    const roots: AlignmentTreeNode[] = [];
    shape.top ??= [...graph.nodes.values()].filter((n) => n.level === 'company').sort(byPlace);
    for (const n of shape.top) roots.push(this.objective(n, null, []));
    shape.fileTargets ??= [...graph.fileChildren.keys()].sort((a, b) => a.localeCompare(b));
    for (const uri of shape.fileTargets) {
      const doc = this.index.get(uri);
      const file = relativeFile(uri, opts.folders);
      roots.push(
        this.group(
          {
            kind: 'file',
            label: format(opts.locale, 'alignment.tree.wholeFile', {
              file: doc?.owner ? `${doc.owner} · ${file}` : file,
            }),
            tooltip: file,
            location: doc ? { uri: doc.uri, line: 0, character: 0 } : undefined,
          },
          `f${SEP}${uri}`,
        ),
      );
    }
    if (this.orphans().length) {
      roots.push(
        this.group(
          {
            kind: 'unaligned',
            label: format(opts.locale, 'alignment.tree.unaligned'),
            description: String(this.orphans().length),
            tooltip: format(opts.locale, 'alignment.tree.unalignedTooltip'),
          },
          'u',
        ),
      );
    }
    if (this.loops().length) {
      roots.push(this.group({ kind: 'loops', label: format(opts.locale, 'alignment.tree.loops') }, 'l'));
    }
    const broken = this.broken();
    if (broken.length) {
      roots.push(
        this.group(
          {
            kind: 'broken-group',
            label: format(opts.locale, 'alignment.tree.brokenLinks'),
            description: String(broken.length),
          },
          'b',
        ),
      );
    }
    return roots;
  }

  /** The children of the node with this id (see `alignmentTreeLevel`). */
  childrenOf(id: string): AlignmentTreeNode[] {
    const { graph } = this;
    if (id.startsWith(`o${SEP}`)) {
      const keys = id.slice(2).split(PATH_SEP);
      const n = graph.nodes.get(keys[keys.length - 1]);
      if (!n || keys.some((k) => !graph.nodes.has(k))) return [];
      return uniqueChildren(graph, n.children, new Set(keys)).map(([c, e]) => this.objective(c, e, keys));
    }
    if (id.startsWith(`f${SEP}`)) {
      const edges = graph.fileChildren.get(id.slice(2));
      return edges ? uniqueChildren(graph, edges, new Set()).map(([c, e]) => this.objective(c, e, [])) : [];
    }
    if (id === 'u') return this.orphans().map((n) => this.objective(n, null, []));
    if (id === 'l') return this.loops().map((k) => this.objective(graph.nodes.get(k)!, null, [k]));
    if (id === 'b') return this.broken().map((e) => this.brokenNode(e));
    return [];
  }

  /** A group node: its children now, or its id to ask for them. */
  private group(node: Omit<AlignmentTreeNode, 'children'>, id: string): AlignmentTreeNode {
    if (!this.oneLevel) return { ...node, children: this.childrenOf(id) };
    return { ...node, children: [], id, hasChildren: true };
  }

  /** `n` reached through `via`, below the objectives of `path` (graph keys from the root). */
  private objective(n: ObjectiveNode, via: AlignmentEdge | null, path: string[]): AlignmentTreeNode {
    const { graph, opts } = this;
    const s = summarize(n, opts);
    const parts = [pct(s.progress)];
    if (s.status) parts.push(format(opts.locale, `progress.status.${s.status}`));
    if (s.contributing !== null)
      parts.push(format(opts.locale, 'alignment.tree.contributing', { percent: pct(s.contributing) }));
    if (n.inCycle) parts.push(format(opts.locale, 'alignment.tree.cycle'));
    const inner = path[path.length - 1] === n.key ? path : [...path, n.key];
    const node: AlignmentTreeNode = {
      kind: 'objective',
      label: `${s.owner ? `${s.owner} · ` : ''}${s.id}: ${s.title}`,
      description: parts.join(' · '),
      tooltip: `${s.file}:${s.line + 1}`,
      objective: s,
      viaKeyResult: via?.keyResult?.id,
      children: [],
    };
    if (this.oneLevel) {
      node.id = `o${SEP}${inner.join(PATH_SEP)}`;
      // Whether uniqueChildren would give any, without collecting and sorting them (a department's
      // objective has hundreds aligned below).
      node.hasChildren = n.children.some((e) => !inner.includes(e.from) && graph.nodes.has(e.from));
    } else
      node.children = uniqueChildren(graph, n.children, new Set(inner)).map(([c, e]) => this.objective(c, e, inner));
    return node;
  }

  /** Objectives placed under a company objective or a whole file, at any depth. */
  private placed(): Set<string> {
    if (this.shape.placed) return this.shape.placed;
    const starts: string[] = [];
    for (const n of this.graph.nodes.values()) if (n.level === 'company') starts.push(n.key);
    for (const edges of this.graph.fileChildren.values()) for (const e of edges) starts.push(e.from);
    return (this.shape.placed = this.reach(starts, new Set()));
  }

  /** `seen` plus every objective reachable from `starts` through the objectives aligned below. */
  private reach(starts: string[], seen: Set<string>): Set<string> {
    const todo = [...starts];
    while (todo.length) {
      const k = todo.pop()!;
      const n = seen.has(k) ? undefined : this.graph.nodes.get(k);
      if (!n) continue;
      seen.add(k);
      for (const e of n.children) if (!seen.has(e.from)) todo.push(e.from);
    }
    return seen;
  }

  private orphans(): ObjectiveNode[] {
    if (this.shape.orphans) return this.shape.orphans;
    const placed = this.placed();
    return (this.shape.orphans = [...this.graph.nodes.values()]
      .filter((n) => n.orphan && !placed.has(n.key))
      .sort(byPlace));
  }

  /** Members of loops placed nowhere above (not even below an unaligned objective). */
  private loops(): string[] {
    if (this.shape.loops) return this.shape.loops;
    const placed = this.reach(
      this.orphans().map((n) => n.key),
      new Set(this.placed()),
    );
    return (this.shape.loops = this.graph.cycles
      .map((c) => c.filter((k) => !placed.has(k)))
      .filter((c) => c.length)
      .flat());
  }

  private broken(): AlignmentEdge[] {
    return (this.shape.broken ??= this.graph.edges.filter((e) => e.status !== 'ok' && e.status !== 'external'));
  }

  private brokenNode(e: AlignmentEdge): AlignmentTreeNode {
    const { graph, opts } = this;
    const from = graph.nodes.get(e.from)!;
    return {
      kind: 'broken',
      label: format(opts.locale, 'alignment.tree.broken', { href: e.link.href }),
      description: `${relativeFile(from.uri, opts.folders)} · ${from.objective.id}`,
      tooltip: `${relativeFile(from.uri, opts.folders)}:${e.link.range.start.line + 1}`,
      location: { uri: from.doc.uri, ...e.link.range.start },
      children: [],
    };
  }
}

function uniqueChildren(
  graph: AlignmentGraph,
  edges: AlignmentEdge[],
  path: Set<string>,
): [ObjectiveNode, AlignmentEdge][] {
  const seen = new Set<string>();
  const out: [ObjectiveNode, AlignmentEdge][] = [];
  for (const e of edges) {
    if (seen.has(e.from) || path.has(e.from)) continue;
    seen.add(e.from);
    const c = graph.nodes.get(e.from);
    if (c) out.push([c, e]);
  }
  return out.sort(([a], [b]) => byPlace(a, b));
}

export interface AlignmentGraphData {
  nodes: (ObjectiveSummary & { row: number })[];
  /** Whole files that objectives align to (no particular objective). */
  files: { key: string; uri: string; label: string; level: Level | null; row: number }[];
  edges: { from: string; to: string; keyResult: string | null; inCycle: boolean }[];
  /** Row labels, top to bottom ('' for a row with nothing drawn). */
  rows: string[];
  /** Objectives of the levels below the last row drawn, not drawn (see MAP_LIMIT). */
  hidden: number;
}

const ROWS: (Level | null)[] = ['company', 'department', 'team', 'individual', null];

/**
 * The map draws at most this many objectives and files: the levels from the top that fit whole.
 * A workspace of 10,000 files answered 34 MB in 1.2 s on every change while the map was open, and
 * no page lays out 50,000 boxes; the Alignment view lists every objective.
 */
export const MAP_LIMIT = 2000;

/** Nodes, edges and rows (one per level, top down) for the alignment map. */
export function alignmentGraphData(index: WorkspaceIndex, opts: ViewOptions, limit = MAP_LIMIT): AlignmentGraphData {
  const graph = index.alignment();
  const rowOf = (l: Level | null) => ROWS.indexOf(l);
  const fileRow = (uri: string) => rowOf(index.get(uri)?.level ?? null);
  // The rows from the top whose objectives and files all fit under the limit.
  const perRow = ROWS.map(() => 0);
  for (const n of graph.nodes.values()) perRow[rowOf(n.level)]++;
  for (const uri of graph.fileChildren.keys()) perRow[fileRow(uri)]++;
  let shown = 0;
  for (let total = 0; shown < ROWS.length && total + perRow[shown] <= limit; shown++) total += perRow[shown];
  const drawn = [...graph.nodes.values()].filter((n) => rowOf(n.level) < shown);
  const nodes = drawn.sort(byPlace).map((n) => ({ ...summarize(n, opts), row: rowOf(n.level) }));
  const files = [...graph.fileChildren.keys()]
    .filter((uri) => fileRow(uri) < shown)
    .sort()
    .map((uri) => {
      const doc = index.get(uri);
      const file = relativeFile(uri, opts.folders);
      return {
        key: uri,
        uri: doc?.uri ?? uri,
        label: doc?.owner ?? file,
        level: doc?.level ?? null,
        row: rowOf(doc?.level ?? null),
      };
    });
  const keys = new Set([...nodes.map((n) => n.key), ...files.map((f) => f.key)]);
  const edges = graph.edges
    .filter((e) => e.status === 'ok' && keys.has(e.from) && keys.has(e.to ?? e.toUri!))
    .map((e) => {
      const to = e.to ?? e.toUri!;
      const cycle = e.to !== null && graph.nodes.get(e.from)!.inCycle && graph.nodes.get(e.to)!.inCycle;
      return { from: e.from, to, keyResult: e.keyResult?.id ?? null, inCycle: cycle };
    });
  const used = new Set([...nodes.map((n) => n.row), ...files.map((f) => f.row)]);
  const rows = ROWS.map((l, i) => (used.has(i) ? format(opts.locale, `alignment.level.${l ?? 'none'}`) : ''));
  return { nodes, files, edges, rows, hidden: graph.nodes.size - nodes.length };
}
