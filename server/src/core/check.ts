// Runs the rules on one document: configuration, disable comments and message language applied here,
// so every rule stays a plain function of the model.
import type { CheckCache, LocalJob } from './checkCache';
import { OBJECTIVE_LOCAL_RULES } from './checkCache';
import type { OkrConfig } from './config';
import { resolveRule, withProfile } from './config';
import { format, localeOf, type MessageKey, type MessageParams } from './messages';
import type { Directive, OkrDocument } from './model';
import { parseExtras } from './parse/index';
import { rules as allRules } from './rules/index';
import type { Finding, Rule } from './rules/types';
import type { WorkspaceIndex } from './workspace/index';

export interface CheckOptions {
  /** Configs in increasing priority (settings, then .okr files); front matter `rules:` comes last. */
  configs?: (OkrConfig | null | undefined)[];
  index?: WorkspaceIndex | null;
  /** ISO date; defaults to the real today. */
  today?: string;
  /** Message language; defaults to the file's language. */
  locale?: string;
  rules?: readonly Rule[];
  /** Findings of unchanged objectives from the previous check of the same document (checkCache.ts). */
  cache?: CheckCache;
}

export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function checkDocument(doc: OkrDocument, opts: CheckOptions = {}): Finding[] {
  const locale = localeOf(opts.locale ?? doc.lang);
  const fmRules = parseExtras(doc).frontMatter?.rules;
  const configs = withProfile([...(opts.configs ?? []), fmRules ? ({ rules: fmRules } as OkrConfig) : null]);
  const today = opts.today ?? todayIso();
  const out: Finding[] = [];
  const cache = opts.cache && !doc.skipped ? opts.cache : null;
  cache?.begin(doc, locale, today);
  const local: LocalJob[] = [];
  const failed = (rule: Rule, e: unknown) =>
    // A rule bug must not take the other rules' findings down with it.
    console.error(`okr: rule ${rule.meta.id} failed on ${doc.uri}: ${(e as Error)?.stack ?? e}`);
  for (const rule of opts.rules ?? allRules) {
    if (doc.skipped && rule.meta.id !== 'file-skipped') continue;
    const resolved = resolveRule(
      rule.meta.id,
      { severity: rule.meta.defaultSeverity, options: rule.meta.options },
      configs,
    );
    if (resolved.severity === 'off') continue;
    let found;
    try {
      const ctx = {
        doc,
        options: resolved.options,
        lang: doc.lang,
        msg: (key: MessageKey, params?: MessageParams) => format(locale, key, params),
        index: opts.index ?? null,
        today,
      };
      if (cache && OBJECTIVE_LOCAL_RULES.has(rule.meta.id)) {
        // Run below, objective by objective, all together (the final sort restores the order).
        local.push({ rule, ctx, severity: resolved.severity as Finding['severity'] });
        continue;
      }
      found = rule.check(ctx);
    } catch (e) {
      failed(rule, e);
      continue;
    }
    for (const f of found) {
      out.push({ ...f, rule: rule.meta.id, severity: f.severity ?? (resolved.severity as Finding['severity']) });
    }
  }
  // Complete findings (rule and severity set): the same objects as last time for unchanged objectives.
  if (cache) for (const f of cache.run(doc, local, failed)) out.push(f);
  const visible = applyDirectives(out, doc.directives);
  visible.sort(compareFindings);
  return visible;
}

/** The order of a document's findings: position, then rule (a stable sort keeps each rule's own order). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.rule.localeCompare(b.rule)
  );
}

/** `okr-disable-next-line`, `okr-disable-line`, `okr-disable … okr-enable`, `okr-disable-file`. */
export function applyDirectives(findings: Finding[], directives: Directive[]): Finding[] {
  if (directives.length === 0) return findings;
  const sorted = [...directives].sort((a, b) => a.line - b.line);
  const matches = (d: Directive, rule: string) => d.rules.length === 0 || d.rules.includes(rule);
  return findings.filter((f) => {
    const line = f.range.start.line;
    let disabled = false;
    for (const d of sorted) {
      if (d.kind === 'disable-file' && matches(d, f.rule)) return false;
      if (d.kind === 'disable-next-line' && d.line + 1 === line && matches(d, f.rule)) return false;
      if (d.kind === 'disable-line' && d.line === line && matches(d, f.rule)) return false;
      if (d.line > line) continue;
      if (d.kind === 'disable' && matches(d, f.rule)) disabled = true;
      if (d.kind === 'enable' && matches(d, f.rule)) disabled = false;
    }
    return !disabled;
  });
}
