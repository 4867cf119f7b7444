import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  checkDocument,
  configsOf,
  loadConfigChain,
  parseConfigText,
  parseOkr,
  rules,
  type Finding,
} from '../../server/src/core/index';
import { MemoryFs } from '../../server/src/core/workspace/files';
import { generated } from '../../scripts/rulesGenerated';

const root = path.join(__dirname, '..', '..');
const TODAY = '2026-11-23';
const ids = (fs: Finding[]) => fs.map((f) => `${f.range.start.line + 1} ${f.rule}`);

const SIX_KRS = `---
owner: Ops
level: company
period: 2026-Q4
---

## O1: Make closing the books painless

- KR1: Days to close from 8 to 4
- KR2: Manual entries from 300 to 50
- KR3: Reconciliation gaps from 20 to 2
- KR4: Checklist automated from 10% to 60%
- KR5: Late invoices from 40 to 5
- KR6: Hold 5 review meetings
`;

describe('disable comments', () => {
  const base = (extra: string) => parseOkr(SIX_KRS.replace('- KR6:', `${extra}- KR6:`));
  it('okr-disable-next-line silences one rule on the next line only', () => {
    const doc = base('<!-- okr-disable-next-line kr-is-activity -->\n');
    const found = ids(checkDocument(doc, { today: TODAY }));
    assert.ok(!found.some((f) => f.endsWith('kr-is-activity')), found.join(', '));
    assert.ok(found.some((f) => f.endsWith('kr-count')));
  });
  it('okr-disable-line on the same line, and several ids separated by commas', () => {
    const doc = parseOkr(
      SIX_KRS.replace(
        '- KR6: Hold 5 review meetings',
        '- KR6: Hold 5 review meetings <!-- okr-disable-line kr-count, kr-is-activity -->',
      ),
    );
    assert.ok(!ids(checkDocument(doc, { today: TODAY })).some((f) => f.endsWith('kr-is-activity')));
  });
  it('okr-disable-file with no ids silences every rule', () => {
    const doc = parseOkr(`${SIX_KRS}\n<!-- okr-disable-file -->\n`);
    assert.deepEqual(checkDocument(doc, { today: TODAY }), []);
  });
  it('okr-disable … okr-enable covers a block', () => {
    const text = SIX_KRS.replace('## O1', '<!-- okr-disable kr-count -->\n\n## O1').concat(
      '\n<!-- okr-enable kr-count -->\n\n## O2: Ship\n\n- KR1: Ship 3 things\n',
    );
    const found = ids(checkDocument(parseOkr(text), { today: TODAY }));
    const kc = found.filter((f) => f.endsWith('kr-count'));
    const o2 = text.split('\n').findIndex((l) => l.startsWith('## O2')) + 1;
    assert.deepEqual(kc, [`${o2} kr-count`], found.join(', '));
  });
  it('a directive for another rule changes nothing', () => {
    const doc = base('<!-- okr-disable-next-line kr-count -->\n');
    assert.ok(ids(checkDocument(doc, { today: TODAY })).some((f) => f.endsWith('kr-is-activity')));
  });
});

describe('configuration', () => {
  const doc = parseOkr(SIX_KRS);
  it('settings: off, a severity, options', () => {
    const off = checkDocument(doc, { today: TODAY, configs: [{ rules: { 'kr-count': 'off' } }] });
    assert.ok(!off.some((f) => f.rule === 'kr-count'));
    const err = checkDocument(doc, { today: TODAY, configs: [{ rules: { 'kr-is-activity': 'error' } }] });
    assert.equal(err.find((f) => f.rule === 'kr-is-activity')?.severity, 'error');
    const max = checkDocument(doc, { today: TODAY, configs: [{ rules: { 'kr-count': { max: 6 } } }] });
    assert.ok(!max.some((f) => f.rule === 'kr-count'));
  });
  it('word lists replace the built-in ones', () => {
    const found = checkDocument(doc, {
      today: TODAY,
      configs: [{ rules: { 'kr-is-activity': { words: ['days'] } } }],
    });
    assert.deepEqual(
      found.filter((f) => f.rule === 'kr-is-activity').map((f) => f.range.start.line + 1),
      [9],
    );
  });
  it('profile google: at most 4 key results, business as usual and activities as warnings', () => {
    const g = checkDocument(
      parseOkr(SIX_KRS.replace('- KR5: Late invoices from 40 to 5\n', '').replace('- KR6', '- KR5')),
      {
        today: TODAY,
        configs: [{ profile: 'google' }],
      },
    );
    assert.ok(g.some((f) => f.rule === 'kr-count'));
    assert.equal(g.find((f) => f.rule === 'kr-is-activity')?.severity, 'warning');
    // An explicit setting still wins over the profile.
    const h = checkDocument(doc, { today: TODAY, configs: [{ profile: 'google', rules: { 'kr-count': 'off' } }] });
    assert.ok(!h.some((f) => f.rule === 'kr-count'));
  });
  it('front matter rules: win over settings and .okr files', () => {
    const fm = parseOkr(SIX_KRS.replace('period: 2026-Q4', 'period: 2026-Q4\nrules:\n  kr-count: error'));
    const found = checkDocument(fm, { today: TODAY, configs: [{ rules: { 'kr-count': 'off' } }] });
    assert.equal(found.find((f) => f.rule === 'kr-count')?.severity, 'error');
  });
});

describe('.okr.json / .okr.yaml discovery', () => {
  const fs = new MemoryFs({
    'file:///ws/.okr.yaml': 'profile: google\nrules:\n  kr-count:\n    max: 3\n',
    'file:///ws/team/.okr.json': '{ "rules": { "kr-count": { "max": 7 } } }',
    'file:///ws/team/.okr.yaml': 'rules: { kr-count: off }',
    'file:///ws/broken/.okr.json': '{ "rules": ',
    'file:///.okr.json': '{ "rules": { "kr-is-activity": "off" } }',
  });
  it('nearest wins; .okr.json before .okr.yaml in one folder; the walk stops at the workspace folder', async () => {
    const chain = await loadConfigChain(fs, 'file:///ws/team/x.okr.md', ['file:///ws']);
    assert.deepEqual(
      chain.map((c) => c.uri),
      ['file:///ws/.okr.yaml', 'file:///ws/team/.okr.json'],
    );
    const found = checkDocument(parseOkr(SIX_KRS), { today: TODAY, configs: configsOf(chain) });
    assert.ok(!found.some((f) => f.rule === 'kr-count'), 'max 7 from the nearer file');
    assert.equal(found.find((f) => f.rule === 'kr-is-activity')?.severity, 'warning', 'google profile from above');
  });
  it('without a workspace folder the walk goes up to the root', async () => {
    const chain = await loadConfigChain(fs, 'file:///ws/x.okr.md');
    assert.deepEqual(
      chain.map((c) => c.uri),
      ['file:///.okr.json', 'file:///ws/.okr.yaml'],
    );
  });
  it('a broken file is reported and ignored, never half-applied', async () => {
    const chain = await loadConfigChain(fs, 'file:///ws/broken/x.okr.md', ['file:///ws']);
    assert.equal(chain.length, 2);
    assert.ok(chain[1].error);
    assert.equal(chain[1].config, null);
    assert.equal(configsOf(chain).length, 1);
    assert.ok(parseConfigText('[1, 2]', 'file:///a/.okr.json').error);
    assert.ok(parseConfigText('rules: 3', 'file:///a/.okr.yaml').error);
    assert.deepEqual(parseConfigText('', 'file:///a/.okr.yaml').config, {});
  });
});

describe('rule registry metadata, docs and schema', () => {
  it('every rule has an id, a description, a default severity, fixable and a docs page that exists', () => {
    for (const r of rules) {
      const m = r.meta;
      assert.match(m.id, /^[a-z]+(?:-[a-z]+)*$/);
      assert.ok(m.description.length > 10, m.id);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(m.defaultSeverity), m.id);
      assert.equal(typeof m.fixable, 'boolean', m.id);
      assert.ok(existsSync(path.join(root, m.docs.split('#')[0])), `${m.id}: ${m.docs} is missing`);
    }
    assert.equal(new Set(rules.map((r) => r.meta.id)).size, rules.length, 'duplicate rule id');
  });
  it('each rule page of docs/rules/ shows examples in the three languages and its options', () => {
    for (const r of rules) {
      if (!r.meta.docs.startsWith('docs/rules/')) continue;
      const page = readFileSync(path.join(root, r.meta.docs), 'utf8');
      assert.ok(page.startsWith(`# ${r.meta.id}`), r.meta.id);
      for (const h of ['## Examples', '## Options', '## Fix']) assert.ok(page.includes(h), `${r.meta.id}: ${h}`);
      for (const opt of Object.keys(r.meta.options ?? {}))
        assert.ok(page.includes(`\`${opt}\``), `${r.meta.id}: ${opt}`);
    }
  });
  it('schemas/okr.schema.json, package.json (okr.rules, jsonValidation) and the docs/rules.md index are current', async () => {
    const files = await generated(
      root,
      rules.map((r) => r.meta),
    );
    for (const [file, text] of Object.entries(files))
      assert.equal(readFileSync(path.join(root, file), 'utf8'), text, `${file} is out of date: run npm run docs:rules`);
    const schema = JSON.parse(files['schemas/okr.schema.json']);
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), rules.map((r) => r.meta.id).sort());
  });
});
