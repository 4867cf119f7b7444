// `okr/objectives`: every indexed objective, flat, for the views, the new-file wizard and other clients.
import { assessKr, assessObjective, elapsedOf, type GradeColor, type Status } from '../../core/progress';
import { relativeFile } from '../../core/workspace/views';
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

export const objectivesFeature: ServerFeature = {
  register(ctx) {
    ctx.connection.onRequest(OBJECTIVES_REQUEST, (): ObjectiveInfo[] =>
      ctx.index.all().flatMap((doc) => {
        const elapsed = elapsedOf(doc.period, ctx.today());
        return doc.objectives.map((o, i) => {
          const a = assessObjective(o, elapsed);
          const node = ctx.index.node(doc.uri, i);
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
            file: relativeFile(doc.uri, ctx.folders()),
            section: o.section,
            grade: a.grade,
            color: a.color,
            status: a.status,
            contributing: node?.contributing ?? null,
            alignedBelow: node ? new Set(node.children.map((e) => e.from)).size : 0,
            alignsTo: o.alignsTo.map((l) => ({
              href: l.href,
              ok: ctx.index.resolve(doc.uri, l.href).status === 'ok',
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
