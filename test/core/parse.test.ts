import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LineIndex, parseOkr, toJsonModel } from '../../server/src/core/index';
import { assertGolden } from '../helpers';

const dir = path.join(__dirname, '..', 'fixtures', 'parse');

describe('parser fixtures (test/fixtures/parse)', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.okr.md'))) {
    it(`${name} matches ${name.replace(/\.okr\.md$/, '.expected.json')}`, () => {
      const text = readFileSync(path.join(dir, name), 'utf8');
      const doc = parseOkr(text, `file:///fixtures/${name}`);
      assertGolden(path.join(dir, name.replace(/\.okr\.md$/, '.expected.json')), toJsonModel(doc, name));
    });
  }
});

describe('parser ranges', () => {
  it('gives UTF-16 columns after emoji and CRLF line ends', () => {
    const text = readFileSync(path.join(dir, 'crlf-emoji.okr.md'), 'utf8');
    const doc = parseOkr(text);
    assert.equal(doc.eol, '\r\n');
    const kr = doc.objectives[0].keyResults[0];
    const lines = new LineIndex(text);
    // The title starts after "- KR1: " and the emoji takes two UTF-16 units.
    assert.equal(
      lines.lineText(kr.titleRange.start.line).slice(kr.titleRange.start.character, kr.titleRange.start.character + 2),
      '😀',
    );
    const q = kr.quantities[0];
    assert.equal(lines.lineText(q.range.start.line).slice(q.range.start.character, q.range.end.character), '20');
    const ph = doc.placeholders[0];
    assert.equal(
      lines.lineText(ph.range.start.line).slice(ph.range.start.character, ph.range.end.character),
      '[number]',
    );
  });

  it('keeps offsets right after a byte order mark', () => {
    const text = readFileSync(path.join(dir, 'bom.okr.md'), 'utf8');
    assert.equal(text.charCodeAt(0), 0xfeff);
    const doc = parseOkr(text);
    const o = doc.objectives[0];
    assert.equal(o.title, 'Ship it');
    assert.deepEqual(o.titleRange.start, { line: 0, character: 8 });
  });

  it('gives CJK columns in UTF-16 units', () => {
    const doc = parseOkr('## 目标1：提升效率\n\n- 关键结果1：将成本降低到５０万元\n');
    const o = doc.objectives[0];
    assert.equal(o.title, '提升效率');
    assert.deepEqual(o.titleRange.start, { line: 0, character: 7 });
    const q = o.keyResults[0].quantities[0];
    assert.equal(q.text, '５０万元');
    assert.equal(q.value, 50);
    assert.equal(q.scale, 1e4);
    assert.deepEqual(q.range.start, { line: 2, character: 14 });
  });
});

describe('quantities and dates per language', () => {
  const kr = (line: string, lang = 'en') =>
    parseOkr(`---\nlang: ${lang}\n---\n## O1: X\n- ${line}\n`).objectives[0].keyResults[0];

  it('reads Vietnamese decimal commas and thousands dots', () => {
    assert.equal(kr('Đạt 1.000 khách hàng', 'vi').target, 1000);
    assert.equal(kr('Tỷ lệ 0,6%', 'vi').target, 0.6);
    assert.equal(kr('Doanh thu 1.250,5 triệu đồng', 'vi').target, 1250.5);
  });

  it('reads English thousands commas', () => {
    assert.equal(kr('Reach 1,000 customers').target, 1000);
    assert.equal(kr('Reach 2.5% conversion').target, 2.5);
  });

  it('never takes a date or a period as the target', () => {
    const k = kr('Close 6 deals by 2026-12-31');
    assert.equal(k.target, 6);
    assert.equal(k.timeRefs[0].date, '2026-12-31');
    assert.equal(kr('Nhận 6 đề xuất trước ngày 1 tháng 9', 'vi').target, 6);
    assert.equal(kr('Giao 5 dự án trong quý 4', 'vi').target, 5);
    const zh = kr('第四季度完成所有审计', 'zh');
    assert.equal(zh.target, null);
    assert.equal(zh.timeRefs[0].text, '第四季度');
    assert.equal(kr('2017-18财年完成预算', 'zh').target, null);
    assert.equal(kr('Finish in Q4 2026').target, null);
    assert.equal(kr('Đóng ngân sách 31/12/2026', 'vi').timeRefs[0].date, '2026-12-31');
  });

  it('reads from-to in three languages, including decreasing targets', () => {
    const en = kr('Reduce churn from 3% to 1.5%');
    assert.deepEqual([en.start, en.target, en.unit, en.direction], [3, 1.5, '%', 'down']);
    const vi = kr('Giảm tỷ lệ rời bỏ từ 3% xuống 1,5%', 'vi');
    assert.deepEqual([vi.start, vi.target, vi.direction], [3, 1.5, 'down']);
    const zh = kr('净利润从50万元提高到80万元', 'zh');
    assert.deepEqual([zh.start, zh.target, zh.unit], [50, 80, '万元']);
  });

  it('reads money with scale words and converts check-ins to the target scale', () => {
    const k = parseOkr('---\nlang: vi\n---\n## O1: X\n- Đạt 10 tỷ đồng\n  - 2026-11-01: 500 triệu\n').objectives[0]
      .keyResults[0];
    assert.equal(k.target, 10);
    assert.equal(k.unit, 'tỷ đồng');
    assert.equal(k.current, 0.5);
    assert.equal(k.progress, 0.05);
  });

  it('does not count identifiers glued to words as quantities', () => {
    assert.equal(kr('Ship the B2B portal and 3D viewer').target, null);
  });
});

describe('progress', () => {
  const obj = (body: string) => parseOkr(`---\nlang: en\n---\n## O1: X\n${body}`).objectives[0];

  it('uses the latest dated check-in, keeps the unclamped value and weights', () => {
    const o = obj('- Sign 10 customers (weight 3)\n  - 2026-11-10: 12\n  - 2026-10-10: 4\n- [ ] Ship SSO\n');
    const [a, b] = o.keyResults;
    assert.equal(a.current, 12);
    assert.equal(a.rawProgress, 1.2);
    assert.equal(a.progress, 1);
    assert.equal(a.weight, 3);
    assert.equal(b.progress, 0);
    assert.equal(o.progress, 0.75);
  });

  it('takes N% as progress when the unit is not a percentage, and a/b as done of total', () => {
    const o = obj('- Publish 8 guides\n  - 2026-11-01: 25%\n- Close 4 audits\n  - 2026-11-01: 1/2\n');
    assert.equal(o.keyResults[0].progress, 0.25);
    assert.equal(o.keyResults[0].current, 2);
    assert.equal(o.keyResults[1].progress, 0.5);
  });

  it('reports no-check-in key results as 0 and unmeasurable ones as null', () => {
    const o = obj('- Sign 10 customers\n- Be awesome\n');
    assert.equal(o.keyResults[0].progress, 0);
    assert.equal(o.keyResults[1].progress, null);
    assert.equal(o.progress, 0);
  });

  it('flags an unreadable check-in', () => {
    const k = obj('- Sign 10 customers\n  - 2026-11-01: going well\n').keyResults[0];
    assert.equal(k.checkIns[0].problem, 'unreadable');
  });
});

describe('bad input', () => {
  it('skips binary data with a reason', () => {
    const doc = parseOkr('\u0000\u0001binary');
    assert.equal(doc.skipped?.reason, 'binary');
    assert.equal(doc.objectives.length, 0);
  });

  it('skips a file over the size limit', () => {
    const doc = parseOkr('x'.repeat(200), 'file:///a.okr.md', 1, { maxSize: 100 });
    assert.equal(doc.skipped?.reason, 'too-large');
  });

  it('reports malformed front matter and still reads the body', () => {
    const doc = parseOkr('---\nowner: [unclosed\n---\n## O1: Grow\n- Sign 3 deals\n');
    assert.ok(doc.frontMatter?.problems.length);
    assert.equal(doc.objectives.length, 1);
  });

  it('bounds a YAML alias bomb', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    const started = Date.now();
    const doc = parseOkr(`---\n${bomb.join('\n')}\n---\n## O1: X\n`);
    assert.ok(Date.now() - started < 2000);
    assert.ok(doc.frontMatter?.problems.some((p) => p.kind === 'yaml'));
  });
});
