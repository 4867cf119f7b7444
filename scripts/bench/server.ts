// The real language server as a process: cold index of a workspace folder over JSON-RPC, then its
// memory (VmRSS from /proc), an edit round trip, and typing in that file with the whole index
// loaded (WARM_UP untimed keystrokes, then TYPED timed ones). Needs `npm run build`.
//   npx tsx scripts/bench/server.ts [--files 10000 | --folder <dir>] [--server dist/server.js] [--open <file>]
//     [--settle ms]  idle time after indexing before reading memory (1500; V8 gives pages back when idle)
//     [--cache dir]  the client's cache folder (initializationOptions.cacheFolder): run twice for a warm start
//     [--workers n]  index threads (OKR_INDEX_WORKERS; 1 = all on the main thread; default: one per core, <= 4)
//     [--node-args "--cpu-prof --cpu-prof-dir build/prof"]  more Node options for the server process
// --files N uses build/bench-corpus/tree-N (written when missing). With OKR_BENCH=1 the server also
// answers `okr/bench.memory` (a full GC, then process.memoryUsage()): the bench sets it, editors never do.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { writeTree } from './corpus';
import { stats, WARM_UP } from './stats';

const ROOT = path.join(__dirname, '..', '..');
const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

/** CPU time (user + system, all threads) of a process so far, in ms; null without /proc. */
function procCpuMs(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** kB values of /proc/<pid>/status (VmRSS, VmHWM), in MB; null where /proc is not available. */
function procMemory(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

function countOkrFiles(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += countOkrFiles(path.join(dir, e.name));
    else if (e.name.endsWith('.okr.md')) n++;
  }
  return n;
}

/** A file to open for the edit round-trip: one that others align to, when the tree has one. */
function firstOkrFile(dir: string): string | null {
  for (const rel of ['departments/dept-0.okr.md', 'company.okr.md']) {
    if (existsSync(path.join(dir, rel))) return path.join(dir, rel);
  }
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isFile() && e.name.endsWith('.okr.md')) return p;
    if (e.isDirectory()) {
      const f = firstOkrFile(p);
      if (f) return f;
    }
  }
  return null;
}

/** Size of the outline cache file in the folder, in MB (null when there is none). */
function cacheSize(dir: string): number | null {
  try {
    return Math.round((statSync(path.join(dir, 'okr-outlines.bin')).size / 1024 / 1024) * 10) / 10;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Timed keystrokes in the open file once the index is loaded (after WARM_UP untimed ones). */
const TYPED = 100;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main(): Promise<void> {
  const files = Number(option('files') ?? 10000);
  let folder = option('folder');
  if (!folder) {
    folder = path.join(ROOT, 'build', 'bench-corpus', `tree-${files}`);
    if (!existsSync(path.join(folder, 'company.okr.md'))) writeTree(path.dirname(folder), files);
  }
  folder = path.resolve(folder);
  const server = path.resolve(option('server') ?? path.join(ROOT, 'dist', 'server.js'));
  if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first`);
  const openFile = option('open') ? path.resolve(option('open')!) : firstOkrFile(folder);
  const fileCount = countOkrFiles(folder);

  // --expose-gc only lets the guarded bench request collect garbage before reading the heap.
  // The V8 flag and MALLOC_ARENA_MAX below are how the extension starts it (client/src/extension.ts).
  const child = spawn(
    process.execPath,
    [
      '--expose-gc',
      '--max-semi-space-size=2',
      ...(option('node-args')?.split(' ').filter(Boolean) ?? []),
      server,
      '--stdio',
    ],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        ...process.env,
        MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
        OKR_BENCH: '1',
        ...(option('workers') ? { OKR_INDEX_WORKERS: option('workers') } : {}),
      },
    },
  );
  child.stdin!.on('error', () => undefined);
  const stderr: string[] = [];
  child.stderr!.on('data', (d) => stderr.push(String(d)));
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );

  let indexEnd: (() => void) | null = null;
  const indexed = new Promise<void>((r) => (indexEnd = r));
  const progressTokens = new Set<string | number>();
  let indexChangedAt = 0;
  let lastReport = '';
  connection.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
    progressTokens.add(p.token);
    return null;
  });
  connection.onNotification(
    '$/progress',
    (p: { token: string | number; value: { kind: string; message?: string } }) => {
      if (!progressTokens.has(p.token)) return;
      if (p.value.message) lastReport = p.value.message;
      if (p.value.kind === 'end') indexEnd?.();
    },
  );
  connection.onNotification('okr/didChangeIndex', () => {
    indexChangedAt = performance.now();
  });
  const diagnostics = new Map<string, (p: PublishDiagnosticsParams) => void>();
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.get(`${p.uri}@${p.version}`)?.(p);
  });
  const diagnosticsOf = (uri: string, version: number) =>
    new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}`)), 120000);
      diagnostics.set(`${uri}@${version}`, (p) => {
        clearTimeout(t);
        diagnostics.delete(`${uri}@${version}`);
        resolve(p);
      });
    });
  connection.onRequest('workspace/configuration', () => [{ today: '2026-11-23', validate: { debounceMs: 0 } }]);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.listen();

  const root = pathToFileURL(folder).toString();
  const started = performance.now();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name: path.basename(folder) }],
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
    locale: 'en',
    initializationOptions: option('cache') ? { cacheFolder: path.resolve(option('cache')!) } : undefined,
  });
  connection.sendNotification('initialized', {});
  await indexed;
  const indexMs = performance.now() - started;
  // CPU time tells more than wall time on a busy machine (both cores' worth when threads run).
  const indexCpuMs = procCpuMs(child.pid!);
  // The index notification is debounced (300 ms); let it and the first GCs pass before reading memory.
  await sleep(Number(option('settle') ?? 1500));
  const settled = procMemory(child.pid!);
  let afterGc: { rss: number; peak: number } | null = null;
  let heap: { heapUsed: number; heapTotal: number; external: number; rss: number } | null = null;
  try {
    heap = await connection.sendRequest<{ heapUsed: number; heapTotal: number; external: number; rss: number }>(
      'okr/bench.memory',
    );
    afterGc = procMemory(child.pid!);
  } catch {
    // An older server without the bench request: RSS as settled is all there is.
  }

  // One edit round-trip on an opened file after indexing: the server must still answer quickly.
  let openMs: number | null = null;
  let editMs: number | null = null;
  let findings: number | null = null;
  let treeMs: number | null = null;
  let viewMs: number | null = null;
  let objectivesViewMs: number | null = null;
  let mapMs: number | null = null;
  let mapNodes: number | null = null;
  let withViews: { heapUsed: number; rss: number } | null = null;
  let withGraph: { heapUsed: number; rss: number } | null = null;
  const typed: number[] = [];
  if (openFile) {
    const uri = pathToFileURL(openFile).toString();
    const text = readFileSync(openFile, 'utf8');
    let s = performance.now();
    const opened = diagnosticsOf(uri, 1);
    connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
    await opened;
    openMs = performance.now() - s;
    const lines = text.split('\n');
    const line = Math.max(
      0,
      lines.findIndex((l) => /^\s*- /.test(l)),
    );
    const character = lines[line].length;
    s = performance.now();
    const changed = diagnosticsOf(uri, 2);
    connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: ' x' }],
    });
    findings = (await changed).diagnostics.length;
    editMs = performance.now() - s;
    // With a file open the alignment graph is built too (cross-file rules read it): memory again.
    await sleep(Number(option('settle') ?? 1500));
    try {
      withGraph = await connection.sendRequest<{ heapUsed: number; rss: number }>('okr/bench.memory');
    } catch {
      withGraph = null;
    }
    // What the Alignment view asks after an edit: the roots, then the children of the roots it
    // shows open (client/src/features/alignmentView: all but whole-file groups).
    s = performance.now();
    const roots = await connection.sendRequest<{ kind: string; id?: string; hasChildren?: boolean }[]>(
      'okr/alignmentTree',
      { lazy: true },
    );
    for (const r of roots)
      if (r.hasChildren && r.kind !== 'file')
        await connection.sendRequest('okr/alignmentTree', { lazy: true, parent: r.id });
    viewMs = performance.now() - s;
    // What the Objectives view asks when shown (client/src/features/objectivesView): the groups by
    // owner, with their objectives in a small workspace; else the first group's, as if opened.
    s = performance.now();
    const shown = await connection.sendRequest<{ groups: { value: string | null }[]; items?: unknown[] }>(
      'okr/objectiveGroups',
      { groupBy: 'owner', previousResultId: null },
    );
    if (!shown.items && shown.groups.length)
      await connection.sendRequest('okr/objectiveGroups', {
        groupBy: 'owner',
        group: shown.groups[0].value,
        previousResultId: null,
      });
    objectivesViewMs = performance.now() - s;
    // The alignment map, as "OKR: Open alignment map" asks it (again after every index change).
    s = performance.now();
    const map = await connection.sendRequest<{ nodes: unknown[]; hidden?: number }>('okr/alignmentGraph');
    mapMs = performance.now() - s;
    mapNodes = map.nodes.length;
    // Memory with both views and the map shown: what a user with the OKR sidebar open has.
    try {
      withViews = await connection.sendRequest<{ heapUsed: number; rss: number }>('okr/bench.memory');
    } catch {
      withViews = null;
    }
    s = performance.now();
    await connection.sendRequest('okr/alignmentTree', {});
    treeMs = performance.now() - s;
    // Typing in that file with the whole index loaded (after the memory readings, which it would
    // change): untimed keystrokes first (the JIT), then TYPED timed ones, one character each at
    // the end of the line, each until the diagnostics of its version arrive.
    let version = 2;
    let column = character + 2;
    for (let k = 0; k < WARM_UP + TYPED; k++) {
      version++;
      s = performance.now();
      const done = diagnosticsOf(uri, version);
      connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [
          { range: { start: { line, character: column }, end: { line, character: column } }, text: 'x' },
        ],
      });
      await done;
      if (k >= WARM_UP) typed.push(performance.now() - s);
      column++;
    }
  }
  const final = procMemory(child.pid!);

  try {
    await connection.sendRequest('shutdown');
    void connection.sendNotification('exit').catch(() => undefined);
  } catch {
    // already gone
  }
  await new Promise<void>((resolve) => {
    const t = setTimeout(() => {
      child.kill();
      resolve();
    }, 3000);
    child.on('exit', () => {
      clearTimeout(t);
      resolve();
    });
  });
  connection.dispose();

  const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  const result = {
    folder: path.relative(ROOT, folder) || folder,
    server: path.relative(ROOT, server) || server,
    files: fileCount,
    workers: option('workers') ?? 'default',
    cache: option('cache') ? path.resolve(option('cache')!) : null,
    cacheFileMB: option('cache') ? cacheSize(path.resolve(option('cache')!)) : null,
    indexMs: Math.round(indexMs),
    indexCpuMs,
    lastProgress: lastReport,
    indexNotified: indexChangedAt > 0,
    rssMB: round(settled?.rss ?? null),
    rssAfterGcMB: round(afterGc?.rss ?? null),
    heapUsedMB: heap ? mb(heap.heapUsed) : null,
    heapTotalMB: heap ? mb(heap.heapTotal) : null,
    externalMB: heap ? mb(heap.external) : null,
    rssWithOpenFileMB: withGraph ? mb(withGraph.rss) : null,
    heapWithOpenFileMB: withGraph ? mb(withGraph.heapUsed) : null,
    rssWithViewsMB: withViews ? mb(withViews.rss) : null,
    heapWithViewsMB: withViews ? mb(withViews.heapUsed) : null,
    peakRssMB: round((final ?? afterGc ?? settled)?.peak ?? null),
    rssAfterEditMB: round(final?.rss ?? null),
    openMs: round(openMs),
    editMs: round(editMs),
    typedMs: typed.length ? round(stats(typed).median) : null,
    typedP95Ms: typed.length ? round(stats(typed).p95) : null,
    typedCount: typed.length,
    findingsAfterEdit: findings,
    alignmentTreeMs: round(treeMs),
    alignmentViewMs: round(viewMs),
    objectivesViewMs: round(objectivesViewMs),
    alignmentMapMs: round(mapMs),
    alignmentMapNodes: mapNodes,
    load: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
  console.log(JSON.stringify(result));
  console.log(
    `${fileCount} files (${result.workers} workers${result.cache ? `, cache ${result.cacheFileMB} MB` : ''}): index ready in ${(indexMs / 1000).toFixed(2)} s; RSS ${result.rssMB} MB` +
      (result.rssAfterGcMB !== null ? ` (${result.rssAfterGcMB} MB after GC, heap ${result.heapUsedMB} MB)` : '') +
      (result.rssWithOpenFileMB !== null
        ? `; with a file open ${result.rssWithOpenFileMB} MB (heap ${result.heapWithOpenFileMB} MB)`
        : '') +
      (result.rssWithViewsMB !== null
        ? `; with the sidebar's views ${result.rssWithViewsMB} MB (heap ${result.heapWithViewsMB} MB)`
        : '') +
      `, peak ${result.peakRssMB} MB; open ${result.openMs} ms, edit -> diagnostics ${result.editMs} ms ` +
      `(then ${result.typedCount} keystrokes: ${result.typedMs} ms, p95 ${result.typedP95Ms} ms), ` +
      `alignment tree ${result.alignmentTreeMs} ms (as the view asks, open roots: ${result.alignmentViewMs} ms), ` +
      `Objectives view ${result.objectivesViewMs} ms, alignment map ${result.alignmentMapMs} ms ` +
      `(${result.alignmentMapNodes} objectives drawn); load ${result.load.join(' ')}`,
  );
  if (stderr.length) console.error(stderr.join('').slice(0, 2000));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
