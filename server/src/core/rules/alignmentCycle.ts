import { normalizeUri } from '../workspace/index';
import type { Rule } from './types';

/** Last path segment, decoded, for naming a file inside a message. */
function fileName(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export const alignmentCycle: Rule = {
  meta: {
    id: 'alignment-cycle',
    description: 'Objectives that align to each other in a loop; each one in the loop is flagged.',
    defaultSeverity: 'error',
    fixable: false,
    docs: 'docs/rules/alignment-cycle.md',
    crossFile: true,
  },
  check(ctx) {
    if (!ctx.index) return [];
    const graph = ctx.index.alignment();
    const uri = normalizeUri(ctx.doc.uri);
    // Only this version of the document: the index may hold another one while it catches up.
    if (ctx.index.get(uri) !== ctx.doc) return [];
    const out = [];
    for (const cycle of graph.cycles) {
      const inCycle = new Set(cycle);
      const label = (k: string) => {
        const n = graph.nodes.get(k)!;
        return n.uri === uri ? n.objective.id : `${fileName(n.uri)} ${n.objective.id}`;
      };
      for (const key of cycle) {
        const n = graph.nodes.get(key)!;
        if (n.uri !== uri) continue;
        const loop = shortestLoop(key, inCycle, (k) => graph.nodes.get(k)!.parents);
        const path = [key, ...loop].map(label).join(' → ');
        // Flag the link that stays inside the loop, or the title when that link came from `parent`.
        const first = n.parents.find((e) => e.to === loop[0]);
        out.push({
          range: first && !first.link.fromParent ? first.link.range : n.objective.titleRange,
          message: ctx.msg('alignment-cycle', { title: n.objective.title, path }),
        });
      }
    }
    return out;
  },
};

/** The shortest way from `start` back to itself inside the loop (breadth first); ends with `start`. */
function shortestLoop(start: string, inCycle: Set<string>, parents: (k: string) => { to: string | null }[]): string[] {
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const k = queue.shift()!;
    for (const e of parents(k)) {
      if (!e.to || !inCycle.has(e.to)) continue;
      if (e.to === start) {
        const path = [start];
        for (let c = k; c !== start; c = prev.get(c)!) path.unshift(c);
        return path;
      }
      if (!prev.has(e.to)) {
        prev.set(e.to, k);
        queue.push(e.to);
      }
    }
  }
  return [start];
}
