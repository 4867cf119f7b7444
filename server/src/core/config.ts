// Rule configuration: settings, `.okr.json` / `.okr.yaml` files and front matter all reduce to this shape.
import type { Severity } from './rules/types';
import { SEVERITIES } from './rules/types';

export type RuleSetting = 'off' | Severity | ({ severity?: 'off' | Severity } & Record<string, unknown>);

export interface OkrConfig {
  /** A built-in profile (`default`, `google`) applied under every explicit rule setting. */
  profile?: string;
  rules?: Record<string, RuleSetting>;
}

/**
 * Built-in profiles. `default` is the seeds' rules (the registry defaults). `google` follows Google's
 * re:Work guide: 3 to 5 objectives, about 3 and at most 4 key results each, and "keep / maintain"
 * objectives flagged more loudly, since re:Work names them as goals to avoid.
 */
export const PROFILES: Record<string, OkrConfig> = {
  default: {},
  google: {
    rules: {
      'objective-count': { min: 3, max: 5 },
      'kr-count': { min: 2, max: 4 },
      'objective-business-as-usual': 'warning',
      'kr-is-activity': 'warning',
    },
  },
};

/** The profile named by the last config that names one (settings, then .okr files, then front matter). */
export function withProfile(configs: (OkrConfig | null | undefined)[]): (OkrConfig | null | undefined)[] {
  let name: string | undefined;
  for (const c of configs) if (typeof c?.profile === 'string' && c.profile) name = c.profile;
  const profile = name ? PROFILES[name] : undefined;
  return profile ? [profile, ...configs] : configs;
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
