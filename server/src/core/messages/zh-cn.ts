import type { MessageKey } from './en';

export const zhCn: Record<MessageKey, string> = {
  'objective-without-krs':
    '目标“{title}”没有关键结果。请在下方添加 2-5 个可衡量的关键结果，例如“- 关键结果1：2026年12月31日前将NPS从30提高到45”。',
  'template-placeholder': '模板占位符 {text} 尚未填写：请替换为实际的值（数字、日期或名称）。',
  'front-matter-invalid.yaml':
    '文件头（front matter）不是有效的 YAML（{detail}）。有效示例：owner: 财务部、level: department、period: 2026-Q4。',
  'front-matter-invalid.not-a-mapping': '文件头必须是“键: 值”的行，例如“owner: 财务部”和“period: 2026-Q4”。',
  'front-matter-invalid.level': '未知的层级“{value}”：请使用 company、department、team 或 individual。',
  'front-matter-invalid.period':
    '无法识别周期“{value}”：请写成 2026-Q4、2026-H1、2026、2026-10 或 2026-10-01..2026-12-31。',
  'front-matter-invalid.lang': '未知的语言“{value}”：请使用 en、vi 或 zh。',
  'front-matter-invalid.parent': 'parent 必须是某个 OKR 文件的相对路径，例如“../company.okr.md”。',
  'front-matter-invalid.owner': 'owner 必须是一个名称，例如“owner: 财务部”。',
  'file-skipped.binary': '此文件包含二进制数据而不是文本：不予检查。',
  'file-skipped.too-large': '此文件太大，无法检查（{detail}）。',
  'file-skipped.too-deep': '此文件嵌套过深或标记过于密集，无法安全检查（{detail}）。',
  'fix.front-matter-skeleton': '用有效的框架替换文件头',
  'fix.select-placeholder': '选中占位符 {text} 以便填写',
  'fix.disable-line': '在此行禁用 {rule}',
  'fix.disable-file': '在此文件中禁用 {rule}',
  'fix.all': '修复此文件中所有 {rule} 问题',
};
