// Turns a template set into text: a whole new OKR file (the new-file wizard) or a snippet body
// (the snippet pack). Pure: today, the owner and the parent come in as arguments.
import { URI } from 'vscode-uri';
import type { Lang, Level } from '../model';
import { BLANK, BLANK_LABELS, type BlankKind, type TemplateSet } from './templates';

/** Written markers per language, as docs/format.md lists them. */
export const MARKERS: Record<Lang, { objective: (n: number) => string; kr: (n: number) => string; align: string }> = {
  en: { objective: (n) => `O${n}: `, kr: (n) => `KR${n}: `, align: 'Aligns to: ' },
  vi: { objective: (n) => `Mục tiêu ${n}: `, kr: (n) => `KR${n}: `, align: 'Căn chỉnh: ' },
  zh: { objective: (n) => `目标${n}：`, kr: (n) => `关键结果${n}：`, align: '对齐：' },
};

export interface RenderHooks {
  /** Text for the index-th blank (1-based, in reading order) of a kind. */
  blank(kind: BlankKind, index: number, lang: Lang): string;
  /** Literal template text as it must be written (snippets escape `$`, `}` and `\`). */
  literal(text: string): string;
}

export const plainHooks: RenderHooks = {
  blank: (kind, _i, lang) => BLANK_LABELS[lang][kind],
  literal: (t) => t,
};

/** `$`, `}` and `\` are special in VS Code snippet bodies. */
export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/** Tab stops numbered in reading order; the default text is the bracketed placeholder. */
export function snippetHooks(): RenderHooks {
  return {
    blank: (kind, i, lang) => `\${${i}:${escapeSnippet(BLANK_LABELS[lang][kind])}}`,
    literal: escapeSnippet,
  };
}

export interface RenderOptions {
  hooks?: RenderHooks;
  /** Alignment line written under the first objective: `[label](href)`. */
  alignTo?: { label: string; href: string } | null;
  /** Include the `# heading` line. */
  heading?: boolean;
  /** First tab-stop number (snippets). */
  firstBlank?: number;
}

/** The objectives of a template set as Markdown (ends with a newline). */
export function renderTemplateSet(set: TemplateSet, lang: Lang, opts: RenderOptions = {}): string {
  const hooks = opts.hooks ?? plainHooks;
  let n = opts.firstBlank ?? 1;
  const fill = (text: string): string => {
    let out = '';
    let last = 0;
    for (const m of text.matchAll(BLANK)) {
      out += hooks.literal(text.slice(last, m.index)) + hooks.blank(m[1] as BlankKind, n++, lang);
      last = m.index + m[0].length;
    }
    return out + hooks.literal(text.slice(last));
  };
  const marks = MARKERS[lang];
  const lines: string[] = [];
  if (opts.heading !== false) lines.push(hooks.literal(`# ${set.heading}`), '');
  set.objectives.forEach((obj, i) => {
    lines.push(hooks.literal(`## ${marks.objective(i + 1)}`) + fill(obj.title), '');
    if (i === 0 && opts.alignTo) {
      lines.push(hooks.literal(`${marks.align}[${escapeLinkText(opts.alignTo.label)}](${opts.alignTo.href})`), '');
    }
    obj.krs.forEach((kr, k) => {
      const box = kr.startsWith('- [ ] ');
      const text = box ? kr.slice(6) : kr;
      lines.push(hooks.literal(`- ${box ? '[ ] ' : ''}${marks.kr(k + 1)}`) + fill(text));
    });
    lines.push('');
  });
  return lines.join('\n');
}

/** Number of blanks a set holds (snippets number their own tab stops after them). */
export function countBlanks(set: TemplateSet): number {
  return set.objectives.reduce(
    (sum, o) => sum + [o.title, ...o.krs].reduce((s, t) => s + [...t.matchAll(BLANK)].length, 0),
    0,
  );
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]\\]/g, (c) => `\\${c}`);
}

/** The quarter after the one `today` (YYYY-MM-DD) falls in: `2026-11-23` -> `2027-Q1`. */
export function nextQuarter(today: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(today);
  if (!m) throw new Error(`not an ISO date: ${today}`);
  const q = Math.floor((+m[2] - 1) / 3) + 1;
  return q === 4 ? `${+m[1] + 1}-Q1` : `${m[1]}-Q${q + 1}`;
}

export function currentQuarter(today: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(today);
  if (!m) throw new Error(`not an ISO date: ${today}`);
  return `${m[1]}-Q${Math.floor((+m[2] - 1) / 3) + 1}`;
}

/**
 * A Markdown link destination from one file to another (`../company.okr.md#o1`), relative like
 * every alignment link. Paths with spaces or brackets go in angle brackets so they stay readable;
 * null when the files are on different schemes or hosts.
 */
export function relativeHref(fromUri: string, toUri: string, fragment = ''): string | null {
  const from = URI.parse(fromUri);
  const to = URI.parse(toUri);
  if (from.scheme !== to.scheme || from.authority !== to.authority) return null;
  const a = from.path.split('/').slice(0, -1);
  const b = to.path.split('/');
  let i = 0;
  // Windows drive letters compare case-insensitively.
  while (i < a.length && i < b.length - 1 && (a[i] === b[i] || (i === 1 && a[i].toLowerCase() === b[i].toLowerCase())))
    i++;
  const parts = [...a.slice(i).map(() => '..'), ...b.slice(i)];
  let path = parts.join('/');
  if (!path.startsWith('..')) path = `./${path}`;
  const href = fragment ? `${path}#${fragment}` : path;
  return /[\s()<>]/.test(href) ? `<${href.replace(/[<>]/g, encodeURIComponent)}>` : href;
}

/** A YAML scalar for a free-text value: plain when that is safe, double-quoted otherwise. */
export function yamlScalar(value: string): string {
  const plain =
    value !== '' &&
    !/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(value) &&
    !/:\s|\s#|:$|\s$|[\n\r\t]/.test(value) &&
    !/^(true|false|yes|no|on|off|null|~|[\d.+-][\d._:-]*)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

export interface NewFileSpec {
  set: TemplateSet;
  lang: Lang;
  owner: string;
  level: Level;
  /** `2027-Q1`, `2027`, `2027-H1` or a date range. */
  period: string;
  /** Relative path of the parent file, for the front matter. */
  parent?: string | null;
  /** Alignment line of the first objective. */
  alignTo?: { label: string; href: string } | null;
  eol?: '\n' | '\r\n';
}

/** The text of a new OKR file: front matter, the template's objectives with placeholders. */
export function buildNewFile(spec: NewFileSpec): string {
  const fm = [
    '---',
    `owner: ${yamlScalar(spec.owner)}`,
    `level: ${spec.level}`,
    `period: ${spec.period}`,
    `lang: ${spec.lang}`,
    ...(spec.parent ? [`parent: ${yamlScalar(spec.parent.replace(/^<|>$/g, ''))}`] : []),
    '---',
    '',
  ].join('\n');
  const body = renderTemplateSet(
    // The owner goes in the title unless the template's heading already names it.
    {
      ...spec.set,
      heading: spec.set.heading.includes(spec.owner) ? spec.set.heading : `${spec.set.heading} · ${spec.owner}`,
    },
    spec.lang,
    { alignTo: spec.alignTo ?? null },
  );
  const text = `${fm}\n${body}`.replace(/\n+$/, '\n');
  return spec.eol === '\r\n' ? text.replace(/\n/g, '\r\n') : text;
}
