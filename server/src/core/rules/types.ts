import type { Lang, OkrDocument, Range } from '../model';
import type { MessageKey, MessageParams } from '../messages';
import type { WorkspaceIndex } from '../workspace/index';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A fix is plain data: text edits the editor applies as one undoable step. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
  /** Where to put the cursor after applying, when the fix leaves something to fill in. */
  select?: Range;
}

export interface Finding {
  rule: string;
  severity: Severity;
  range: Range;
  message: string;
  fixes?: Fix[];
}

export interface RuleMeta {
  id: string;
  /** One line, English; the docs page and the settings UI use it. */
  description: string;
  defaultSeverity: Severity;
  fixable: boolean;
  /** Default options (`min`, `max`, word lists). */
  options?: Record<string, unknown>;
  /** The page in docs/rules/. */
  docs: string;
  /** Needs the workspace index (cross-file facts). */
  crossFile?: boolean;
}

export interface RuleContext {
  doc: OkrDocument;
  options: Record<string, unknown>;
  /** Language of messages: the file's language. */
  lang: Lang;
  msg(key: MessageKey, params?: MessageParams): string;
  /** Cross-file facts, when the caller has a workspace index. */
  index: WorkspaceIndex | null;
  /** ISO date of "today", injected so rules stay testable. */
  today: string;
}

export type RuleFinding = Omit<Finding, 'severity' | 'rule'> & { severity?: Severity };

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): RuleFinding[];
}
