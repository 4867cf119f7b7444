// `okr/objectives`: every indexed objective, flat, for the views, the new-file wizard and other clients.
import { assessKr, assessObjective, elapsedOf, type GradeColor, type Status } from '../../core/progress';
import { relativeFile } from '../../core/workspace/views';
import type { Objective, OkrDocument } from '../../core/model';
import type { ServerFeature } from '../context';

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

type OwnPart = Omit<ObjectiveInfo, 'contributing' | 'alignedBelow' | 'alignsTo' | 'orphan' | 'inCycle'>;

/**
 * The part of an objective's item that depends on its own file only, remembered per objective
 * object (unchanged objectives stay the same objects across versions, parse/index.ts, and in the
 * index's outlines of closed files): a keystroke in a big file rebuilds one item, not all.
 */
export class ObjectiveItemCache {
  private items = new WeakMap<Objective, { key: string; item: OwnPart }>();

  get(doc: OkrDocument, o: Objective, elapsed: number | null, file: string): OwnPart {
    const key = `${elapsed}|${doc.uri}|${doc.level}|${doc.period?.text}|${file}`;
    let c = this.items.get(o);
    if (!c || c.key !== key) {
      c = { key, item: ownPart(doc, o, elapsed, file) };
      this.items.set(o, c);
    }
    return c.item;
  }
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

export const objectivesFeature: ServerFeature = {
  register(ctx) {
    const cache = new ObjectiveItemCache();
    ctx.connection.onRequest(OBJECTIVES_REQUEST, (): ObjectiveInfo[] =>
      ctx.index.all().flatMap((doc) => {
        const elapsed = elapsedOf(doc.period, ctx.today());
        const file = relativeFile(doc.uri, ctx.folders());
        // Links repeat within a file (`Aligns to: company#o3` under many objectives): each resolved once.
        const resolved = new Map<string, boolean>();
        const ok = (href: string) => {
          let r = resolved.get(href);
          if (r === undefined) resolved.set(href, (r = ctx.index.resolve(doc.uri, href).status === 'ok'));
          return r;
        };
        return doc.objectives.map((o, i) => {
          const own = cache.get(doc, o, elapsed, file);
          const node = ctx.index.node(doc.uri, i);
          return {
            // The cached part is shared between answers: nothing changes it (it is only sent as JSON).
            ...own,
            contributing: node?.contributing ?? null,
            alignedBelow: node ? new Set(node.children.map((e) => e.from)).size : 0,
            alignsTo: o.alignsTo.map((l) => ({
              href: l.href,
              ok: ok(l.href),
              fromParent: l.fromParent,
            })),
            orphan: node?.orphan ?? false,
            inCycle: node?.inCycle ?? false,
          };
        });
      }),
    );
  },
};
