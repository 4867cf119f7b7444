// The client's restart policy for a crashed server, and the workspace-trust promise: nothing runs.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { RestartPolicy } from '../../client/src/features/serverHealth/policy';
import { ROOT } from './invariants';

describe('server health: restart policy', () => {
  it('restarts up to N times within the window, tells the user once, then gives up', () => {
    let now = 0;
    const p = new RestartPolicy({ maxRestarts: 3, windowMs: 60_000, now: () => now });
    assert.deepEqual(p.closed(), { action: 'restart', notify: true });
    now += 1000;
    assert.deepEqual(p.closed(), { action: 'restart', notify: false });
    now += 1000;
    assert.deepEqual(p.closed(), { action: 'restart', notify: false });
    now += 1000;
    assert.deepEqual(p.closed(), { action: 'give-up', crashes: 4, minutes: 1 });
  });

  it('forgets crashes older than the window, and a manual restart resets the count', () => {
    let now = 0;
    const p = new RestartPolicy({ maxRestarts: 1, windowMs: 10_000, now: () => now });
    assert.equal(p.closed().action, 'restart');
    now += 20_000;
    assert.deepEqual(p.closed(), { action: 'restart', notify: false });
    assert.equal(p.closed().action, 'give-up');
    p.reset();
    assert.equal(p.closed().action, 'restart');
  });
});

describe('workspace trust: nothing from the workspace is executed', () => {
  const files: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (name.endsWith('.ts')) files.push(p);
    }
  };
  visit(path.join(ROOT, 'server', 'src'));
  visit(path.join(ROOT, 'client', 'src'));

  it('declares untrusted workspaces supported and virtual workspaces not', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, false);
  });

  it('has no dynamic require/import, eval, Function or child processes in the extension and server', () => {
    const bad: string[] = [];
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      const rel = path.relative(ROOT, f);
      const checks: [RegExp, string][] = [
        [/\brequire\s*\(/, 'require('],
        [/\bimport\s*\(\s*[^'"`)]/, 'import() of a computed path'],
        [/\beval\s*\(/, 'eval('],
        [/\bnew\s+Function\s*\(/, 'new Function('],
        [/child_process|node:child_process/, 'child_process'],
        [/\bnode:vm\b|from 'vm'/, 'vm'],
        [/createTerminal|ShellExecution|ProcessExecution/, 'terminal or task'],
      ];
      for (const [re, what] of checks) if (re.test(src)) bad.push(`${rel}: ${what}`);
    }
    assert.deepEqual(bad, []);
  });

  it('reads YAML as data only (no custom tags that build objects)', () => {
    const yamlUsers = files.filter((f) => /from 'yaml'/.test(readFileSync(f, 'utf8')));
    for (const f of yamlUsers) assert.ok(!/customTags|tags:\s*\[/.test(readFileSync(f, 'utf8')), f);
  });
});
