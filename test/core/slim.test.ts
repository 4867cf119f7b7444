// The server's index keeps an outline of closed files (core/workspace/slim.ts). Every cross-file
// answer must be the same as with full models: the alignment graph, the views, workspace symbols,
// link resolution, renames across files and the cross-file findings of an open file.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeTree } from '../../scripts/bench/corpus';
import { checkDocument, parseOkr, WorkspaceIndex, type OkrDocument, type Range } from '../../server/src/core/index';
import { MemoryFs } from '../../server/src/core/workspace/files';
import { listOkrFiles } from '../../server/src/core/workspace/load';
import { renameObjective } from '../../server/src/core/workspace/navigate';
import { isSlim, slimForIndex, sourceMatches, textHash } from '../../server/src/core/workspace/slim';
import { alignmentGraphData, alignmentTree } from '../../server/src/core/workspace/views';
import { workspaceSymbols } from '../../server/src/lsp/features/symbols';
import { fileUri, NodeFs } from '../../server/src/node/nodeFs';

const today = '2026-11-23';

interface Workspace {
  roots: string[];
  texts: Map<string, string>;
  docs: OkrDocument[];
}

async function workspaceOf(fs: NodeFs | MemoryFs, roots: string[]): Promise<Workspace> {
  const texts = new Map<string, string>();
  const docs: OkrDocument[] = [];
  for (const uri of await listOkrFiles(fs, roots)) {
    const text = (await fs.readText(uri))!;
    texts.set(uri, text);
    docs.push(parseOkr(text, uri, -1));
  }
  return { roots, texts, docs };
}

/** The index the server holds: full models for the open file, outlines for every other one. */
function indexes(ws: Workspace, openUri: string | null): { full: WorkspaceIndex; slim: WorkspaceIndex } {
  const full = new WorkspaceIndex(ws.roots);
  const slim = new WorkspaceIndex(ws.roots);
  for (const d of ws.docs) {
    full.set(d);
    slim.set(d.uri === openUri ? d : slimForIndex(d));
  }
  return { full, slim };
}

const r = (x: Range | null) => (x ? [x.start.line, x.start.character, x.end.line, x.end.character] : null);

/** Every field the outline claims to keep, read through the model's interface (getters included). */
function outline(d: OkrDocument): unknown {
  return {
    uri: d.uri,
    version: d.version,
    lang: d.lang,
    langExplicit: d.langExplicit,
    eol: d.eol,
    frontMatter: d.frontMatter && { range: r(d.frontMatter.range), data: d.frontMatter.data },
    owner: d.owner,
    level: d.level,
    period: d.period,
    parent: d.parent,
    sections: d.sections.map((s) => [s.title, r(s.range), s.depth]),
    skipped: d.skipped,
    progress: d.progress,
    lineCount: d.lineCount,
    objectives: d.objectives.map((o) => ({
      ...pick(o, ['id', 'number', 'title', 'kind', 'headingDepth', 'slug', 'owner', 'section', 'type']),
      ...pick(o, ['typeExplicit', 'progress', 'rawProgress']),
      ranges: [o.range, o.titleRange, o.markerRange, o.sectionRange].map(r),
      alignsTo: o.alignsTo.map((l) => [l.href, l.text, r(l.range), r(l.hrefRange), r(l.keywordRange), l.fromParent]),
      mentions: o.mentions.map((m) => [m.name, r(m.range)]),
      keyResults: o.keyResults.map((k) => ({
        ...pick(k, ['id', 'number', 'title', 'binary', 'checked', 'start', 'target', 'current', 'unit']),
        ...pick(k, ['direction', 'weight', 'progress', 'rawProgress', 'confidence', 'listMarker', 'indent']),
        childIndent: k.childIndent,
        ranges: [k.range, k.titleRange, k.markerRange, k.fullRange, k.taskBoxRange].map(r),
      })),
    })),
  };
}

function pick<T extends object>(o: T, keys: (keyof T)[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

/** The graph as plain data: nodes with their facts, edges with their links. */
function graphData(index: WorkspaceIndex): unknown {
  const g = index.alignment();
  const edge = (e: (typeof g.edges)[number]) => ({
    from: e.from,
    to: e.to,
    toUri: e.toUri,
    kr: e.keyResult?.id ?? null,
    status: e.status,
    link: [e.link.href, r(e.link.range), r(e.link.hrefRange), e.link.fromParent],
  });
  return {
    nodes: [...g.nodes.values()].map((n) => ({
      key: n.key,
      id: n.objective.id,
      level: n.level,
      parents: n.parents.map(edge),
      children: n.children.map(edge),
      broken: n.broken.map(edge),
      contributing: n.contributing,
      inCycle: n.inCycle,
      orphan: n.orphan,
    })),
    edges: g.edges.map(edge),
    fileChildren: [...g.fileChildren].map(([u, es]) => [u, es.map(edge)]),
    cycles: g.cycles,
  };
}

function resolutions(index: WorkspaceIndex, docs: OkrDocument[]): unknown[] {
  return docs.flatMap((d) =>
    d.objectives.flatMap((o) =>
      o.alignsTo.map((l) => {
        const x = index.resolve(d.uri, l.href);
        return x.status === 'ok'
          ? [x.status, x.uri, r(x.objective?.range ?? null), r(x.keyResult?.range ?? null), x.doc.uri]
          : [x.status, x.uri];
      }),
    ),
  );
}

/** Everything cross-file that the server answers from its index, with `openUri` as the open file. */
function assertSameAnswers(ws: Workspace, openUri: string | null, checkFindings: boolean): void {
  const { full, slim } = indexes(ws, openUri);
  const opts = { today, locale: 'en' as const, folders: ws.roots };
  assert.deepEqual(graphData(slim), graphData(full), 'alignment graph');
  assert.deepEqual(alignmentTree(slim, opts), alignmentTree(full, opts), 'alignment tree');
  assert.deepEqual(alignmentGraphData(slim, opts), alignmentGraphData(full, opts), 'alignment map');
  assert.deepEqual(workspaceSymbols(slim.all(), ''), workspaceSymbols(full.all(), ''), 'workspace symbols');
  assert.deepEqual(workspaceSymbols(slim.all(), 'o1'), workspaceSymbols(full.all(), 'o1'), 'symbols, a query');
  assert.deepEqual(resolutions(slim, ws.docs), resolutions(full, ws.docs), 'link resolution');
  const open = ws.docs.find((d) => d.uri === openUri);
  if (open && checkFindings) {
    const found = (index: WorkspaceIndex) => checkDocument(open, { index, today });
    assert.deepEqual(found(slim), found(full), `findings of ${openUri}`);
  }
}

/** Renames every objective (ID and title) in the open file; closed files' texts are read again. */
function assertSameRenames(ws: Workspace, openUri: string): void {
  const { full, slim } = indexes(ws, openUri);
  const doc = full.get(openUri)!;
  const reRead = (d: OkrDocument) => (isSlim(d) ? ws.texts.get(d.uri)! : d.text);
  doc.objectives.forEach((o, i) => {
    for (const [part, name] of [
      ['title', `${o.title} renamed`],
      ['id', 'O42'],
    ] as const) {
      const a = renameObjective(full, openUri, i, part, name);
      const b = renameObjective(slim, openUri, i, part, name, reRead);
      const plain = (x: typeof a) => ('error' in x ? x : [...x.edits]);
      assert.deepEqual(plain(b), plain(a), `rename ${part} of ${o.id} in ${openUri}`);
    }
  });
}

// A small workspace with every kind of link: KR targets, slugs, reference-style links, the front
// matter's parent, a loop, broken and outside links, owner sections and mentions.
const ROOT = 'file:///ws';
const memoryFiles: Record<string, string> = {
  [`${ROOT}/company.okr.md`]: `---
level: company
owner: Leadership
period: 2026-Q4
---
## O1: Win small businesses
- KR1: Customers from 100 to 200
  - 2026-11-01: 150 · confidence 7/10
- KR2: Revenue from 1 to 3 $
## O2: Be fast and calm
Aligns to: [loop](teams/ops.okr.md#o1)
- [x] KR1: Ship the status page
`,
  [`${ROOT}/departments/%E8%B4%A2%E5%8A%A1%E9%83%A8.okr.md`]: `---
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
`,
  [`${ROOT}/teams/ops.okr.md`]: `---
level: team
---
# Ops

## @Lan
### O1: Keep the lights on with @Minh
Aligns to: [company][c] and [missing](../company.okr.md#o9)

- KR1: Uptime from 99% to 99.9%

[c]: ../company.okr.md#o2
## @Binh
### O2: Win small businesses faster
Aligns to: [slug](../company.okr.md#o1-win-small-businesses) [web](https://example.com/a.okr.md#o1) [out](../../x.okr.md)
- KR1: Onboarding from 10 days to 2 days
`,
  [`${ROOT}/people/Nguyen%20Van%20An.okr.md`]: `---
level: individual
owner: An
lang: vi
---
## Mục tiêu 1: Chốt hợp đồng

Căn chỉnh: [Tài chính](../departments/%E8%B4%A2%E5%8A%A1%E9%83%A8.okr.md#o1)

- KR1: Số hợp đồng từ 0 lên 10
  - 2026-11-01: 5 · tự tin 6/10
`,
};

describe('slim index models (what the server keeps of closed files)', () => {
  let memory: Workspace;
  let samples: Workspace;
  let tree: Workspace;
  let treeDir: string;

  before(async () => {
    memory = await workspaceOf(new MemoryFs(memoryFiles), [ROOT]);
    const samplesDir = path.join(__dirname, '..', '..', 'samples');
    samples = await workspaceOf(new NodeFs(), [fileUri(samplesDir)]);
    treeDir = mkdtempSync(path.join(tmpdir(), 'okr-slim-'));
    writeTree(treeDir, 100);
    tree = await workspaceOf(new NodeFs(), [fileUri(path.join(treeDir, 'tree-100'))]);
  });
  after(() => rmSync(treeDir, { recursive: true, force: true }));

  it('keeps every field cross-file features read, drops the text and line detail', () => {
    for (const ws of [memory, samples, tree]) {
      for (const d of ws.docs) {
        const s = slimForIndex(d);
        assert.deepEqual(outline(s), outline(d), d.uri);
        assert.ok(isSlim(s) && !isSlim(d));
        assert.equal(slimForIndex(s), s, 'slimming twice is a no-op');
        assert.equal(s.text, '');
        assert.deepEqual([s.placeholders, s.directives, s.frontMatter?.problems ?? []], [[], [], []]);
        for (const o of s.objectives) {
          assert.deepEqual([o.quantities, o.timeRefs], [[], []]);
          for (const k of o.keyResults)
            assert.deepEqual([k.quantities, k.timeRefs, k.checkIns, k.evidence], [[], [], [], []]);
        }
        assert.ok(sourceMatches(s, ws.texts.get(d.uri)!), 'the text it was built from matches');
        assert.ok(!sourceMatches(s, `${ws.texts.get(d.uri)!} `), 'another text does not');
      }
    }
    // Past 65,534 lines the ranges take wider numbers; nothing changes for the reader.
    const far = `${'\n'.repeat(70000)}## O1: Far down ${'x'.repeat(70000)}\n- KR1: Deals from 0 to 10\n`;
    const farDoc = parseOkr(far, 'file:///far.okr.md', -1);
    assert.equal(farDoc.objectives[0].range.start.line, 70000);
    assert.deepEqual(outline(slimForIndex(farDoc)), outline(farDoc));
    // Ranges read from an outline are plain data, as over JSON-RPC.
    const o = slimForIndex(memory.docs[0]).objectives[0];
    assert.deepEqual(JSON.parse(JSON.stringify(o.keyResults[0].range)), o.keyResults[0].range);
    assert.notEqual(textHash('a'), textHash('b'));
  });

  it('answers the same graph, views, symbols and links with outlines of closed files', () => {
    for (const ws of [memory, samples, tree]) assertSameAnswers(ws, null, false);
  });

  it('gives an open file the same cross-file findings while every other file is an outline', () => {
    for (const ws of [memory, samples]) for (const d of ws.docs) assertSameAnswers(ws, d.uri, true);
    // The tree: the company, a department and a few people are enough (every rule runs each time).
    const some = tree.docs.filter((d, i) => i % 20 === 0 || !d.uri.includes('/people/'));
    assert.ok(some.length >= 5);
    for (const d of some.slice(0, 12)) assertSameAnswers(tree, d.uri, true);
  });

  it('renames across files the same, reading closed files again', () => {
    for (const d of memory.docs) assertSameRenames(memory, d.uri);
    for (const d of samples.docs) assertSameRenames(samples, d.uri);
    assertSameRenames(tree, tree.docs.find((d) => d.uri.endsWith('/company.okr.md'))!.uri);
    // Without the texts of closed files, a rename could not rewrite their links.
    const company = `${ROOT}/company.okr.md`;
    const { slim } = indexes(memory, company);
    const r = renameObjective(slim, company, 1, 'id', 'O7');
    assert.ok(!('error' in r));
    assert.deepEqual([...r.edits.keys()], [company], 'no text, no edit: hence the server reads them again');
  });
});
