// Rule configuration: settings, `.okr.json` / `.okr.yaml` files and front matter all reduce to this shape.
import type { Severity } from './rules/types';
import { SEVERITIES } from './rules/types';

export type RuleSetting = 'off' | Severity | ({ severity?: 'off' | Severity } & Record<string, unknown>);

export interface OkrConfig {
  rules?: Record<string, RuleSetting>;
}

export interface ResolvedRule {
  severity: Severity | 'off';
  options: Record<string, unknown>;
}

function isSeverity(v: unknown): v is Severity | 'off' {
  return v === 'off' || (SEVERITIES as readonly unknown[]).includes(v);
}

/** Later configs win; a rule's options merge over its defaults. */
export function resolveRule(
  id: string,
  defaults: { severity: Severity; options?: Record<string, unknown> },
  configs: (OkrConfig | null | undefined)[],
): ResolvedRule {
  let severity: Severity | 'off' = defaults.severity;
  const options: Record<string, unknown> = { ...(defaults.options ?? {}) };
  for (const c of configs) {
    const s = c?.rules?.[id];
    if (s === undefined || s === null) continue;
    if (typeof s === 'string') {
      if (isSeverity(s)) severity = s;
      continue;
    }
    if (typeof s === 'object') {
      for (const [k, v] of Object.entries(s)) {
        if (k === 'severity') {
          if (isSeverity(v)) severity = v;
        } else {
          options[k] = v;
        }
      }
    }
  }
  return { severity, options };
}
