// The `okr show --format json` contract. Add fields, never rename them.
import type { OkrDocument } from './model';

export interface JsonModel {
  file: string;
  owner: string | null;
  level: string | null;
  period: string | null;
  lang: string;
  progress: number | null;
  objectives: {
    id: string;
    title: string;
    line: number;
    progress: number | null;
    rawProgress: number | null;
    owner: string | null;
    type: string;
    alignsTo: { href: string; line: number }[];
    keyResults: {
      id: string;
      title: string;
      line: number;
      progress: number | null;
      rawProgress: number | null;
      start: number | null;
      target: number | null;
      current: number | null;
      unit: string | null;
      binary: boolean;
      weight: number;
      confidence: number | null;
      checkIns: { date: string | null; value: number | null; confidence: number | null; line: number }[];
    }[];
  }[];
}

export function toJsonModel(doc: OkrDocument, file: string): JsonModel {
  return {
    file,
    owner: doc.owner,
    level: doc.level,
    period: doc.period?.text ?? null,
    lang: doc.lang,
    progress: doc.progress,
    objectives: doc.objectives.map((o) => ({
      id: o.id,
      title: o.title,
      line: o.range.start.line + 1,
      progress: o.progress,
      rawProgress: o.rawProgress,
      owner: o.owner,
      type: o.type,
      alignsTo: o.alignsTo.map((a) => ({ href: a.href, line: a.range.start.line + 1 })),
      keyResults: o.keyResults.map((k) => ({
        id: k.id,
        title: k.title,
        line: k.range.start.line + 1,
        progress: k.progress,
        rawProgress: k.rawProgress,
        start: k.start,
        target: k.target,
        current: k.current,
        unit: k.unit,
        binary: k.binary,
        weight: k.weight,
        confidence: k.confidence,
        checkIns: k.checkIns.map((c) => ({
          date: c.date,
          value: c.value,
          confidence: c.confidence,
          line: c.range.start.line + 1,
        })),
      })),
    })),
  };
}
