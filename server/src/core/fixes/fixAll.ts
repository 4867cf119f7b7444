// "Fix all": the preferred fix of every finding (of one rule, or of every rule) as one set of edits.
import type { Finding, TextEdit } from '../rules/types';
import { mergeEdits } from './edits';

export interface FixAllOptions {
  /** Only findings of this rule. */
  rule?: string;
  /**
   * Leave out fixes that leave something for the user to fill in (a `select`): right for fix-on-save
   * (`source.fixAll.okr`), where nobody is looking at the cursor.
   */
  unattended?: boolean;
}

export function fixAllEdits(findings: Finding[], opts: FixAllOptions = {}): TextEdit[] {
  const groups: TextEdit[][] = [];
  for (const f of findings) {
    if (opts.rule && f.rule !== opts.rule) continue;
    const fix = (f.fixes ?? []).find((x) => x.isPreferred && x.edits.length > 0);
    if (!fix || (opts.unattended && fix.select)) continue;
    groups.push(fix.edits);
  }
  return mergeEdits(groups);
}
