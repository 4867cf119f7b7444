// Core data -> LSP types. The core already speaks LSP positions (UTF-16), so this is mostly naming.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../core/index';

export const DIAGNOSTIC_SOURCE = 'okr';
export const DOCS_BASE = 'https://github.com/okr-markdown/okr-markdown/blob/main/';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Findings of unchanged objectives are the same objects from one check to the next (core/checkCache.ts):
 * so are their diagnostics. Neither is ever changed after it is made.
 */
const converted = new WeakMap<Finding, { docs: string | undefined; diagnostic: Diagnostic }>();

export function toDiagnostic(f: Finding, docs: string | undefined): Diagnostic {
  const hit = converted.get(f);
  if (hit && hit.docs === docs) return hit.diagnostic;
  const diagnostic = convert(f, docs);
  converted.set(f, { docs, diagnostic });
  return diagnostic;
}

function convert(f: Finding, docs: string | undefined): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
  };
  if (docs) d.codeDescription = { href: DOCS_BASE + docs };
  return d;
}
