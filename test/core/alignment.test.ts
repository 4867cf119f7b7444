import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { fileUri, NodeFs } from '../../server/src/node/nodeFs';
import { alignmentGraphData, alignmentTree, type AlignmentTreeNode } from '../../server/src/core/workspace/views';
import { relativeHref } from '../../server/src/core/workspace/navigate';
import { assertGolden } from '../helpers';
import { checkDocument, parseOkr, WorkspaceIndex } from '../../server/src/core/index';
import { MemoryFs } from '../../server/src/core/workspace/files';
import { listOkrFiles, loadWorkspace } from '../../server/src/core/workspace/load';

const ROOT = 'file:///ws';
const company = `---
level: company
owner: Leadership
---
## O1: Win small businesses
- KR1: Customers from 100 to 200
  - 2026-11-01: 150
- KR2: Revenue from 1 to 3 $
## O2: Be fast
- KR1: Load time from 3 s to 1 s
`;
const finance = `---
level: department
owner: 财务部
parent: ../company.okr.md
---
## 目标1：做实预算

对齐：[公司 O1 · KR2](../company.okr.md#o1.kr2)

- 关键结果1：预算偏差从20%降低到5%
  - 2026-11-01: 5%
## 目标2：控制成本
- 关键结果1：成本从100万元降低到80万元
`;
const person = `---
level: individual
owner: An
---
## O1: Close deals

Aligns to: [Finance 1](../departments/%E8%B4%A2%E5%8A%A1%E9%83%A8.okr.md#o1)

- KR1: Deals from 0 to 10
  - 2026-11-01: 5
## O2: Help finance

Aligns to: [Finance slug](<../departments/财务部.okr.md#目标2控制成本>)

- KR1: Reports from 0 to 4
## O3: Outside

Aligns to: [Escape](../../elsewhere/company.okr.md#o1) [Web](https://example.com/x.okr.md#o1) [Abs](/etc/company.okr.md#o1)

- KR1: Things from 0 to 4
`;

function files(extra: Record<string, string> = {}): Record<string, string> {
  return {
    [`${ROOT}/company.okr.md`]: company,
    [`${ROOT}/departments/%E8%B4%A2%E5%8A%A1%E9%83%A8.okr.md`]: finance,
    [`${ROOT}/people/Nguyen%20Van%20An.okr.md`]: person,
    ...extra,
  };
}

async function load(extra: Record<string, string> = {}): Promise<{ fs: MemoryFs; index: WorkspaceIndex }> {
  const fs = new MemoryFs(files(extra));
  const list = await listOkrFiles(fs, [ROOT]);
  return { fs, index: await loadWorkspace(fs, [ROOT], list) };
}

const parse = (uri: string, text: string) => parseOkr(text, uri, 1);
const ids = (index: WorkspaceIndex, keys: string[]) =>
  keys.map((k) => {
    const n = index.alignment().nodes.get(k)!;
    return `${decodeURIComponent(n.uri.slice(ROOT.length + 1))}#${n.objective.id}`;
  });

describe('workspace alignment graph', () => {
  it('resolves links: non-ASCII and spaced paths, percent-encoded or not, slugs, KR targets', async () => {
    const { index } = await load();
    const an = `${ROOT}/people/Nguyen Van An.okr.md`;
    const o1 = index.node(an, 'O1')!;
    assert.ok(o1, 'the spaced path is found under its unencoded spelling');
    assert.deepEqual(
      o1.parents.map((e) => e.to && ids(index, [e.to])[0]),
      ['departments/财务部.okr.md#O1'],
    );
    const o2 = index.node(an, 'o2')!;
    assert.deepEqual(ids(index, [o2.parents[0].to!]), ['departments/财务部.okr.md#O2']);
    const fin1 = index.node(`${ROOT}/departments/财务部.okr.md`, 'O1')!;
    assert.equal(fin1.parents.length, 1);
    assert.equal(fin1.parents[0].keyResult?.id, 'KR2', 'a KR target aligns to that KR of its objective');
    assert.deepEqual(ids(index, [fin1.parents[0].to!]), ['company.okr.md#O1']);
    // The finance O2 has no line: it aligns to the parent file as a whole.
    const fin2 = index.node(`${ROOT}/departments/%E8%B4%A2%E5%8A%A1%E9%83%A8.okr.md`, 'O2')!;
    assert.equal(fin2.parents[0].to, null);
    assert.equal(fin2.parents[0].link.fromParent, true);
    assert.deepEqual(
      index
        .alignment()
        .fileChildren.get(`${ROOT}/company.okr.md`)
        ?.map((e) => e.from),
      [fin2.key],
    );
  });

  it('never resolves outside the workspace folders', async () => {
    const { index } = await load();
    const o3 = index.node(`${ROOT}/people/Nguyen%20Van%20An.okr.md`, 'O3')!;
    assert.deepEqual(
      o3.broken.map((e) => e.status),
      ['outside', 'external', 'outside'],
    );
    assert.equal(o3.orphan, true);
    const from = `${ROOT}/people/a.okr.md`;
    assert.equal(index.resolve(from, '../../x/company.okr.md#o1').status, 'outside');
    assert.equal(index.resolve(from, 'file:///ws/company.okr.md#o1').status, 'outside');
    assert.equal(index.resolve(from, '..%2F..%2Fcompany.okr.md').status, 'outside');
    assert.equal(index.resolve(from, 'C:\\company.okr.md').status, 'outside');
    assert.equal(index.resolve(from, 'javascript:alert(1)').status, 'outside');
    assert.equal(index.resolve(from, '../company.okr.md#o1').status, 'ok');
    assert.equal(index.resolve(from, '..\\company.okr.md#O1.KR2').status, 'ok');
    assert.equal(index.resolve(from, '../company.okr.md#o9').status, 'no-target');
    assert.equal(index.resolve(from, '../missing.okr.md').status, 'no-file');
    // A sibling folder whose name starts like the root is still outside.
    const sibling = new WorkspaceIndex(['file:///ws']);
    sibling.set(parse('file:///ws2/x.okr.md', '## O1: X\n'));
    assert.equal(sibling.resolve('file:///ws/a.okr.md', '../ws2/x.okr.md#o1').status, 'outside');
  });

  it('computes children, contributing progress (kept apart from own progress) and orphans', async () => {
    const { index } = await load();
    const c1 = index.node(`${ROOT}/company.okr.md`, 'O1')!;
    assert.equal(c1.children.length, 1);
    const fin1 = index.node(`${ROOT}/departments/财务部.okr.md`, 'O1')!;
    assert.equal(c1.contributing, fin1.objective.progress);
    assert.notEqual(c1.contributing, c1.objective.progress);
    assert.equal(index.node(`${ROOT}/company.okr.md`, 'O2')!.contributing, null);
    const orphans = [...index.alignment().nodes.values()].filter((n) => n.orphan);
    assert.deepEqual(
      ids(
        index,
        orphans.map((n) => n.key),
      ),
      ['people/Nguyen Van An.okr.md#O3'],
    );
    assert.equal(c1.orphan, false, 'company objectives are the top, never orphans');
  });

  it('counts each aligned objective once in contributing progress, whichever key results it goes through', () => {
    const index = new WorkspaceIndex([ROOT]);
    const top = `${ROOT}/top.okr.md`;
    index.set(parse(top, '---\nlevel: company\n---\n## O1: Top\n- KR1: A from 0 to 10\n- KR2: B from 0 to 10\n'));
    // `a` aligns to O1 twice (through KR1 and KR2), `b` once; `c` has no progress and is not counted.
    const a =
      '## O1: A\n\nAligns to: [k1](top.okr.md#o1.kr1) [k2](top.okr.md#o1.kr2)\n\n- KR1: X from 0 to 10\n  - 2026-11-01: 2\n';
    const b = '## O1: B\n\nAligns to: [o1](top.okr.md#o1)\n\n- KR1: Y from 0 to 10\n  - 2026-11-01: 8\n';
    const c = '## O1: C\n\nAligns to: [o1](top.okr.md#o1)\n\n- KR1: Z\n';
    index.set(parse(`${ROOT}/a.okr.md`, a));
    index.set(parse(`${ROOT}/b.okr.md`, b));
    index.set(parse(`${ROOT}/c.okr.md`, c));
    const node = index.node(top, 'O1')!;
    assert.equal(node.children.length, 4);
    const pa = index.node(`${ROOT}/a.okr.md`, 'O1')!.objective.progress!;
    const pb = index.node(`${ROOT}/b.okr.md`, 'O1')!.objective.progress!;
    assert.equal(index.node(`${ROOT}/c.okr.md`, 'O1')!.objective.progress, null);
    assert.equal(node.contributing, (pa + pb) / 2);
    assert.notEqual(pa, pb);
  });

  it('updates incrementally and reports affected documents on change, create, delete and rename', async () => {
    const { index } = await load();
    const fin = `${ROOT}/departments/%E8%B4%A2%E5%8A%A1%E9%83%A8.okr.md`;
    const an = `${ROOT}/people/Nguyen%20Van%20An.okr.md`;
    const comp = `${ROOT}/company.okr.md`;
    // Finance links to the company and An links to finance.
    assert.deepEqual(index.set(parse(fin, finance)), [comp, an].sort());
    // Renumbering finance's objectives breaks An's links.
    const renumbered = finance.replace('目标1', '目标7').replace('目标2：', '目标8：');
    index.set(parse(fin, renumbered));
    assert.deepEqual(
      index.node(an, 'O1')!.broken.map((e) => e.status),
      ['no-target'],
    );
    assert.equal(index.node(an, 'O2')!.broken[0].status, 'no-target', 'the slug changed too');
    // Deleting finance: An's links now point to a missing file; the company is affected too.
    assert.deepEqual(index.delete(fin), [comp, an].sort());
    assert.equal(index.node(an, 'O1')!.broken[0].status, 'no-file');
    assert.equal(index.node(comp, 'O1')!.children.length, 0);
    assert.deepEqual(index.linkedFrom(fin), [an]);
    // Creating it again (unencoded spelling) restores them.
    const plain = `${ROOT}/departments/财务部.okr.md`;
    assert.deepEqual(index.set(parse(plain, finance)), [comp, an].sort());
    assert.equal(index.node(an, 'O1')!.parents.length, 1);
    // Renaming it away: An's links break again, the new name is indexed.
    const moved = `${ROOT}/departments/finance.okr.md`;
    const affected = index.rename(fin, parse(moved, finance));
    assert.ok(affected.includes(an) && affected.includes(comp), affected.join());
    assert.equal(index.get(plain), undefined);
    assert.equal(index.node(an, 'O1')!.broken[0].status, 'no-file');
    assert.equal(index.node(moved, 'O1')!.parents.length, 1);
  });

  it('finds cycles, flags each objective in the loop, and reports the whole loop as affected', async () => {
    const a = `${ROOT}/a.okr.md`;
    const b = `${ROOT}/b.okr.md`;
    const c = `${ROOT}/c.okr.md`;
    const d = `${ROOT}/d.okr.md`;
    const obj = (link: string, extra = '') =>
      `---\nlevel: team\n---\n## O1: Loop\n\nAligns to: [x](${link})\n\n- KR1: Things from 0 to 4\n${extra}`;
    const { index } = await load({
      [a]: obj('b.okr.md#o1'),
      [b]: obj('c.okr.md#o1'),
      [c]: obj('d.okr.md#o1.kr1'),
      [d]: obj('a.okr.md#o1-loop'),
      [`${ROOT}/e.okr.md`]: obj('a.okr.md#o1'),
      [`${ROOT}/self.okr.md`]: obj('#o1'),
    });
    const cycles = index.alignment().cycles.map((k) => ids(index, k).sort());
    assert.deepEqual(cycles.sort(), [['a.okr.md#O1', 'b.okr.md#O1', 'c.okr.md#O1', 'd.okr.md#O1'], ['self.okr.md#O1']]);
    assert.equal(index.node(`${ROOT}/e.okr.md`, 'O1')!.inCycle, false, 'leading into a loop is not being in it');
    const found = checkDocument(index.get(c)!, { index, today: '2026-11-23' }).filter(
      (f) => f.rule === 'alignment-cycle',
    );
    assert.equal(found.length, 1, JSON.stringify(checkDocument(index.get(c)!, { index })));
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /O1 → d\.okr\.md O1 → a\.okr\.md O1 → b\.okr\.md O1 → O1/);
    assert.equal(found[0].range.start.line, 5, 'the link line is flagged');
    const self = checkDocument(index.get(`${ROOT}/self.okr.md`)!, { index, today: '2026-11-23' });
    assert.ok(self.some((f) => f.rule === 'alignment-cycle'));
    // Breaking the loop at a: c is neither a's target nor links to a, yet its finding must refresh.
    const affected = index.set(parse(a, obj('company.okr.md#o1')));
    assert.ok(affected.includes(c), affected.join());
    assert.deepEqual(
      index.alignment().cycles.map((k) => ids(index, k)),
      [['self.okr.md#O1']],
    );
    assert.equal(checkDocument(index.get(c)!, { index }).filter((f) => f.rule === 'alignment-cycle').length, 0);
  });

  it('handles deep chains and bad input without crashing', async () => {
    const index = new WorkspaceIndex([ROOT]);
    for (let i = 0; i < 800; i++) {
      index.set(parse(`${ROOT}/n${i}.okr.md`, `## O1: N\n\nAligns to: [up](n${i + 1}.okr.md#o1)\n\n- KR1: x 1 to 2\n`));
    }
    assert.equal(index.alignment().cycles.length, 0);
    index.set(parse(`${ROOT}/n800.okr.md`, `## O1: N\n\nAligns to: [up](n0.okr.md#o1)\n`));
    assert.equal(index.alignment().cycles[0].length, 801);
    for (const href of ['%', '%E8%B4', '#', '', '<>', '../', 'a b c', '#o1.kr', '#%ZZ']) {
      assert.doesNotThrow(() => index.resolve(`${ROOT}/x.okr.md`, href));
    }
  });

  it('lists OKR files but skips node_modules and .git', async () => {
    const fs = new MemoryFs(
      files({
        [`${ROOT}/node_modules/pkg/x.okr.md`]: '## O1: X\n',
        [`${ROOT}/.git/x.okr.md`]: '## O1: X\n',
        [`${ROOT}/notes.md`]: '## O1: X\n',
      }),
    );
    const list = await listOkrFiles(fs, [ROOT]);
    assert.equal(list.length, 3);
  });

  it('relative links for completion: up and down, spaces encoded, non-ASCII kept', () => {
    assert.equal(relativeHref(`${ROOT}/people/a.okr.md`, `${ROOT}/company.okr.md`, 'o1'), '../company.okr.md#o1');
    assert.equal(
      relativeHref(`${ROOT}/people/a.okr.md`, `${ROOT}/departments/%E8%B4%A2%E5%8A%A1%E9%83%A8.okr.md`, 'o1.kr2'),
      '../departments/财务部.okr.md#o1.kr2',
    );
    assert.equal(
      relativeHref(`${ROOT}/people/a.okr.md`, `${ROOT}/people/Nguyen Van An.okr.md`),
      'Nguyen%20Van%20An.okr.md',
    );
    assert.equal(relativeHref(`${ROOT}/a.okr.md`, `${ROOT}/a.okr.md`, 'o2'), '#o2');
    assert.equal(relativeHref(`${ROOT}/a.okr.md`, `${ROOT}/x/y/b (1).okr.md`, 'o1'), 'x/y/b%20%281%29.okr.md#o1');
  });
});

describe('alignment views on samples/', () => {
  const root = fileUri(path.join(__dirname, '..', '..', 'samples'));
  const opts = { today: '2026-11-23', locale: 'en' as const, folders: [root] };
  let index: WorkspaceIndex;
  before(async () => {
    const fs = new NodeFs();
    index = await loadWorkspace(fs, [root], await listOkrFiles(fs, [root]));
  });

  it('builds the cascade tree (golden)', () => {
    const brief = (n: AlignmentTreeNode): unknown => ({
      kind: n.kind,
      label: n.label,
      ...(n.description ? { description: n.description } : {}),
      ...(n.viaKeyResult ? { via: n.viaKeyResult } : {}),
      ...(n.objective ? { at: `${n.objective.file}:${n.objective.line + 1}` } : {}),
      ...(n.children.length ? { children: n.children.map(brief) } : {}),
    });
    const tree = alignmentTree(index, opts);
    assertGolden(path.join(__dirname, '..', 'fixtures', 'alignment', 'samples-tree.expected.json'), tree.map(brief));
    // Every sample objective appears in the tree.
    const seen = new Set<string>();
    const walk = (n: AlignmentTreeNode) => {
      if (n.objective) seen.add(n.objective.key);
      n.children.forEach(walk);
    };
    tree.forEach(walk);
    assert.equal(seen.size, index.alignment().nodes.size);
    const company = tree.find((n) => n.objective?.id === 'O1')!;
    assert.ok(
      company.objective!.contributing !== null && company.objective!.contributing !== company.objective!.progress,
    );
  });

  it('builds the map data: rows by level, edges between nodes or to whole files', () => {
    const g = alignmentGraphData(index, opts);
    assert.equal(g.nodes.length, 23);
    assert.deepEqual(g.rows, ['Company', 'Departments', '', 'Individuals', '']);
    const keys = new Set([...g.nodes.map((n) => n.key), ...g.files.map((f) => f.key)]);
    assert.ok(g.edges.every((e) => keys.has(e.from) && keys.has(e.to)));
    assert.equal(g.edges.length, 19);
    assert.ok(g.nodes.every((n) => n.color === null || ['red', 'yellow', 'green'].includes(n.color)));
    assert.equal(g.hidden, 0);
  });

  it('draws only the levels from the top that fit the limit, and says how many objectives it left out', () => {
    const all = alignmentGraphData(index, opts);
    const upper = (row: number) => row < 3;
    const fit = all.nodes.filter((n) => upper(n.row)).length + all.files.filter((f) => upper(f.row)).length;
    // Company and departments fit exactly; the individuals' row would not.
    const g = alignmentGraphData(index, opts, fit);
    assert.deepEqual(g.rows, ['Company', 'Departments', '', '', '']);
    assert.deepEqual(
      g.nodes.map((n) => n.key),
      all.nodes.filter((n) => upper(n.row)).map((n) => n.key),
    );
    assert.equal(g.hidden, all.nodes.length - g.nodes.length);
    assert.ok(g.hidden > 0);
    // Only edges between what is drawn, and all of those.
    const keys = new Set([...g.nodes.map((n) => n.key), ...g.files.map((f) => f.key)]);
    assert.deepEqual(
      g.edges,
      all.edges.filter((e) => keys.has(e.from) && keys.has(e.to)),
    );
    // One less and the departments' row does not fit either.
    assert.deepEqual(alignmentGraphData(index, opts, fit - 1).rows, ['Company', '', '', '', '']);
  });
});
