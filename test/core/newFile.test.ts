import { strict as assert } from 'node:assert';
import { checkDocument, parseOkr, WorkspaceIndex, type Lang } from '../../server/src/core/index';
import {
  buildNewFile,
  currentQuarter,
  nextQuarter,
  relativeHref,
  yamlScalar,
} from '../../server/src/core/authoring/build';
import { BLANK_LABELS, TEMPLATE_CATEGORIES } from '../../server/src/core/authoring/templates';

const TODAY = '2026-11-23';
const COMPANY_URI = 'file:///ws/company.okr.md';
const company = parseOkr(
  [
    '---',
    'owner: BambooBooks',
    'level: company',
    'period: 2026',
    '---',
    '',
    '## O1: Become the tool small businesses recommend',
    '',
    '- KR1: Paying customers from 1,850 to 2,400',
    '- KR2: Monthly churn from 3% to 1.5%',
    '',
    '## O2: Put the company on a funded footing',
    '',
    '- KR1: Runway from 9 to 18 months',
    '- KR2: Gross margin from 60% to 70%',
  ].join('\n'),
  COMPANY_URI,
);

/** Fills every blank the way a person would: numbers growing, a date inside the period. */
function fill(text: string, lang: Lang): string {
  let n = 0;
  const labels = BLANK_LABELS[lang];
  return text
    .split(labels.date)
    .join(lang === 'vi' ? '15/03/2027' : '2027-03-15')
    .split(labels.topic)
    .join('Excel')
    .replace(/\[(number|percent|amount|số lượng|phần trăm|số tiền|数量|百分比|金额)\]/g, () => String((n += 10)));
}

describe('new OKR file', () => {
  it('defaults to the next quarter', () => {
    assert.equal(nextQuarter('2026-11-23'), '2027-Q1');
    assert.equal(nextQuarter('2026-01-01'), '2026-Q2');
    assert.equal(nextQuarter('2026-09-30'), '2026-Q4');
    assert.equal(currentQuarter('2026-11-23'), '2026-Q4');
  });

  it('writes relative links, with angle brackets around paths with spaces', () => {
    assert.equal(relativeHref('file:///ws/team/a.okr.md', COMPANY_URI, 'o1'), '../company.okr.md#o1');
    assert.equal(
      relativeHref(COMPANY_URI, 'file:///ws/people/An%20Nguyen.okr.md', 'o2'),
      '<./people/An Nguyen.okr.md#o2>',
    );
    assert.equal(relativeHref('file:///ws/a.okr.md', 'file:///ws/a.okr.md', 'o1'), './a.okr.md#o1');
    assert.equal(relativeHref('file:///ws/a.okr.md', 'untitled:b.okr.md'), null);
    assert.equal(
      relativeHref('file:///ws/x/y/a.okr.md', 'file:///ws/departments/财务部.okr.md'),
      '../../departments/财务部.okr.md',
    );
  });

  it('quotes owners that YAML would misread', () => {
    assert.equal(yamlScalar('Phòng Kinh doanh'), 'Phòng Kinh doanh');
    assert.equal(yamlScalar('财务部'), '财务部');
    assert.equal(yamlScalar('Sales: South'), '"Sales: South"');
    assert.equal(yamlScalar('[team]'), '"[team]"');
    assert.equal(yamlScalar('yes'), '"yes"');
    assert.equal(yamlScalar('2026'), '"2026"');
  });

  for (const c of TEMPLATE_CATEGORIES) {
    for (const lang of ['en', 'vi', 'zh'] as Lang[]) {
      it(`${c.id} (${lang}): parses, reports only placeholders, and once filled has no finding; its link resolves`, () => {
        const uri = `file:///ws/departments/${c.id} ${lang}.okr.md`;
        const aligned = c.level !== 'company';
        const text = buildNewFile({
          set: c.sets[lang],
          lang,
          owner: c.name[lang],
          level: c.level,
          period: nextQuarter(TODAY),
          parent: aligned ? relativeHref(uri, COMPANY_URI) : null,
          alignTo: aligned ? { label: 'BambooBooks · O1', href: relativeHref(uri, COMPANY_URI, 'o1')! } : null,
        });
        const index = new WorkspaceIndex(['file:///ws/']);
        index.set(company);

        const raw = parseOkr(text, uri);
        index.set(raw);
        assert.equal(raw.owner, c.name[lang]);
        assert.equal(raw.level, c.level);
        assert.equal(raw.period?.text, '2027-Q1');
        assert.equal(raw.lang, lang);
        assert.equal(raw.objectives.length, c.sets[lang].objectives.length);
        const rawFindings = checkDocument(raw, { index, today: TODAY });
        assert.ok(rawFindings.some((f) => f.rule === 'template-placeholder'));
        assert.deepEqual(
          rawFindings.filter((f) => f.rule !== 'template-placeholder' && f.severity === 'error').map((f) => f.rule),
          [],
        );

        const filled = parseOkr(fill(text, lang), uri);
        index.set(filled);
        assert.equal(filled.placeholders.length, 0, fill(text, lang));
        const findings = checkDocument(filled, { index, today: TODAY });
        assert.deepEqual(
          findings.map((f) => `${f.rule}: ${f.message}`),
          [],
          fill(text, lang),
        );
        for (const o of filled.objectives) assert.ok(o.keyResults.length >= 2);
        if (aligned) {
          const link = filled.objectives[0].alignsTo.find((l) => !l.fromParent);
          assert.ok(link, 'no alignment line');
          const res = index.resolve(uri, link.href);
          assert.equal(res.status, 'ok');
          assert.equal(res.status === 'ok' && res.objective?.id, 'O1');
        }
      });
    }
  }

  it('keeps CRLF when asked and quotes odd owners in the front matter', () => {
    const c = TEMPLATE_CATEGORIES.find((x) => x.id === 'sales')!;
    const text = buildNewFile({
      set: c.sets.en,
      lang: 'en',
      owner: 'Sales: South',
      level: 'team',
      period: '2027-Q1',
      parent: '<../a b/company.okr.md>',
      eol: '\r\n',
    });
    assert.ok(text.includes('owner: "Sales: South"\r\n'));
    assert.ok(!/[^\r]\n/.test(text));
    const doc = parseOkr(text, 'file:///ws/x/sales.okr.md');
    assert.equal(doc.owner, 'Sales: South');
    assert.equal(doc.parent, '../a b/company.okr.md');
  });
});
