// The snippet pack as data: one template snippet per category and language, and small structural
// snippets (objective, key result, check-in, alignment, front matter). scripts/snippets.mjs writes
// it to snippets/*.json; a test checks the committed files match and that every snippet expands
// to a valid OKR file.
import type { Lang } from '../model';
import { escapeSnippet, renderTemplateSet, snippetHooks } from './build';
import { TEMPLATE_CATEGORIES } from './templates';

export interface Snippet {
  prefix: string;
  body: string[];
  description: string;
}

export type SnippetFile = Record<string, Snippet>;

export const SNIPPET_LANGS: readonly Lang[] = ['en', 'vi', 'zh'];

/** `okr-sales`, `okr-sales-vi`, `okr-sales-zh`. */
export function snippetPrefix(base: string, lang: Lang): string {
  return lang === 'en' ? `okr-${base}` : `okr-${base}-${lang}`;
}

const TEMPLATE_DESCRIPTION: Record<Lang, (name: string, n: number) => string> = {
  en: (name, n) => `OKR template, ${name}: ${n} objectives with measurable key results (English)`,
  vi: (name, n) => `Mẫu OKR ${name}: ${n} mục tiêu kèm kết quả then chốt đo được (Tiếng Việt)`,
  zh: (name, n) => `OKR模板·${name}：${n}个目标及可衡量的关键结果（中文）`,
};

/** Words of the structural snippets, per language. Bracketed defaults are placeholders. */
const WORDS: Record<
  Lang,
  {
    objective: string;
    kr: string;
    value: string;
    date: string;
    owner: string;
    parentObjective: string;
    number: string;
    confidence: string;
    krLine: (n: string, text: string, a: string, b: string) => string;
    binaryLine: (n: string, text: string, date: string) => string;
    describe: Record<'objective' | 'kr' | 'binary' | 'checkin' | 'align' | 'frontmatter', string>;
  }
> = {
  en: {
    objective: '[objective]',
    kr: '[key result]',
    value: '[value]',
    date: '[date]',
    owner: '[owner]',
    parentObjective: '[parent objective]',
    number: '[number]',
    confidence: 'confidence',
    krLine: (n, text, a, b) => `- KR${n}: ${text} from ${a} to ${b}`,
    binaryLine: (n, text, date) => `- [ ] KR${n}: ${text} by ${date}`,
    describe: {
      objective: 'OKR: a new objective with three measurable key results',
      kr: 'OKR: a measurable key result (from a start to a target)',
      binary: 'OKR: a done-or-not-done key result with a deadline',
      checkin: "OKR: a check-in with today's date, a value and a confidence",
      align: 'OKR: an alignment line linking to the parent objective',
      frontmatter: 'OKR: front matter (owner, level, current quarter, language, parent)',
    },
  },
  vi: {
    objective: '[mục tiêu]',
    kr: '[kết quả then chốt]',
    value: '[giá trị]',
    date: '[ngày]',
    owner: '[người phụ trách]',
    parentObjective: '[mục tiêu cấp trên]',
    number: '[số lượng]',
    confidence: 'độ tin cậy',
    krLine: (n, text, a, b) => `- KR${n}: ${text} từ ${a} ${'${100|lên,xuống|}'} ${b}`,
    binaryLine: (n, text, date) => `- [ ] KR${n}: ${text} trước ngày ${date}`,
    describe: {
      objective: 'OKR: một mục tiêu mới với ba kết quả then chốt đo được',
      kr: 'OKR: một kết quả then chốt đo được (từ điểm xuất phát đến đích)',
      binary: 'OKR: một kết quả then chốt dạng hoàn thành/chưa hoàn thành, có hạn chót',
      checkin: 'OKR: cập nhật tiến độ hôm nay, kèm giá trị và độ tin cậy',
      align: 'OKR: dòng căn chỉnh liên kết tới mục tiêu cấp trên',
      frontmatter: 'OKR: phần đầu tệp (người phụ trách, cấp, quý hiện tại, ngôn ngữ, tệp cấp trên)',
    },
  },
  zh: {
    objective: '[目标]',
    kr: '[关键结果]',
    value: '[数值]',
    date: '[日期]',
    owner: '[负责人]',
    parentObjective: '[上级目标]',
    number: '[数量]',
    confidence: '信心',
    krLine: (n, text, a, b) => `- 关键结果${n}：${text}从${a}${'${100|提高,降低|}'}到${b}`,
    binaryLine: (n, text, date) => `- [ ] 关键结果${n}：在${date}前${text}`,
    describe: {
      objective: 'OKR：新的目标，附三个可衡量的关键结果',
      kr: 'OKR：可衡量的关键结果（从起点到目标值）',
      binary: 'OKR：有截止日期、只分完成与未完成的关键结果',
      checkin: 'OKR：今天的进度更新，含数值和信心',
      align: 'OKR：对齐到上级目标的链接',
      frontmatter: 'OKR：文件头（负责人、层级、本季度、语言、上级文件）',
    },
  },
};

const OBJ_HEAD: Record<Lang, (n: string) => string> = {
  en: (n) => `## O${n}: `,
  vi: (n) => `## Mục tiêu ${n}: `,
  zh: (n) => `## 目标${n}：`,
};
const ALIGN: Record<Lang, string> = { en: 'Aligns to: ', vi: 'Căn chỉnh: ', zh: '对齐：' };

const NUMBER_CHOICE = (i: number) => `\${${i}|1,2,3,4,5|}`;
const ts = (i: number, text: string) => `\${${i}:${escapeSnippet(text)}}`;
/** `${100|…|}` in a KR line stands for "the next tab stop": renumbered below. */
const renumber = (line: string, next: number) => line.replace('${100|', `\${${next}|`);

/** Current quarter, computed by VS Code when the snippet is inserted. */
const QUARTER =
  '${CURRENT_YEAR}-${CURRENT_MONTH/(0[1-3])|(0[4-6])|(0[7-9])|(1[0-2])/${1:+Q1}${2:+Q2}${3:+Q3}${4:+Q4}/}';
const TODAY = '$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE';

function structural(lang: Lang): SnippetFile {
  const w = WORDS[lang];
  const out: SnippetFile = {};
  const add = (key: string, body: string[]) => {
    out[`${key} (${lang})`] = {
      prefix: snippetPrefix(key, lang),
      body,
      description: w.describe[(key === 'kr-done' ? 'binary' : key) as keyof typeof w.describe],
    };
  };
  // Key-result lines: en has 3 stops (text, from, to); vi and zh add a direction choice.
  const kr = (n: string, first: number): { line: string; next: number } => {
    if (lang === 'en') {
      return { line: w.krLine(n, ts(first, w.kr), ts(first + 1, w.number), ts(first + 2, w.number)), next: first + 3 };
    }
    const line = w.krLine(n, ts(first, w.kr), ts(first + 1, w.number), ts(first + 3, w.number));
    return { line: renumber(line, first + 2), next: first + 4 };
  };
  let next = 3;
  const objLines = [`${OBJ_HEAD[lang](NUMBER_CHOICE(1))}${ts(2, w.objective)}`, ''];
  for (const n of ['1', '2', '3']) {
    const k = kr(n, next);
    objLines.push(k.line);
    next = k.next;
  }
  add('objective', [...objLines, '$0']);
  add('kr', [`${kr(NUMBER_CHOICE(1), 2).line}$0`]);
  add('kr-done', [`${w.binaryLine(NUMBER_CHOICE(1), ts(2, w.kr), ts(3, w.date))}$0`]);
  add('checkin', [`- ${TODAY}: ${ts(1, w.value)} · ${w.confidence} \${2|7,8,9,10,6,5,4,3,2,1,0|}/10$0`]);
  out[`align (${lang})`] = {
    prefix: snippetPrefix('align', lang),
    body: [`${ALIGN[lang]}[${ts(1, w.parentObjective)}](\${2:../company.okr.md}#\${3|o1,o2,o3,o4,o5|})$0`],
    description: w.describe.align,
  };
  add('frontmatter', [
    '---',
    `owner: ${ts(1, w.owner)}`,
    'level: ${2|team,department,individual,company|}',
    `period: ${QUARTER}`,
    `lang: ${lang}`,
    'parent: ${3:../company.okr.md}',
    '---',
    '',
    `# OKR · ${ts(1, w.owner)}`,
    '',
    '$0',
  ]);
  return out;
}

function templates(lang: Lang): SnippetFile {
  const out: SnippetFile = {};
  for (const c of TEMPLATE_CATEGORIES) {
    const set = c.sets[lang];
    const body = renderTemplateSet(set, lang, { hooks: snippetHooks() });
    out[`${c.id} (${lang})`] = {
      prefix: snippetPrefix(c.id, lang),
      body: [...body.replace(/\n+$/, '').split('\n'), '$0'],
      description: TEMPLATE_DESCRIPTION[lang](c.name[lang], set.objectives.length),
    };
  }
  return out;
}

/** Every snippet file, by name under snippets/. */
export function buildSnippetFiles(): Record<string, SnippetFile> {
  const files: Record<string, SnippetFile> = {};
  for (const lang of SNIPPET_LANGS) {
    files[`okr-structure.${lang}.json`] = structural(lang);
    files[`okr-templates.${lang}.json`] = templates(lang);
  }
  return files;
}
