import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { rules } from '../../server/src/core/index';

const root = path.join(__dirname, '..', '..');
const okr = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin', 'okr.js'), ...args], { cwd: root, encoding: 'utf8' });

const FILE = `---
owner: Ops
level: company
period: 2026-Q4
---

## O1: Make closing painless

- KR1: Days to close from 8 to 4
- KR2: Hold 5 review meetings

## O2: Ship the mobile app

- KR1: App rating from 3.9 to 4.5
- KR2: Weekly mobile users from 800 to 3,000

## O3: Open to partners

- KR1: Partners live from 2 to 6
- KR2: Partner incidents from 9 to 3
`;

describe('okr check: configuration files, --config and --format sarif', () => {
  function workspace(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'okr-cli-rules-'));
    mkdirSync(path.join(dir, 'team'));
    writeFileSync(path.join(dir, 'team', 'a.okr.md'), FILE);
    return dir;
  }
  const rulesOf = (stdout: string) => (JSON.parse(stdout) as { rule: string; severity: string }[]).map((f) => f.rule);

  it('reads .okr.json / .okr.yaml from the file folder upwards, nearest wins', () => {
    const dir = workspace();
    assert.deepEqual(rulesOf(okr('check', '--format', 'json', dir).stdout), ['kr-is-activity']);
    writeFileSync(path.join(dir, '.okr.yaml'), 'rules:\n  kr-is-activity: error\n');
    const r = okr('check', '--format', 'json', dir);
    assert.equal(r.status, 1, 'an error finding exits 1');
    writeFileSync(path.join(dir, 'team', '.okr.json'), '{ "rules": { "kr-is-activity": "off" } }');
    const r2 = okr('check', '--format', 'json', dir);
    assert.equal(r2.status, 0);
    assert.deepEqual(rulesOf(r2.stdout), []);
  });

  it('--config gives the base settings; files in the tree still win', () => {
    const dir = workspace();
    const cfg = path.join(dir, 'strict.json');
    writeFileSync(cfg, JSON.stringify({ profile: 'google', rules: { 'kr-count': { min: 3 } } }));
    const r = okr('check', '--format', 'json', '--config', cfg, dir);
    const found = JSON.parse(r.stdout) as { rule: string; severity: string }[];
    assert.equal(found.filter((f) => f.rule === 'kr-count').length, 3);
    assert.equal(found.find((f) => f.rule === 'kr-is-activity')?.severity, 'warning', 'google profile');
    assert.equal(okr('check', '--config', path.join(dir, 'missing.json'), dir).status, 2);
    writeFileSync(cfg, '{ "rules": ');
    const bad = okr('check', '--config', cfg, dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^okr: /);
  });

  it('--format sarif writes SARIF 2.1.0 with the rules metadata', () => {
    const dir = workspace();
    const r = okr('check', '--format', 'sarif', dir);
    assert.equal(r.status, 0, r.stderr);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'okr');
    assert.deepEqual(
      run.tool.driver.rules.map((x: { id: string }) => x.id),
      rules.map((x) => x.meta.id),
    );
    const activity = run.tool.driver.rules.find((x: { id: string }) => x.id === 'kr-is-activity');
    assert.match(activity.helpUri, /docs\/rules\/kr-is-activity\.md$/);
    assert.ok(activity.shortDescription.text);
    assert.equal(run.results.length, 1);
    const res = run.results[0];
    assert.equal(res.ruleId, 'kr-is-activity');
    assert.equal(res.level, 'note');
    assert.deepEqual(res.locations[0].physicalLocation.region, {
      startLine: 10,
      startColumn: 8,
      endLine: 10,
      endColumn: 30,
    });
  });
});
