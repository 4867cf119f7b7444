// `okr/objectives`: every indexed objective, flat, for the views, the new-file wizard and other clients.
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
  keyResults: { id: string; title: string; progress: number | null; line: number }[];
}

export const OBJECTIVES_REQUEST = 'okr/objectives';

export const objectivesFeature: ServerFeature = {
  register(ctx) {
    ctx.connection.onRequest(OBJECTIVES_REQUEST, (): ObjectiveInfo[] =>
      ctx.index.all().flatMap((doc) =>
        doc.objectives.map((o) => ({
          uri: doc.uri,
          id: o.id,
          title: o.title,
          owner: o.owner,
          level: doc.level,
          period: doc.period?.text ?? null,
          progress: o.progress,
          line: o.range.start.line,
          keyResults: o.keyResults.map((k) => ({
            id: k.id,
            title: k.title,
            progress: k.progress,
            line: k.range.start.line,
          })),
        })),
      ),
    );
  },
};
