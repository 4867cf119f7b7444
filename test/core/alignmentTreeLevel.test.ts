// The alignment tree one level at a time (core/workspace/views.ts `alignmentTreeLevel`, what the
// Alignment view asks as it expands) must add up to the whole tree (`alignmentTree`): expanding
// every node gives exactly the same nodes, in the same order, on the samples and on random
// workspaces full of loops, whole-file links, broken links and objectives aligned twice.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { format } from '../../server/src/core/messages';
import { parseOkr, WorkspaceIndex } from '../../server/src/core/index';
import type { AlignmentEdge, AlignmentGraph, ObjectiveNode } from '../../server/src/core/workspace/alignment';
import { listOkrFiles, loadWorkspace } from '../../server/src/core/workspace/load';
import {
  alignmentTree,
  alignmentTreeLevel,
  relativeFile,
  summarize,
  type AlignmentTreeNode,
  type ViewOptions,
} from '../../server/src/core/workspace/views';
import { fileUri, NodeFs } from '../../server/src/node/nodeFs';
import { randomWorkspace } from './randomWorkspace';

const ROOT = 'file:///ws';

// The whole tree as it was built before it could be built one level at a time (a reference:
// the new whole tree must not differ from it either).
const pct = (p: number | null) => (p === null ? '–' : `${Math.round(p * 100)}%`);
const byPlace = (a: ObjectiveNode, b: ObjectiveNode) => a.uri.localeCompare(b.uri) || a.index - b.index;

function referenceTree(index: WorkspaceIndex, opts: ViewOptions): AlignmentTreeNode[] {
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

/** Every node expanded through `alignmentTreeLevel`, ids and flags dropped. */
function expandAll(index: WorkspaceIndex, opts: ViewOptions, parent?: string): AlignmentTreeNode[] {
  return alignmentTreeLevel(index, opts, parent).map((n) => {
    const { id, hasChildren, ...rest } = n;
    assert.deepEqual(n.children, [], 'one level: no children inline');
    assert.equal(typeof id === 'string', hasChildren !== undefined && (hasChildren || n.kind === 'objective'));
    const children = hasChildren ? expandAll(index, opts, id) : [];
    assert.equal(children.length > 0, Boolean(hasChildren), `${n.label}: hasChildren tells the truth`);
    return { ...rest, children };
  });
}

describe('alignment tree one level at a time', () => {
  const opts: ViewOptions = { today: '2026-11-23', locale: 'en', folders: [ROOT] };

  it('adds up to the whole tree on the samples', async () => {
    const root = fileUri(path.join(__dirname, '..', '..', 'samples'));
    const fs = new NodeFs();
    const index = await loadWorkspace(fs, [root], await listOkrFiles(fs, [root]));
    const o = { ...opts, folders: [root] };
    const whole = alignmentTree(index, o);
    assert.ok(whole.length > 3);
    assert.deepStrictEqual(whole, referenceTree(index, o));
    assert.deepStrictEqual(expandAll(index, o), whole);
  });

  it('adds up to the whole tree on random workspaces with loops, file links and broken links', () => {
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const index = randomWorkspace(seed, 4 + (seed % 30));
      const whole = alignmentTree(index, opts);
      const walk = (n: AlignmentTreeNode): void => {
        kinds.add(n.kind);
        n.children.forEach(walk);
      };
      whole.forEach(walk);
      assert.deepStrictEqual(whole, referenceTree(index, opts), `seed ${seed}: the whole tree as before`);
      assert.deepStrictEqual(expandAll(index, opts), whole, `seed ${seed}`);
    }
    // The random workspaces reach every kind of node.
    assert.deepEqual([...kinds].sort(), ['broken', 'broken-group', 'file', 'loops', 'objective', 'unaligned']);
  });

  it('resolves every link of a folder as it would alone (links into the file itself too)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const index = randomWorkspace(seed, 10 + seed);
      // Fragment-only links in several spellings: each points into its own file.
      index.set(parseOkr('## O1: Self\n\nAligns to: [a](#o2) [b](%20#o2)\n\n## O2: Two\n', `${ROOT}/self1.okr.md`, 1));
      index.set(parseOkr('## O1: Self\n\nAligns to: [a](#o2) [b](%20#o2)\n\n## O2: Two\n', `${ROOT}/self2.okr.md`, 1));
      const graph = index.alignment();
      for (const [uri, edges] of graph.outEdges) {
        for (const e of edges) {
          const r = index.resolve(uri, e.link.href);
          const expected =
            r.status === 'ok'
              ? {
                  status: 'ok',
                  toUri: r.uri,
                  to: r.objective ? `${r.uri}#${r.doc.objectives.indexOf(r.objective)}` : null,
                }
              : { status: r.status, toUri: r.uri, to: null };
          assert.deepEqual({ status: e.status, toUri: e.toUri, to: e.to }, expected, `${uri} ${e.link.href}`);
        }
      }
      assert.equal(graph.outEdges.get(`${ROOT}/self2.okr.md`)![0].to, `${ROOT}/self2.okr.md#1`);
    }
  });

  it('has no children for a node that is gone, and roots that do not build the whole tree', () => {
    const index = randomWorkspace(7, 30);
    assert.deepEqual(alignmentTreeLevel(index, opts, `o\u0000${ROOT}/gone.okr.md#0`), []);
    assert.deepEqual(alignmentTreeLevel(index, opts, 'nonsense'), []);
    for (const n of alignmentTreeLevel(index, opts)) assert.deepEqual(n.children, []);
  });
});
