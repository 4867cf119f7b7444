import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  CodeLens,
  CompletionItem,
  DocumentLink,
  Location,
  PublishDiagnosticsParams,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { assertGolden } from '../helpers';
import { SERVER, startServer, type TestServer } from './lspClient';

const samplesDir = path.join(__dirname, '..', '..', 'samples');
const samples = pathToFileURL(samplesDir).toString();
const fileOf = (rel: string) => pathToFileURL(path.join(samplesDir, rel)).toString();
const read = (rel: string) => readFileSync(path.join(samplesDir, rel), 'utf8');
const GOLDEN = path.join(__dirname, '..', 'fixtures', 'alignment');

describe('alignment over JSON-RPC (samples/ as the workspace)', () => {
  let server: TestServer;
  const company = fileOf('company.okr.md');
  const sales = fileOf('departments/sales.okr.md');
  const an = fileOf('people/Nguyen Van An.okr.md');
  const versions = new Map<string, number>();

  const open = (uri: string, text: string) => {
    versions.set(uri, 1);
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
  };
  const replaceAll = (uri: string, text: string) => {
    const v = (versions.get(uri) ?? 1) + 1;
    versions.set(uri, v);
    server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ text }],
    });
    return v;
  };
  const request = <T>(method: string, params: unknown) => server.connection.sendRequest(method, params) as Promise<T>;
  /** Diagnostics for a URI until one satisfies the predicate (earlier publications are skipped). */
  const diagnosticsUntil = async (uri: string, ok: (p: PublishDiagnosticsParams) => boolean) => {
    for (let i = 0; i < 20; i++) {
      const p = await server.diagnostics(uri);
      if (ok(p)) return p;
    }
    throw new Error(`no matching diagnostics for ${uri}`);
  };

  before(async function () {
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run "npm run build" first`);
    server = await startServer(samples, { today: '2026-11-23', validate: { debounceMs: 10 } });
    // The server indexes samples/ after `initialized`: wait until every sample objective is in.
    for (let i = 0; i < 100; i++) {
      const g = await request<{ nodes: unknown[] }>('okr/alignmentGraph', {});
      if (g.nodes.length >= 23) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.fail('the workspace was not indexed');
  });
  after(async () => server?.stop());

  it('goes to the definition of an alignment link: objective, key result, non-ASCII file', async () => {
    open(sales, read('departments/sales.okr.md'));
    const toO1 = await request<Location>('textDocument/definition', {
      textDocument: { uri: sales },
      position: { line: 15, character: 40 },
    });
    assert.equal(decodeURIComponent(toO1.uri), decodeURIComponent(company));
    assert.equal(toO1.range.start.line, 13);
    const toKr = await request<Location>('textDocument/definition', {
      textDocument: { uri: sales },
      position: { line: 31, character: 45 },
    });
    assert.equal(
      toKr.range.start.line,
      read('company.okr.md')
        .split('\n')
        .findIndex((l) => /^- KR3/.test(l)),
    );
    const wang = fileOf('people/wang-fang.okr.md');
    open(wang, read('people/wang-fang.okr.md'));
    const line = read('people/wang-fang.okr.md')
      .split('\n')
      .findIndex((l) => l.includes('%E8%B4%A2'));
    const toFinance = await request<Location>('textDocument/definition', {
      textDocument: { uri: wang },
      position: { line, character: 30 },
    });
    assert.match(decodeURIComponent(toFinance.uri), /departments\/财务部\.okr\.md$/);
    assert.equal(
      await request('textDocument/definition', { textDocument: { uri: sales }, position: { line: 13, character: 5 } }),
      null,
    );
  });

  it('makes alignment links clickable with the target line', async () => {
    const links = await request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: sales } });
    assert.equal(links.length, 3);
    assert.deepEqual(links[0].range.start, { line: 15, character: 24 });
    assert.match(links[0].target!, /company\.okr\.md#L14,1$/);
    assert.match(links[2].target!, /company\.okr\.md#L14,1$/, 'the slug link lands on the same heading');
  });

  it('finds everything aligned to an objective, across files', async () => {
    open(company, read('company.okr.md'));
    const refs = await request<Location[]>('textDocument/references', {
      textDocument: { uri: company },
      position: { line: 13, character: 8 },
      context: { includeDeclaration: false },
    });
    const where = refs.map((r) => `${path.basename(decodeURIComponent(r.uri))}:${r.range.start.line + 1}`).sort();
    assert.deepEqual(where, [
      'engineering.okr.md:45',
      'marketing-draft.okr.md:15',
      'marketing-draft.okr.md:27',
      'sales.okr.md:16',
      'sales.okr.md:32',
      'sales.okr.md:48',
    ]);
  });

  it('renames an objective ID and rewrites every inbound link (ID paths and slugs)', async () => {
    const prep = await request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', {
      textDocument: { uri: company },
      position: { line: 13, character: 4 },
    });
    assert.equal(prep.placeholder, 'O1');
    const edit = await request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: company },
      position: { line: 13, character: 4 },
      newName: 'O5',
    });
    assertGolden(path.join(GOLDEN, 'rename-company-o1.expected.json'), relativeEdits(edit));
    const salesEdits = Object.entries(edit.changes!).find(([u]) => u.endsWith('sales.okr.md'))![1];
    assert.deepEqual(salesEdits.map((e) => e.newText).sort(), [
      'o5',
      'o5-become-the-bookkeeping-tool-small-businesses-recommend-to-each-other',
      'o5.kr3',
    ]);
  });

  it('renames an objective title and rewrites slug links, percent-encoded ones encoded again', async () => {
    const finance = fileOf('departments/财务部.okr.md');
    const text = read('departments/财务部.okr.md');
    open(finance, text);
    const line = text.split('\n').findIndex((l) => l.startsWith('## 目标1'));
    const edit = await request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: finance },
      position: { line, character: 12 },
      newName: '把预算做实',
    });
    assertGolden(path.join(GOLDEN, 'rename-finance-title.expected.json'), relativeEdits(edit));
    const wangEdits = Object.entries(edit.changes!).find(([u]) => u.endsWith('wang-fang.okr.md'))![1];
    assert.deepEqual(
      wangEdits.map((e) => decodeURIComponent(e.newText)),
      ['目标1把预算做实'],
    );
    await assert.rejects(
      request('textDocument/rename', {
        textDocument: { uri: finance },
        position: { line, character: 4 },
        newName: 'X',
      }),
    );
  });

  it('completes alignment targets after the keyword and inside ](, and owners after @', async () => {
    const uri = fileOf('people/new-person.okr.md');
    open(
      uri,
      '---\nlevel: individual\n---\n## O1: Grow\n\nAligns to: \n\nCăn chỉnh: [x](\n\n- KR1: Deals from 0 to 4 with @\n',
    );
    const after = await request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 5, character: 11 },
    });
    const o1 = after.find((i) => i.label.startsWith('O1: Become'))!;
    assert.ok(o1, after.map((i) => i.label).join('\n'));
    assert.equal((o1.textEdit as TextEdit).newText, '[BambooBooks leadership team · O1](../company.okr.md#o1)');
    assert.match(o1.detail!, /^BambooBooks leadership team · \d+%/);
    const rightAfterColon = await request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 5, character: 10 },
    });
    assert.equal(
      (rightAfterColon.find((i) => i.label.startsWith('O1: Become'))!.textEdit as TextEdit).newText,
      ' [BambooBooks leadership team · O1](../company.okr.md#o1)',
    );
    const inside = await request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 7, character: 15 },
    });
    const hrefs = inside.map((i) => (i.textEdit as TextEdit).newText);
    assert.ok(hrefs.includes('../departments/sales.okr.md#o1.kr3'), hrefs.join('\n'));
    assert.ok(hrefs.includes('../departments/财务部.okr.md#o2'), 'non-ASCII names stay readable');
    assert.ok(hrefs.includes('Nguyen%20Van%20An.okr.md#o2.kr2'), `spaces are encoded: ${hrefs.join(' ')}`);
    const owners = await request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 9, character: '- KR1: Deals from 0 to 4 with @'.length },
    });
    const names = owners.map((i) => i.label);
    assert.ok(names.includes('@财务部') && names.includes('@PhòngKinhdoanh'), names.join(', '));
    assert.equal(
      (
        await request<CompletionItem[]>('textDocument/completion', {
          textDocument: { uri },
          position: { line: 3, character: 6 },
        })
      ).filter((i) => i.label.startsWith('O1: Become')).length,
      0,
      'no alignment targets in a heading',
    );
    // Closed, and not on disk: it leaves the index (the tree test below relies on it).
    server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('shows "N aligned below" lenses that carry the locations for the client command', async () => {
    const lenses = await request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: company } });
    const aligned = lenses.filter((l) => l.command?.command === 'okr.showAligned');
    const o1 = aligned.find((l) => l.range.start.line === 13)!;
    assert.match(o1.command!.title, /^6 aligned below · contributing progress \d+%$/);
    const [uri, pos, locations] = o1.command!.arguments as [string, unknown, Location[]];
    assert.equal(uri, company);
    assert.deepEqual(pos, { line: 13, character: 0 });
    assert.equal(locations.length, 6);
  });

  it('re-publishes diagnostics of an open file when a file it depends on changes', async () => {
    open(an, read('people/Nguyen Van An.okr.md'));
    const first = await diagnosticsUntil(an, (p) => p.diagnostics.some((d) => d.code === 'alignment-broken'));
    const brokenLines = (p: PublishDiagnosticsParams) =>
      p.diagnostics.filter((d) => d.code === 'alignment-broken').map((d) => d.range.start.line);
    assert.deepEqual(brokenLines(first), [40]);
    // Renumber sales Mục tiêu 1 → 9: An's link to #o1 breaks at once, without touching An's file.
    replaceAll(sales, read('departments/sales.okr.md').replace('## Mục tiêu 1:', '## Mục tiêu 9:'));
    const second = await diagnosticsUntil(an, (p) => brokenLines(p).length === 2);
    assert.deepEqual(brokenLines(second), [14, 40]);
    replaceAll(sales, read('departments/sales.okr.md'));
    await diagnosticsUntil(an, (p) => brokenLines(p).length === 1);
  });

  it('flags every objective of a loop and clears them when the loop is broken', async () => {
    const a = fileOf('loop-a.okr.md');
    const b = fileOf('loop-b.okr.md');
    const text = (link: string) =>
      `---\nlevel: team\n---\n## O1: Loop\n\nAligns to: [x](${link})\n\n- KR1: Things from 0 to 4\n`;
    open(a, text('loop-b.okr.md#o1'));
    open(b, text('company.okr.md#o1'));
    await diagnosticsUntil(b, () => true);
    replaceAll(b, text('loop-a.okr.md#o1'));
    const cycleOf = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'alignment-cycle');
    const pa = await diagnosticsUntil(a, (p) => cycleOf(p).length === 1);
    assert.match(String(cycleOf(pa)[0].message), /O1 → loop-b\.okr\.md O1 → O1/);
    assert.equal(cycleOf(pa)[0].severity, 1);
    replaceAll(b, text('company.okr.md#o1'));
    await diagnosticsUntil(a, (p) => cycleOf(p).length === 0);
  });

  it('answers the alignment tree: company objectives at the root, orphans and broken links apart', async () => {
    type Node = { kind: string; label: string; objective?: { id: string; file: string }; children: Node[] };
    const tree = await request<Node[]>('okr/alignmentTree', {});
    assert.deepEqual(
      tree.filter((n) => n.kind === 'objective').map((n) => n.objective!.id),
      ['O1', 'O2', 'O3', 'O4'],
    );
    const unaligned = tree.find((n) => n.kind === 'unaligned')!;
    assert.deepEqual(
      unaligned.children.map((n) => `${n.objective!.file}#${n.objective!.id}`),
      ['drafts/marketing-draft.okr.md#O2', 'people/Nguyen Van An.okr.md#O3'],
    );
    assert.equal(tree.find((n) => n.kind === 'broken-group')!.children.length, 1);
  });

  it('answers the alignment tree one level at a time, adding up to the whole tree', async () => {
    type Node = { kind: string; label: string; children: Node[]; id?: string; hasChildren?: boolean };
    const whole = await request<Node[]>('okr/alignmentTree', {});
    const expand = async (parent?: string): Promise<Node[]> => {
      const level = await request<Node[]>('okr/alignmentTree', { lazy: true, parent });
      const out: Node[] = [];
      for (const { id, hasChildren, ...n } of level) {
        assert.deepEqual(n.children, []);
        out.push({ ...n, children: hasChildren ? await expand(id) : [] });
      }
      return out;
    };
    assert.deepStrictEqual(await expand(), JSON.parse(JSON.stringify(whole)));
  });
});

describe('alignment index on disk (a copy of samples/)', () => {
  let server: TestServer;
  let dir: string;
  let root: string;
  const at = (rel: string) => pathToFileURL(path.join(dir, rel)).toString();
  const request = <T>(method: string, params: unknown) => server.connection.sendRequest(method, params) as Promise<T>;
  const watched = (uri: string, type: 1 | 2 | 3) =>
    server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type }] });
  const refsToCompanyO1 = async () =>
    (
      await request<Location[]>('textDocument/references', {
        textDocument: { uri: at('company.okr.md') },
        position: { line: 13, character: 8 },
        context: { includeDeclaration: false },
      })
    ).map((l) => path.basename(decodeURIComponent(l.uri)));
  const until = async <T>(what: string, fn: () => Promise<T | undefined | false>): Promise<T> => {
    for (let i = 0; i < 100; i++) {
      const v = await fn();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 30));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const brokenLines = (p: PublishDiagnosticsParams) =>
    p.diagnostics.filter((d) => d.code === 'alignment-broken').map((d) => d.range.start.line);

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'okr-align-'));
    cpSync(samplesDir, dir, { recursive: true });
    // A folder the root .gitignore names: its OKR files stay out of the index.
    mkdirSync(path.join(dir, 'generated'));
    writeFileSync(path.join(dir, 'generated', 'copy.okr.md'), '## O1: Copy\n\nAligns to: [c](../company.okr.md#o1)\n');
    writeFileSync(path.join(dir, '.gitignore'), 'generated/\n');
    root = pathToFileURL(dir).toString();
    server = await startServer(root, { today: '2026-11-23', validate: { debounceMs: 10 } });
    await until(
      'the index',
      async () => (await request<{ nodes: unknown[] }>('okr/alignmentGraph', {})).nodes.length >= 23,
    );
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('skips folders the .gitignore names', async () => {
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: at('company.okr.md'), languageId: 'markdown', version: 1, text: read('company.okr.md') },
    });
    const refs = await until('references', async () => {
      const r = await refsToCompanyO1();
      return r.length ? r : undefined;
    });
    assert.ok(refs.includes('sales.okr.md'));
    assert.ok(!refs.includes('copy.okr.md'));
  });

  it('indexes files created, changed and deleted on disk', async () => {
    const file = path.join(dir, 'teams', 'Đội Hà Nội.okr.md');
    mkdirSync(path.dirname(file));
    writeFileSync(
      file,
      '---\nlevel: team\n---\n## O1: Sell\n\nAligns to: [c](../company.okr.md#o1)\n\n- KR1: Deals from 0 to 4\n',
    );
    watched(at('teams/Đội Hà Nội.okr.md'), 1);
    await until('the new file among the references', async () =>
      (await refsToCompanyO1()).includes('Đội Hà Nội.okr.md'),
    );
    writeFileSync(file, '---\nlevel: team\n---\n## O1: Sell\n\nAligns to: [c](../company.okr.md#o2)\n');
    watched(at('teams/Đội Hà Nội.okr.md'), 2);
    await until('the changed link', async () => !(await refsToCompanyO1()).includes('Đội Hà Nội.okr.md'));
    writeFileSync(file, '---\nlevel: team\n---\n## O1: Sell\n\nAligns to: [c](../company.okr.md#o1)\n');
    watched(at('teams/Đội Hà Nội.okr.md'), 2);
    await until('the link back', async () => (await refsToCompanyO1()).includes('Đội Hà Nội.okr.md'));
    unlinkSync(file);
    watched(at('teams/Đội Hà Nội.okr.md'), 3);
    await until('the deleted file gone', async () => !(await refsToCompanyO1()).includes('Đội Hà Nội.okr.md'));
  });

  it('re-checks an open file when a file it links to changes on disk, and re-reads a closed file', async () => {
    const an = at('people/Nguyen Van An.okr.md');
    const sales = at('departments/sales.okr.md');
    const salesPath = path.join(dir, 'departments', 'sales.okr.md');
    const original = readFileSync(salesPath, 'utf8');
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: an, languageId: 'markdown', version: 1, text: read('people/Nguyen Van An.okr.md') },
    });
    const next = async (ok: (p: PublishDiagnosticsParams) => boolean) => {
      for (let i = 0; i < 20; i++) {
        const p = await server.diagnostics(an);
        if (ok(p)) return p;
      }
      throw new Error('no matching diagnostics');
    };
    await next((p) => brokenLines(p).length === 1);
    // Renumbered on disk (say, by git pull): An's link to #o1 breaks.
    writeFileSync(salesPath, original.replace('## Mục tiêu 1:', '## Mục tiêu 9:'));
    watched(sales, 2);
    assert.deepEqual(brokenLines(await next((p) => brokenLines(p).length === 2)), [14, 40]);
    writeFileSync(salesPath, original);
    watched(sales, 2);
    await next((p) => brokenLines(p).length === 1);
    // Unsaved edits in an open sales.okr.md count; closing it without saving goes back to the disk.
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: sales,
        languageId: 'markdown',
        version: 1,
        text: original.replace('## Mục tiêu 2:', '## Mục tiêu 8:'),
      },
    });
    assert.deepEqual(brokenLines(await next((p) => brokenLines(p).length === 2)), [28, 40]);
    server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: sales } });
    await next((p) => brokenLines(p).length === 1);
  });
});

/** A WorkspaceEdit with URIs relative to samples/, sorted, for golden files. */
function relativeEdits(edit: WorkspaceEdit): Record<string, TextEdit[]> {
  const out: Record<string, TextEdit[]> = {};
  for (const [uri, edits] of Object.entries(edit.changes ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    const rel = decodeURIComponent(uri).slice(decodeURIComponent(samples).length + 1);
    out[rel] = [...edits].sort((a, b) => a.range.start.line - b.range.start.line);
  }
  return out;
}

describe('indexing progress', () => {
  it('reports work-done progress while indexing when the client supports it', async () => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin!.on('error', () => undefined); // EPIPE after the server exits
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const tokens: unknown[] = [];
    const kinds: string[] = [];
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    connection.onRequest('window/workDoneProgress/create', (p: { token: unknown }) => {
      tokens.push(p.token);
      return null;
    });
    connection.onNotification('$/progress', (p: { token: unknown; value: { kind: string; message?: string } }) => {
      assert.ok(tokens.includes(p.token), 'progress on a created token');
      kinds.push(p.value.kind);
      if (p.value.kind === 'end') done();
    });
    connection.onRequest('workspace/configuration', () => [{}]);
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    try {
      await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: samples,
        workspaceFolders: [{ uri: samples, name: 'samples' }],
        capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true } },
        locale: 'vi',
      });
      connection.sendNotification('initialized', {});
      await finished;
      assert.equal(kinds[0], 'begin');
      assert.ok(kinds.includes('report'));
      assert.equal(kinds[kinds.length - 1], 'end');
    } finally {
      await connection.sendRequest('shutdown').catch(() => undefined);
      // The server may already be gone: a write to its closed stdin is not a test failure.
      void connection.sendNotification('exit').catch(() => undefined);
      connection.dispose();
      child.kill();
    }
  });
});
