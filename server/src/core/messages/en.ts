// English messages. Keys are shared by every catalog; a test checks that each catalog has them all.
export const en = {
  'objective-without-krs':
    'Objective "{title}" has no key results. Add 2-5 measurable key results below it, e.g. "- KR1: Raise NPS from 30 to 45 by 2026-12-31".',
  'template-placeholder':
    'Unfilled template placeholder {text}: replace it with a real value (a number, a date or a name).',
  'front-matter-invalid.yaml':
    'Front matter is not valid YAML ({detail}). A valid header looks like: owner: Sales, level: department, period: 2026-Q4.',
  'front-matter-invalid.not-a-mapping':
    'Front matter must be a list of "key: value" lines, e.g. "owner: Sales" and "period: 2026-Q4".',
  'front-matter-invalid.level': 'Unknown level "{value}": use company, department, team or individual.',
  'front-matter-invalid.period':
    'Cannot read the period "{value}": write 2026-Q4, 2026-H1, 2026, 2026-10 or 2026-10-01..2026-12-31.',
  'front-matter-invalid.lang': 'Unknown language "{value}": use en, vi or zh.',
  'front-matter-invalid.parent': 'parent must be the relative path of an OKR file, e.g. "../company.okr.md".',
  'front-matter-invalid.owner': 'owner must be a name, e.g. "owner: Finance".',
  'file-skipped.binary': 'This file holds binary data, not text: it is not checked.',
  'file-skipped.too-large': 'This file is too large to check ({detail}).',
  'file-skipped.too-deep': 'This file is nested too deeply or too dense with markup to check safely ({detail}).',
  'fix.front-matter-skeleton': 'Replace the front matter with a valid skeleton',
  'fix.select-placeholder': 'Select the placeholder {text} to fill it in',
  'fix.disable-line': 'Disable {rule} for this line',
  'fix.disable-file': 'Disable {rule} for this file',
  'fix.all': 'Fix all {rule} problems in this file',
} as const;

export type MessageKey = keyof typeof en;
