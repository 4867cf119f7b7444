// Data of the alignment views (the cascade tree and the map), built from the alignment graph.
// Plain JSON, localised labels: the client only draws it.
import { format, type Locale } from '../messages';
import type { Level } from '../model';
import { assessObjective, elapsedOf, type GradeColor, type Status } from '../progress';
import type { AlignmentEdge, AlignmentGraph, ObjectiveNode } from './alignment';
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
    alignedBelow: new Set(node.children.map((e) => e.from)).size,
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
  const graph = index.alignment();
  const placed = new Set<string>();
  const objectiveNode = (n: ObjectiveNode, via: AlignmentEdge | null, path: Set<string>): AlignmentTreeNode => {
    placed.add(n.key);
    const s = summarize(n, opts);
    const parts = [pct(s.progress)];
    if (s.status) parts.push(format(opts.locale, `progress.status.${s.status}`));
    if (s.contributing !== null)
      parts.push(format(opts.locale, 'alignment.tree.contributing', { percent: pct(s.contributing) }));
    if (n.inCycle) parts.push(format(opts.locale, 'alignment.tree.cycle'));
    const inner = new Set(path).add(n.key);
    return {
      kind: 'objective',
      label: `${s.owner ? `${s.owner} · ` : ''}${s.id}: ${s.title}`,
      description: parts.join(' · '),
      tooltip: `${s.file}:${s.line + 1}`,
      objective: s,
      viaKeyResult: via?.keyResult?.id,
      children: childrenOf(graph, n, inner).map(([c, e]) => objectiveNode(c, e, inner)),
    };
  };
  const roots: AlignmentTreeNode[] = [];
  const top = [...graph.nodes.values()].filter((n) => n.level === 'company').sort(byPlace);
  for (const n of top) roots.push(objectiveNode(n, null, new Set()));
  for (const [uri, edges] of [...graph.fileChildren].sort(([a], [b]) => a.localeCompare(b))) {
    const doc = index.get(uri);
    const file = relativeFile(uri, opts.folders);
    roots.push({
      kind: 'file',
      label: format(opts.locale, 'alignment.tree.wholeFile', { file: doc?.owner ? `${doc.owner} · ${file}` : file }),
      tooltip: file,
      location: doc ? { uri: doc.uri, line: 0, character: 0 } : undefined,
      children: uniqueChildren(graph, edges, new Set()).map(([c, e]) => objectiveNode(c, e, new Set())),
    });
  }
  const orphans = [...graph.nodes.values()].filter((n) => n.orphan && !placed.has(n.key)).sort(byPlace);
  if (orphans.length) {
    roots.push({
      kind: 'unaligned',
      label: format(opts.locale, 'alignment.tree.unaligned'),
      description: String(orphans.length),
      tooltip: format(opts.locale, 'alignment.tree.unalignedTooltip'),
      children: orphans.map((n) => objectiveNode(n, null, new Set())),
    });
  }
  const loops = graph.cycles.map((c) => c.filter((k) => !placed.has(k))).filter((c) => c.length);
  if (loops.length) {
    roots.push({
      kind: 'loops',
      label: format(opts.locale, 'alignment.tree.loops'),
      children: loops.flat().map((k) => objectiveNode(graph.nodes.get(k)!, null, new Set([k]))),
    });
  }
  const broken = graph.edges.filter((e) => e.status !== 'ok' && e.status !== 'external');
  if (broken.length) {
    roots.push({
      kind: 'broken-group',
      label: format(opts.locale, 'alignment.tree.brokenLinks'),
      description: String(broken.length),
      children: broken.map((e) => {
        const from = graph.nodes.get(e.from)!;
        return {
          kind: 'broken' as const,
          label: format(opts.locale, 'alignment.tree.broken', { href: e.link.href }),
          description: `${relativeFile(from.uri, opts.folders)} · ${from.objective.id}`,
          tooltip: `${relativeFile(from.uri, opts.folders)}:${e.link.range.start.line + 1}`,
          location: { uri: from.doc.uri, ...e.link.range.start },
          children: [],
        };
      }),
    });
  }
  return roots;
}

/** Objectives aligned to `n`, once each, never one already on the path (loops stop). */
function childrenOf(graph: AlignmentGraph, n: ObjectiveNode, path: Set<string>): [ObjectiveNode, AlignmentEdge][] {
  return uniqueChildren(graph, n.children, path);
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
  /** Row labels, top to bottom. */
  rows: string[];
}

const ROWS: (Level | null)[] = ['company', 'department', 'team', 'individual', null];

/** Nodes, edges and rows (one per level, top down) for the alignment map. */
export function alignmentGraphData(index: WorkspaceIndex, opts: ViewOptions): AlignmentGraphData {
  const graph = index.alignment();
  const rowOf = (l: Level | null) => ROWS.indexOf(l);
  const nodes = [...graph.nodes.values()].sort(byPlace).map((n) => ({ ...summarize(n, opts), row: rowOf(n.level) }));
  const files = [...graph.fileChildren.keys()].sort().map((uri) => {
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
  const edges = graph.edges
    .filter((e) => e.status === 'ok')
    .map((e) => {
      const to = e.to ?? e.toUri!;
      const cycle = e.to !== null && graph.nodes.get(e.from)!.inCycle && graph.nodes.get(e.to)!.inCycle;
      return { from: e.from, to, keyResult: e.keyResult?.id ?? null, inCycle: cycle };
    });
  const used = new Set([...nodes.map((n) => n.row), ...files.map((f) => f.row)]);
  const rows = ROWS.map((l, i) => (used.has(i) ? format(opts.locale, `alignment.level.${l ?? 'none'}`) : ''));
  return { nodes, files, edges, rows };
}
