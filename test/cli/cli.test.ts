import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..', '..');
const okr = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin', 'okr.js'), ...args], { cwd: root, encoding: 'utf8' });

describe('okr command line', () => {
  it('show --format json prints the model contract', () => {
    const r = okr('show', '--format', 'json', 'test/fixtures/parse/en-basic.okr.md');
    assert.equal(r.status, 0, r.stderr);
    const m = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(m).slice(0, 5), ['file', 'owner', 'level', 'period', 'lang']);
    const o = m.objectives[0];
    for (const k of ['id', 'title', 'line', 'progress', 'alignsTo', 'keyResults']) assert.ok(k in o, k);
    const kr = o.keyResults[0];
    for (const k of ['id', 'title', 'line', 'progress', 'start', 'target', 'current', 'unit', 'checkIns'])
      assert.ok(k in kr, k);
    assert.deepEqual(Object.keys(kr.checkIns[0]), ['date', 'value', 'confidence', 'line']);
    assert.equal(o.alignsTo[0].line, 12);
  });

  it('check --format json prints findings and exits 1 on an error finding', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'okr-cli-'));
    writeFileSync(path.join(dir, 'a.okr.md'), '## O1: Grow\n\n## O2: Ship\n- Ship [number] things\n');
    writeFileSync(path.join(dir, 'notes.md'), '## O1: ignored\n');
    const r = okr('check', '--format', 'json', dir);
    assert.equal(r.status, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(findings[0]), [
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'severity',
      'rule',
      'message',
    ]);
    // The error findings; warnings and hints of the writing rules come with them.
    assert.deepEqual(
      findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}:${f.line}:${f.column}`),
      ['objective-without-krs:1:8', 'template-placeholder:4:8'],
    );
    assert.ok(findings.every((f) => String(f.file).endsWith('a.okr.md')));
  });

  it('exits 0 when there is no error finding', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'okr-cli-'));
    writeFileSync(
      path.join(dir, 'ok.okr.md'),
      '---\nperiod: 2026-Q4\n---\n## O1: Grow\n- Sign 3 customers\n- Raise NPS to 40\n',
    );
    const r = okr('check', '--format', 'json', dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('exits 2 with a usage message, never a stack trace', () => {
    for (const args of [
      ['frobnicate'],
      ['check'],
      ['check', '--format', 'xml', '.'],
      ['check', '/no/such/folder'],
      ['show'],
    ]) {
      const r = okr(...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^okr: /);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });

  it('answers in the language asked with --locale', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'okr-cli-'));
    writeFileSync(path.join(dir, 'a.okr.md'), '## O1: Grow\n');
    const r = okr('check', '--format', 'json', '--locale', 'vi', dir);
    const f = (JSON.parse(r.stdout) as { rule: string; message: string }[]).find(
      (x) => x.rule === 'objective-without-krs',
    );
    assert.match(f!.message, /kết quả then chốt/);
  });
});
