// The core's public face: pure functions on text and data. No editor, no file system.
export * from './model';
export { parseOkr, DEFAULT_MAX_SIZE, type ParseOptions } from './parse/index';
export { checkDocument, todayIso, type CheckOptions } from './check';
export { rules, ruleById } from './rules/index';
export type { Finding, Fix, Rule, RuleMeta, Severity, TextEdit } from './rules/types';
export { WorkspaceIndex, findFragment, normalizeUri, type LinkResolution } from './workspace/index';
export type { AlignmentEdge, AlignmentGraph, ObjectiveNode } from './workspace/alignment';
export type { OkrConfig } from './config';
export { LineIndex } from './text';
export { toJsonModel, type JsonModel } from './json';
export { format, localeOf, type Locale } from './messages';
export { fixAllEdits, type FixAllOptions } from './fixes/fixAll';
export { applyEdits } from './fixes/edits';
export { PROFILES, withProfile } from './config';
export {
  CONFIG_FILE_NAMES,
  configsOf,
  isConfigFileUri,
  loadConfigChain,
  parseConfigText,
  type ConfigFile,
} from './configFiles';
