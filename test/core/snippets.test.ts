import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { checkDocument, parseOkr, WorkspaceIndex, type Lang, type OkrDocument } from '../../server/src/core/index';
import { buildSnippetFiles, type Snippet } from '../../server/src/core/authoring/snippets';
import { TEMPLATE_CATEGORIES } from '../../server/src/core/authoring/templates';
import { dateVariables, expandSnippet, tabStops, type TabStop } from './snippetExpander';

const root = new URL('../../', import.meta.url);
const TODAY = '2026-11-23';
const COMPANY_URI = 'file:///ws/company.okr.md';
const FILE_URI = 'file:///ws/team/snippet.okr.md';

const company = parseOkr(
  [
    '---',
    'owner: Company',
    'level: company',
    'period: 2026-Q4',
    '---',
    '',
    ...[1, 2, 3, 4, 5].flatMap((n) => [
      `## O${n}: Company objective number ${'abcde'[n - 1]}`,
      '',
      `- KR1: Revenue from 1 to 2`,
      '',
    ]),
  ].join('\n'),
  COMPANY_URI,
);

function workspace(doc: OkrDocument): WorkspaceIndex {
  const index = new WorkspaceIndex(['file:///ws/']);
  index.set(company);
  index.set(doc);
  return index;
}

/** Sample words for text tab stops, per language; numbers and dates are generated. */
const SAMPLES: Record<Lang, Record<string, string>> = {
  en: {
    '[objective]': 'Make onboarding effortless for new customers',
    '[key result]': 'Customers active in their first week',
    '[owner]': 'Growth team',
    '[parent objective]': 'Company O1',
    '[topic]': 'Figma',
    '[date]': '2026-12-15',
  },
  vi: {
    '[mục tiêu]': 'Khách hàng mới dùng thành thạo sản phẩm',
    '[kết quả then chốt]': 'Số khách hàng hoạt động trong tuần đầu',
    '[người phụ trách]': 'Nhóm Tăng trưởng',
    '[mục tiêu cấp trên]': 'Công ty O1',
    '[chủ đề]': 'Excel',
    '[ngày]': '15/12/2026',
  },
  zh: {
    '[目标]': '让新客户轻松上手',
    '[关键结果]': '首周活跃的新客户',
    '[负责人]': '增长团队',
    '[上级目标]': '公司 O1',
    '[主题]': 'PMP',
    '[日期]': '2026-12-15',
  },
};

function filler(lang: Lang): (stop: TabStop) => string | undefined {
  let n = 0;
  return (stop) => {
    if (stop.choices) return undefined; // the first choice is a real value
    const sample = SAMPLES[lang][stop.defaultText];
    if (sample !== undefined) return sample;
    if (/^\[.*\]$/.test(stop.defaultText)) return String((n += 10)); // numbers, percentages, amounts, values
    return undefined; // a real default (a path)
  };
}

const LANG_OF = (key: string): Lang => (/\((vi|zh)\)$/.exec(key)?.[1] as Lang) ?? 'en';

interface Wrapped {
  text: string;
  /** Objectives the expanded file must hold, each with at least one key result. */
  objectives: number;
}

const OBJ: Record<Lang, string> = {
  en: '## O1: Make onboarding effortless for new customers',
  vi: '## Mục tiêu 1: Khách hàng mới dùng thành thạo sản phẩm',
  zh: '## 目标1：让新客户轻松上手',
};
const KR: Record<Lang, string> = {
  en: '- KR8: Support tickets per new customer from 4 to 2\n- KR9: Repeat purchases from 20% to 35%',
  vi: '- KR8: Số yêu cầu hỗ trợ của mỗi khách hàng mới từ 4 xuống 2\n- KR9: Tỷ lệ khách mua lại từ 20% lên 35%',
  zh: '- 关键结果8：每位新客户的支持请求从4个降低到2个\n- 关键结果9：复购率从20%提高到35%',
};

function frontMatter(lang: Lang, level: string): string {
  const parent = level === 'company' ? [] : ['parent: ../company.okr.md'];
  return ['---', 'owner: Test owner', `level: ${level}`, 'period: 2026-Q4', `lang: ${lang}`, ...parent, '---', ''].join(
    '\n',
  );
}

/** Puts a snippet where a person would type it: inside an OKR file with front matter. */
function wrap(key: string, lang: Lang, expanded: string): Wrapped {
  const kind = key.replace(/ \((en|vi|zh)\)$/, '');
  const category = TEMPLATE_CATEGORIES.find((c) => c.id === kind);
  if (category) {
    return {
      text: `${frontMatter(lang, category.level)}\n${expanded}`,
      objectives: category.sets[lang].objectives.length,
    };
  }
  const fm = frontMatter(lang, 'team');
  switch (kind) {
    case 'objective':
      return { text: `${fm}\n${expanded}`, objectives: 1 };
    case 'kr':
    case 'kr-done':
      return { text: `${fm}\n${OBJ[lang]}\n\n${KR[lang]}\n${expanded}\n`, objectives: 1 };
    case 'checkin':
      return {
        text: `${fm}\n${OBJ[lang]}\n\n${KR[lang].split('\n')[0]}\n  ${expanded}\n${KR[lang].split('\n')[1]}\n`,
        objectives: 1,
      };
    case 'align':
      return { text: `${fm}\n${OBJ[lang]}\n\n${expanded}\n\n${KR[lang]}\n`, objectives: 1 };
    case 'frontmatter':
      return { text: `${expanded}\n${OBJ[lang]}\n\n${KR[lang]}\n`, objectives: 1 };
    default:
      throw new Error(`no context for snippet ${key}`);
  }
}

const files = buildSnippetFiles();
const all: [string, string, Snippet][] = Object.entries(files).flatMap(([file, snippets]) =>
  Object.entries(snippets).map(([key, s]) => [file, key, s] as [string, string, Snippet]),
);
const variables = dateVariables(TODAY);

describe('snippet pack', () => {
  it('committed snippet files match the template source (run scripts/snippets.mjs)', () => {
    for (const [name, content] of Object.entries(files)) {
      const committed = JSON.parse(readFileSync(new URL(`snippets/${name}`, root), 'utf8'));
      assert.deepEqual(committed, content, `snippets/${name} is out of date`);
    }
  });

  it('every snippet file is contributed for markdown', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
    const contributed = (pkg.contributes.snippets as { language: string; path: string }[]).map((s) => {
      assert.equal(s.language, 'markdown');
      return s.path;
    });
    assert.deepEqual(
      contributed.sort(),
      Object.keys(files)
        .map((f) => `./snippets/${f}`)
        .sort(),
    );
  });

  it('has every category in every language, with unique okr- prefixes and descriptions', () => {
    const prefixes = all.map(([, , s]) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length, 'duplicate prefix');
    for (const [, key, s] of all) {
      assert.match(s.prefix, /^okr-[a-z-]+$/, key);
      assert.ok(s.description && s.description.length > 10, `${key} has no description`);
    }
    for (const c of TEMPLATE_CATEGORIES) {
      for (const suffix of ['', '-vi', '-zh'])
        assert.ok(prefixes.includes(`okr-${c.id}${suffix}`), `okr-${c.id}${suffix}`);
      for (const lang of ['en', 'vi', 'zh'] as Lang[]) {
        const n = c.sets[lang].objectives.length;
        assert.ok(n >= 3 && n <= 5, `${c.id} ${lang}: ${n} objectives`);
      }
    }
    for (const p of ['okr-objective', 'okr-kr', 'okr-kr-done', 'okr-checkin', 'okr-align', 'okr-frontmatter']) {
      assert.ok(prefixes.includes(p), p);
    }
  });

  for (const [file, key, s] of all) {
    const lang = LANG_OF(key);
    const body = s.body.join('\n');

    describe(`${s.prefix} (${file})`, () => {
      it('every blank is a tab stop whose default is a bracketed placeholder or a choice', () => {
        const stops = tabStops(body).filter((t) => t.index !== 0);
        assert.ok(stops.length > 0, 'no tab stops');
        for (const t of stops) {
          assert.ok(
            t.choices || /^\[[^\]]+\]$/.test(t.defaultText) || t.defaultText.endsWith('.okr.md'),
            t.defaultText,
          );
        }
      });

      it('filled in, parses with objectives and key results and has no error finding', () => {
        const expanded = expandSnippet(body, { fill: filler(lang), variables });
        const w = wrap(key, lang, expanded);
        const doc = parseOkr(w.text, FILE_URI);
        assert.equal(doc.placeholders.length, 0, `placeholders left: ${doc.placeholders.map((p) => p.text)}`);
        assert.equal(doc.objectives.length, w.objectives, w.text);
        for (const o of doc.objectives) assert.ok(o.keyResults.length > 0, `${o.id} has no key results\n${w.text}`);
        const found = checkDocument(doc, { index: workspace(doc), today: TODAY });
        if (process.env.SHOW_FINDINGS) for (const f of found) console.log(s.prefix, f.rule, f.severity, f.message);
        // No error; templates get no finding at all, structural snippets only the hint that one
        // objective alone is fewer than an owner usually has.
        const template = TEMPLATE_CATEGORIES.some((c) => key.startsWith(`${c.id} `));
        const unexpected = found.filter((f) => f.severity === 'error' || template || f.rule !== 'objective-count');
        assert.deepEqual(
          unexpected.map((f) => `${f.rule} line ${f.range.start.line}: ${f.message}`),
          [],
          w.text,
        );
        if (key.startsWith('checkin')) {
          const kr = doc.objectives[0].keyResults[0];
          assert.equal(kr.checkIns[0]?.date, TODAY);
          assert.equal(kr.checkIns[0]?.confidence, 7);
        }
        if (key.startsWith('frontmatter')) assert.equal(doc.period?.text, '2026-Q4');
        if (key.startsWith('align')) assert.equal(doc.objectives[0].alignsTo[0]?.href, '../company.okr.md#o1');
        if (!template) return;
        // Template key results are measurable once filled: each has a target or is a task box.
        for (const o of doc.objectives) {
          for (const kr of o.keyResults) assert.ok(kr.binary || kr.target !== null, `${o.id}.${kr.id}: ${kr.title}`);
        }
      });

      it('left unfilled, every placeholder is reported by template-placeholder', () => {
        const expanded = expandSnippet(body, { variables });
        const w = wrap(key, lang, expanded);
        const doc = parseOkr(w.text, FILE_URI);
        const findings = checkDocument(doc, { index: workspace(doc), today: TODAY }).filter(
          (f) => f.rule === 'template-placeholder',
        );
        assert.ok(findings.length > 0, `nothing reported in\n${w.text}`);
        const expected = (expanded.replace(/^---\n[\s\S]*?\n---\n/, '').match(/\[[^\]\s x][^\]]*\]/g) ?? []).length;
        assert.equal(findings.length, expected, w.text);
      });
    });
  }
});
