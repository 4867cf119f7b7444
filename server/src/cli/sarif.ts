// SARIF 2.1.0 output for `okr check --format sarif` (code scanning UIs read it).
import { rules as allRules, type RuleMeta } from '../core/index';

/** One finding of the `check --format json` contract (a type-only import: no cycle at run time). */
export type SarifInput = import('./main').JsonFinding;

export const DOCS_URL = 'https://github.com/okr-markdown/okr-markdown/blob/main/';

const LEVEL: Record<string, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

export function toSarif(
  findings: SarifInput[],
  version: string,
  metas: readonly RuleMeta[] = allRules.map((r) => r.meta),
) {
  const ruleIndex = new Map(metas.map((m, i) => [m.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'okr',
            informationUri: 'https://github.com/okr-markdown/okr-markdown',
            version,
            rules: metas.map((m) => ({
              id: m.id,
              shortDescription: { text: m.description },
              helpUri: DOCS_URL + m.docs,
              defaultConfiguration: { level: LEVEL[m.defaultSeverity] },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
          level: LEVEL[f.severity] ?? 'warning',
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split('\\').join('/').split('/').map(encodeURIComponent).join('/') },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
}
