// Workspace boundaries: alignment links and `parent` never reach a file outside the workspace folders,
// whatever the path says; listing files never follows a symlink out, nor loops.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { main } from '../../server/src/cli/main';
import { checkDocument, parseOkr, WorkspaceIndex } from '../../server/src/core/index';
import { MemoryFs } from '../../server/src/core/workspace/files';
import { listOkrFiles, loadWorkspace } from '../../server/src/core/workspace/load';
import { fileUri, NodeFs } from '../../server/src/node/nodeFs';
import { TODAY } from './invariants';

const HOSTILE = [
  '../../../etc/passwd',
  '../../../../../../../../etc/passwd',
  '../../other/x.okr.md',
  '../../ws-evil/x.okr.md',
  '/etc/passwd',
  '/ws/company.okr.md',
  'file:///etc/passwd',
  'file:///ws/../etc/passwd',
  'FILE:///etc/passwd',
  'file://host/share/x.okr.md',
  '%2e%2e/%2e%2e/other/x.okr.md',
  '%2E%2E%2F%2E%2E%2Fother%2Fx.okr.md',
  '..%2f..%2fother%2fx.okr.md',
  '%252e%252e/%252e%252e/other/x.okr.md',
  '..\\..\\other\\x.okr.md',
  '..\\..\\..\\etc\\passwd',
  'C:\\Windows\\win.ini',
  'c:/Windows/win.ini',
  '\\\\server\\share\\x.okr.md',
  '//server/share/x.okr.md',
  '%2Fetc%2Fpasswd',
  '..%00/../other/x.okr.md',
  'vscode-remote://x/etc/passwd',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'command:workbench.action.terminal.new',
  ' ../../other/x.okr.md',
  '../../other/x.okr.md#o1',
  '../../other/\ud800x.okr.md',
  '%ED%A0%80/../../other/x.okr.md',
];

function memoryIndex(): WorkspaceIndex {
  const index = new WorkspaceIndex(['file:///ws']);
  index.set(parseOkr('## O1: Grow\n- KR1: 3 things\n', 'file:///ws/company.okr.md'));
  index.set(parseOkr('## O1: Team\n- KR1: 3 things\n', 'file:///ws/team/a.okr.md'));
  // Documents outside the folders that a caller might have indexed anyway: never a link target.
  index.set(parseOkr('## O1: Secret\n- KR1: 3 things\n', 'file:///other/x.okr.md'));
  index.set(parseOkr('## O1: Evil\n- KR1: 3 things\n', 'file:///ws-evil/x.okr.md'));
  index.set(parseOkr('root:x:0:0\n', 'file:///etc/passwd'));
  return index;
}

describe('workspace boundaries', () => {
  describe('WorkspaceIndex.resolve', () => {
    const index = memoryIndex();
    for (const href of HOSTILE) {
      it(`never resolves ${JSON.stringify(href)} outside file:///ws`, () => {
        const r = index.resolve('file:///ws/team/a.okr.md', href);
        assert.notEqual(r.status, 'ok', JSON.stringify(r));
        if (r.uri !== null) assert.ok(r.uri.startsWith('file:///ws/'), r.uri);
        if (/passwd|other|evil|win\.ini|share/i.test(href))
          assert.ok(['outside', 'external', 'no-file'].includes(r.status));
      });
    }

    it('still resolves honest links inside the workspace', () => {
      assert.equal(index.resolve('file:///ws/team/a.okr.md', '../company.okr.md#o1').status, 'ok');
      assert.equal(index.resolve('file:///ws/team/a.okr.md', '..%2Fcompany.okr.md').status, 'ok');
      assert.equal(index.resolve('file:///ws/team/a.okr.md', '..\\company.okr.md').status, 'ok');
    });

    it('never resolves outside for any generated path (property)', () => {
      const part = fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E.',
        'ws',
        'other',
        'etc',
        'passwd',
        '',
        '\\',
        '%2f',
        '%5c',
        '~',
      );
      const sep = fc.constantFrom('/', '\\', '%2f', '%2F', '//');
      const href = fc
        .array(fc.tuple(part, sep), { maxLength: 12 })
        .map((xs) => xs.map(([p, s]) => p + s).join(''))
        .chain((h) => fc.constantFrom(h, `/${h}`, `file:///${h}`, `${h}x.okr.md`, `${h}x.okr.md#o1`));
      fc.assert(
        fc.property(fc.oneof(href, fc.string()), (h) => {
          const r = index.resolve('file:///ws/team/a.okr.md', h);
          if (r.uri !== null) assert.ok(r.uri.startsWith('file:///ws/'), `${h} -> ${r.uri}`);
        }),
        { numRuns: 1000, seed: 11 },
      );
    });

    it('reports such links and parents as alignment-broken', () => {
      const text = [
        '---',
        'parent: ../../../etc/passwd',
        '---',
        '## O1: Grow',
        'Aligns to: [x](file:///etc/passwd)',
        '- KR1: 3 things',
        '## O2: Ship',
        'Aligns to: [y](%2e%2e/%2e%2e/other/x.okr.md)',
        '- KR1: 3 things',
        '## O3: Hold',
        '- KR1: 3 things',
      ].join('\n');
      const doc = parseOkr(text, 'file:///ws/team/b.okr.md');
      index.set(doc);
      const broken = checkDocument(doc, { index, today: TODAY }).filter((f) => f.rule === 'alignment-broken');
      assert.ok(broken.length >= 2, JSON.stringify(broken));
      // O3 aligns through the front matter's parent: that is reported too, at the parent key.
      assert.ok(
        broken.some((f) => f.range.start.line === 1),
        broken.map((f) => f.range.start.line).join(','),
      );
    });
  });

  describe('MemoryFs listing', () => {
    it('lists only below the folder asked for', async () => {
      const fs = new MemoryFs({
        'file:///ws/a.okr.md': '## O1: A\n',
        'file:///ws-evil/b.okr.md': '## O1: B\n',
        'file:///other/c.okr.md': '## O1: C\n',
      });
      assert.deepEqual(await listOkrFiles(fs, ['file:///ws']), ['file:///ws/a.okr.md']);
    });
  });

  describe('real folders (NodeFs)', () => {
    let tmp: string;
    let ws: string;
    before(() => {
      tmp = mkdtempSync(path.join(tmpdir(), 'okr-bounds-'));
      ws = path.join(tmp, 'ws');
      const outside = path.join(tmp, 'outside');
      mkdirSync(path.join(ws, 'team'), { recursive: true });
      mkdirSync(outside);
      writeFileSync(path.join(ws, 'company.okr.md'), '## O1: Grow\n- KR1: 3 things by 2026-12-31\n');
      writeFileSync(
        path.join(ws, 'team', 'a.okr.md'),
        '## O1: Team\nAligns to: [secret](../linked-out/secret.okr.md#o1)\n- KR1: 3 things by 2026-12-31\n',
      );
      writeFileSync(path.join(outside, 'secret.okr.md'), '## O1: SECRET-CONTENT\n- KR1: 3 things\n');
      symlinkSync(outside, path.join(ws, 'linked-out'), 'dir');
      symlinkSync(path.join(outside, 'secret.okr.md'), path.join(ws, 'file-out.okr.md'), 'file');
      symlinkSync(ws, path.join(ws, 'team', 'loop'), 'dir');
      symlinkSync(path.join(ws, 'team', 'self'), path.join(ws, 'team', 'self'));
      symlinkSync(path.join(ws, 'company.okr.md'), path.join(ws, 'team', 'company-link.okr.md'), 'file');
    });
    after(() => rmSync(tmp, { recursive: true, force: true }));

    it('listFiles does not follow symlinks out of the folder and does not loop', async () => {
      const t0 = performance.now();
      const files = await listOkrFiles(new NodeFs(), [fileUri(ws)]);
      assert.ok(performance.now() - t0 < 5000);
      const rel = files.map((f) => path.relative(ws, new URL(f).pathname)).sort();
      assert.ok(!rel.some((r) => r.includes('linked-out') || r.includes('file-out') || r.includes('loop')), rel.join());
      assert.ok(rel.includes('company.okr.md') && rel.includes(path.join('team', 'a.okr.md')), rel.join());
    });

    it('an alignment link through a symlink to outside is not read', async () => {
      const nodeFs = new NodeFs();
      const files = await listOkrFiles(nodeFs, [fileUri(ws)]);
      const index = await loadWorkspace(nodeFs, [fileUri(ws)], files);
      assert.ok(!index.all().some((d) => d.text.includes('SECRET-CONTENT')));
      const r = index.resolve(fileUri(path.join(ws, 'team', 'a.okr.md')), '../linked-out/secret.okr.md#o1');
      assert.notEqual(r.status, 'ok');
    });

    it('okr check over the folder finishes and never shows the outside file', async () => {
      let out = '';
      const sink = { write: (s: string) => void (out += s) };
      const t0 = performance.now();
      const code = await main(['check', '--format', 'json', '--today', TODAY, ws], sink, sink);
      assert.ok(performance.now() - t0 < 10_000);
      assert.ok(code === 0 || code === 1, out);
      assert.ok(!out.includes('SECRET-CONTENT'));
      const findings = JSON.parse(out) as { file: string; rule: string }[];
      assert.ok(!findings.some((f) => f.file.includes('linked-out') || f.file.includes('loop')));
      assert.ok(
        findings.some((f) => f.rule === 'alignment-broken'),
        JSON.stringify(findings),
      );
    });
  });
});
