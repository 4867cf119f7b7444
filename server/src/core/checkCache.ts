// Findings remembered per objective across versions of one document. Most rules look at one
// objective at a time: their findings for an objective are a function of that objective, the
// rule's options and a few document-level facts (language, line endings, level, period, front
// matter, today, message language). The model builder reuses unchanged objectives as the same
// objects (parse/index.ts), so after a keystroke only the edited objective is checked again by
// those rules; the document-wide rules (counts, duplicate IDs, alignment, placeholders) still run
// over the whole document. Proven equal to checking from scratch by test/core/incremental.test.ts.
import type { Objective, OkrDocument } from './model';
import type { Finding, Rule, RuleContext, Severity } from './rules/types';
import { movedFrom, shiftLinesFrom } from './parse/memo';
import { keepLines, linesOfDoc } from './text';

/**
 * Rules whose findings on a document are the concatenation, in objective order, of their findings
 * on the document reduced to each objective alone, and that read nothing else of the document than
 * the facts in `contextKey` (and lines inside the objective's own section).
 */
export const OBJECTIVE_LOCAL_RULES: ReadonlySet<string> = new Set([
  'objective-without-krs',
  'objective-has-metric',
  'objective-business-as-usual',
  'kr-not-measurable',
  'kr-no-deadline',
  'kr-is-activity',
  'kr-no-evidence',
  'alignment-missing',
  'progress-invalid',
]);

function contextKey(doc: OkrDocument, locale: string, today: string): string {
  return JSON.stringify([
    doc.lang,
    doc.eol,
    doc.level,
    doc.owner,
    doc.period,
    doc.frontMatter,
    doc.text.charCodeAt(0) === 0xfeff,
    locale,
    today,
  ]);
}

/** An objective-local rule to run, as `checkDocument` resolved it. */
export interface LocalJob {
  rule: Rule;
  ctx: RuleContext;
  severity: Severity;
}

export class CheckCache {
  private context: string | null = null;
  /** Per objective: its findings for each job of the last check with the same jobs (`sig`). */
  private found = new WeakMap<Objective, { sig: string; findings: Finding[][]; none: boolean }>();
  private sig = '';
  /** Objective × rule findings taken from the cache and computed, in the last check (for tests). */
  hits = 0;
  misses = 0;
  /** Of the hits, those carried over from the objective a moved one was copied from. */
  moved = 0;

  /** Starts a check of `doc`: what was found under other document-level facts is forgotten. */
  begin(doc: OkrDocument, locale: string, today: string): void {
    const key = contextKey(doc, locale, today);
    if (key !== this.context) {
      this.context = key;
      this.found = new WeakMap();
    }
    this.hits = 0;
    this.misses = 0;
    this.moved = 0;
  }

  /**
   * The findings of objective-local rules, rule after rule, each rule's objective by objective: what
   * the rules give on the whole document. A rule that throws gives nothing (`failed` is told).
   */
  run(doc: OkrDocument, jobs: LocalJob[], failed: (rule: Rule, e: unknown) => void): Finding[] {
    if (jobs.length === 0) return [];
    let sig = jobs
      .map((j) => `${j.rule.meta.id}\u0000${j.severity}\u0000${JSON.stringify(j.ctx.options)}`)
      .join('\u0001');
    // The same string object as last time when equal: comparing it per objective is then free.
    if (sig === this.sig) sig = this.sig;
    else this.sig = sig;
    const outs: Finding[][] = jobs.map(() => []);
    const broken = new Set<number>();
    const lines = linesOfDoc(doc);
    for (const o of doc.objectives) {
      let entry = this.found.get(o);
      if (!entry || entry.sig !== sig) {
        // Copied with its lines moved (below an Enter): the same findings, moved by as many lines.
        const move = movedFrom(o);
        const was = move && this.found.get(move.from);
        const findings =
          move && was && was.sig === sig && shiftLinesFrom(was.findings, move.from.range.start.line, move.delta);
        if (findings) {
          entry = { sig, findings, none: was.none };
          this.found.set(o, entry);
          this.moved += jobs.length;
        }
      }
      if (entry && entry.sig === sig) {
        this.hits += jobs.length;
      } else {
        this.misses += jobs.length;
        const alone: OkrDocument = { ...doc, objectives: [o] };
        keepLines(alone, lines);
        let ok = true;
        const findings = jobs.map((j, k): Finding[] => {
          if (broken.has(k)) return [];
          try {
            const id = j.rule.meta.id;
            return j.rule
              .check({ ...j.ctx, doc: alone })
              .map((f) => ({ ...f, rule: id, severity: f.severity ?? j.severity }));
          } catch (e) {
            broken.add(k);
            failed(j.rule, e);
            ok = false;
            return [];
          }
        });
        entry = { sig, findings, none: findings.every((fs) => fs.length === 0) };
        if (ok) this.found.set(o, entry);
      }
      // Most objectives have nothing to report: one flag instead of a loop over every rule.
      if (entry.none) continue;
      entry.findings.forEach((fs, k) => {
        for (const f of fs) outs[k].push(f);
      });
    }
    const out: Finding[] = [];
    outs.forEach((fs, k) => {
      if (!broken.has(k)) for (const f of fs) out.push(f);
    });
    return out;
  }
}
