// `okr/objectives`: every indexed objective, flat, for the new-file wizard and other clients; or, asked
// with `previousResultId`, as a delta against an earlier answer (objectivesDelta.ts), for the views.
import { assessKr, assessObjective, elapsedOf, type GradeColor, type Status } from '../../core/progress';
import { relativeFile } from '../../core/workspace/views';
import { LEVELS, type Level, type Objective, type OkrDocument } from '../../core/model';
import { alignedCount, nodeKey, type ObjectiveNode } from '../../core/workspace/alignment';
import { normalizeUri, type WorkspaceIndex } from '../../core/workspace/index';
import { movedFrom } from '../../core/parse/memo';
import type { ServerFeature } from '../context';
import { DeltaAnswers, linesMoved, wantsDelta, type DeltaAnswer } from './objectivesDelta';

export interface ObjectiveInfo {
  uri: string;
  id: string;
  title: string;
  owner: string | null;
  level: string | null;
  period: string | null;
  progress: number | null;
  /** 0-based line of the objective. */
  line: number;
  keyResults: {
    id: string;
    title: string;
    progress: number | null;
    line: number;
    color: GradeColor | null;
    status: Status | null;
  }[];
  /** Path relative to its workspace folder (decoded). */
  file: string;
  section: string | null;
  grade: number | null;
  color: GradeColor | null;
  status: Status | null;
  /** Mean progress of the objectives aligned below it (kept apart from `progress`). */
  contributing: number | null;
  /** Number of objectives aligned to it. */
  alignedBelow: number;
  /** What it aligns to, as written, and whether each link resolves. */
  alignsTo: { href: string; ok: boolean; fromParent: boolean }[];
  /** Below company level and aligned to nothing that resolves. */
  orphan: boolean;
  inCycle: boolean;
}

export const OBJECTIVES_REQUEST = 'okr/objectives';

/** The answer to `okr/objectives` with `{ previousResultId }` (objectivesDelta.ts). */
export type ObjectivesDelta = DeltaAnswer<ObjectiveInfo>;

type OwnPart = Omit<ObjectiveInfo, 'contributing' | 'alignedBelow' | 'alignsTo' | 'orphan' | 'inCycle'>;

/**
 * The part of an objective's item that depends on its own file only, remembered per objective
 * object (unchanged objectives stay the same objects across versions, parse/index.ts, and in the
 * index's outlines of closed files): a keystroke in a big file rebuilds one item, not all.
 */
export class ObjectiveItemCache {
  private items = new WeakMap<Objective, { key: string; item: OwnPart }>();
  /** The whole item last answered for an objective (own part and graph facts), and its file's facts stamp then. */
  private answered = new WeakMap<Objective, { own: OwnPart; item: ObjectiveInfo; stamp: number }>();

  /** Graph keys of each file's objectives, made once (a fresh string would be hashed again per lookup). */
  private readonly keys = new Map<string, string[]>();

  nodeKeys(uri: string, count: number): string[] {
    let keys = this.keys.get(uri);
    if (!keys) this.keys.set(uri, (keys = []));
    for (let i = keys.length; i < count; i++) keys.push(nodeKey(uri, i));
    return keys;
  }

  /** What the own part depends on besides the objective: one key per document. */
  static keyOf(doc: OkrDocument, elapsed: number | null, file: string): string {
    return `${elapsed}|${doc.uri}|${doc.level}|${doc.period?.text}|${file}`;
  }

  get(
    doc: OkrDocument,
    o: Objective,
    elapsed: number | null,
    file: string,
    key = ObjectiveItemCache.keyOf(doc, elapsed, file),
  ): OwnPart {
    let c = this.items.get(o);
    if (!c || c.key !== key) {
      // Copied with its lines moved (below an Enter): the same own part, its lines moved.
      const move = movedFrom(o);
      const was = move && this.items.get(move.from);
      c = { key, item: was && was.key === key ? movedOwnPart(was.item, move.delta) : ownPart(doc, o, elapsed, file) };
      this.items.set(o, c);
    }
    return c.item;
  }

  /**
   * The item answered last time for `o` with this own part, when its file's graph facts have not
   * changed since (`WorkspaceIndex.factsStamp`): no node is read at all.
   */
  kept(o: Objective, own: OwnPart, stamp: number): ObjectiveInfo | undefined {
    const entry = this.answered.get(o);
    return entry && entry.own === own && entry.stamp === stamp ? entry.item : undefined;
  }

  /**
   * The item answered last time for `o`, when it had this own part and the same graph facts
   * (compared in place: nothing is built for an unchanged objective).
   */
  same(
    o: Objective,
    own: OwnPart,
    node: ObjectiveNode | undefined,
    ok: (href: string) => boolean,
    stamp: number,
  ): ObjectiveInfo | undefined {
    const entry = this.answered.get(o);
    // The own part is remembered by identity (`get`): the same object means the same values.
    if (!entry || entry.own !== own) return undefined;
    const last = entry.item;
    if (
      last.contributing !== (node?.contributing ?? null) ||
      last.alignedBelow !== (node ? alignedCount(node) : 0) ||
      last.orphan !== (node?.orphan ?? false) ||
      last.inCycle !== (node?.inCycle ?? false) ||
      last.alignsTo.length !== o.alignsTo.length ||
      o.alignsTo.some((l, i) => {
        const was = last.alignsTo[i];
        return was.href !== l.href || was.fromParent !== l.fromParent || was.ok !== ok(l.href);
      })
    )
      return undefined;
    // Checked against the facts of this stamp: next time `kept` answers.
    entry.stamp = stamp;
    return last;
  }

  remember(o: Objective, own: OwnPart, item: ObjectiveInfo, stamp: number): ObjectiveInfo {
    this.answered.set(o, { own, item, stamp });
    return item;
  }
}

/**
 * `own` with its lines (the objective's and its key results') moved by `delta`: what `moveLines`
 * (objectivesDelta.ts) gives, written for this one shape because it runs for every objective below
 * an Enter (the generic walk doubled the tree items' time there).
 */
function movedOwnPart(own: OwnPart, delta: number): OwnPart {
  return { ...own, line: own.line + delta, keyResults: own.keyResults.map((k) => ({ ...k, line: k.line + delta })) };
}

export function ownPart(doc: OkrDocument, o: Objective, elapsed: number | null, file: string): OwnPart {
  const a = assessObjective(o, elapsed);
  return {
    uri: doc.uri,
    id: o.id,
    title: o.title,
    owner: o.owner,
    level: doc.level,
    period: doc.period?.text ?? null,
    progress: o.progress,
    line: o.range.start.line,
    keyResults: o.keyResults.map((k) => {
      const ka = assessKr(k, o, elapsed);
      return {
        id: k.id,
        title: k.title,
        progress: k.progress,
        line: k.range.start.line,
        color: ka.color,
        status: ka.status,
      };
    }),
    file,
    section: o.section,
    grade: a.grade,
    color: a.color,
    status: a.status,
  };
}

/**
 * Every indexed objective as the views get it (or those of `docs` that `keep` keeps): the part from
 * its own file remembered per objective object (`cache`), the part from the alignment graph read now.
 */
export function objectiveInfos(
  index: WorkspaceIndex,
  today: string,
  folders: string[],
  cache: ObjectiveItemCache,
  docs: Iterable<OkrDocument> = index.all(),
  keep?: (doc: OkrDocument, o: Objective) => boolean,
): ObjectiveInfo[] {
  const graph = index.alignment();
  // One list pushed to (Array.prototype.flatMap took 0.5 ms to join 6,000 items: a keystroke's worth).
  const out: ObjectiveInfo[] = [];
  for (const doc of docs) {
    const elapsed = elapsedOf(doc.period, today);
    const file = relativeFile(doc.uri, folders);
    const key = ObjectiveItemCache.keyOf(doc, elapsed, file);
    // Graph keys of this file's objectives (one URI normalisation per file, not per objective).
    const keys = cache.nodeKeys(normalizeUri(doc.uri), doc.objectives.length);
    // Links repeat within a file (`Aligns to: company#o3` under many objectives): each resolved once.
    const resolve = index.resolverFor(doc.uri);
    const ok = (href: string) => resolve(href).status === 'ok';
    // Whether the graph facts of this file's objectives may have changed since they were answered.
    const stamp = index.factsStamp(doc.uri);
    doc.objectives.forEach((o, i) => {
      if (keep && !keep(doc, o)) return;
      const own = cache.get(doc, o, elapsed, file, key);
      const kept = cache.kept(o, own, stamp);
      if (kept) {
        out.push(kept);
        return;
      }
      const node = graph.nodes.get(keys[i]);
      // Items are shared between answers: nothing changes them (they are only sent as JSON).
      out.push(
        cache.same(o, own, node, ok, stamp) ??
          cache.remember(
            o,
            own,
            {
              ...own,
              contributing: node?.contributing ?? null,
              alignedBelow: node ? alignedCount(node) : 0,
              alignsTo: o.alignsTo.map((l) => ({
                href: l.href,
                ok: ok(l.href),
                fromParent: l.fromParent,
              })),
              orphan: node?.orphan ?? false,
              inCycle: node?.inCycle ?? false,
            },
            stamp,
          ),
      );
    });
  }
  return out;
}

/**
 * The files whose objectives may be the parent of a new file at `level`: files of a level above it
 * and files without a level; every file when there are none.
 */
export function filesAbove(docs: OkrDocument[], level: Level): OkrDocument[] {
  const rank = LEVELS.indexOf(level);
  const above = docs.filter((d) => !d.level || LEVELS.indexOf(d.level) < rank);
  return above.some((d) => d.objectives.length) ? above : docs;
}

export const objectivesFeature: ServerFeature = {
  register(ctx) {
    const cache = new ObjectiveItemCache();
    // Objectives below an Enter are new items equal to the old ones but for their lines: runs too.
    const answers = new DeltaAnswers<ObjectiveInfo>(2, linesMoved);
    // No params (the handler then gets the cancellation token) or params without `previousResultId`:
    // the flat list, as the new-file wizard reads it (`above`: only what a file at that level may
    // align to). With `previousResultId` (null the first time: JSON drops an undefined key): the
    // delta shape, runs for what is unchanged since that answer.
    const answer = (params: unknown): ObjectiveInfo[] | ObjectivesDelta => {
      if (wantsDelta(params)) {
        return answers.answer(objectiveInfos(ctx.index, ctx.today(), ctx.folders(), cache), params.previousResultId);
      }
      const above = (params as { above?: unknown } | null)?.above;
      const docs = LEVELS.includes(above as Level) ? filesAbove(ctx.index.all(), above as Level) : ctx.index.all();
      // A cache of its own, dropped with the answer: a one-off list of 50,000 objectives must not
      // stay in the server's memory (the views' cache holds what they show).
      return objectiveInfos(ctx.index, ctx.today(), ctx.folders(), new ObjectiveItemCache(), docs);
    };
    ctx.connection.onRequest<ObjectiveInfo[] | ObjectivesDelta, never>(OBJECTIVES_REQUEST, answer);
  },
};
