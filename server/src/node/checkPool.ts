// `okr check` over many files on worker threads, with exactly the findings of the one-thread path.
// Workers read, parse and check each file with the rules that look at one document only, and send
// back the findings and the document's outline (core/workspace/slim.ts). The main thread builds the
// workspace index from the outlines, in file order, and runs the cross-file rules on each outline:
// they read only links, objective and key result IDs, titles, slugs, levels, progress and ranges,
// which outlines keep. A file where they report anything is read and parsed again on the main
// thread and checked with its full model, so messages, ranges, config and disable comments are
// exactly those of a full check; a file where they report nothing has no cross-file finding (the
// full model only adds what those rules do not read; test/cli/checkPool.test.ts compares outputs).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkDocument, compareFindings, todayIso } from '../core/check';
import type { OkrConfig } from '../core/config';
import { configsOf, loadConfigChain, type ConfigFile } from '../core/configFiles';
import { format, localeOf } from '../core/messages';
import type { OkrDocument } from '../core/model';
import { parseOkr } from '../core/parse/index';
import { rules } from '../core/rules/index';
import type { Finding } from '../core/rules/types';
import { normalizeUri, WorkspaceIndex } from '../core/workspace/index';
import { loadWorkspace } from '../core/workspace/load';
import { packSlimForTransfer, unpackSlim, type PackedSlim } from '../core/workspace/slim';
import { NodeFs, readTextSync } from './nodeFs';

export const singleFileRules = rules.filter((r) => !r.meta.crossFile);
export const crossFileRules = rules.filter((r) => r.meta.crossFile);

/** What every worker is told once. */
export interface PoolSetup {
  /** Folders links may resolve into; config discovery stops at them too. */
  bounds: string[];
  /** `--config`, under every .okr file. */
  base: OkrConfig | null;
  today?: string;
  locale?: string;
}

export interface CheckBatch {
  id: number;
  uris: string[];
}

export interface ConfigError {
  uri: string;
  error: string;
}

export type CheckedFile =
  | { uri: string; missing: true }
  | { uri: string; findings: Finding[]; configErrors: ConfigError[]; outline: PackedSlim };

export type CheckedBatch = { id: number; files: CheckedFile[] } | { id: number; error: string };

/** One checked file, in the order given; files that could not be read are left out. */
export interface FileResult {
  uri: string;
  findings: Finding[];
  /** Config files of its chain that failed to load. */
  configErrors: ConfigError[];
}

/** Young generation of each worker, in MB (above V8's default). */
const YOUNG_MB = 48;

/** Below this many files, starting threads costs more than it saves. */
const MIN_FILES = 50;

/**
 * The main thread checks its batches this many files at a time, and goes back to the event loop
 * in between: the workers' answers wait there, and a worker gets its next batch only once its
 * answer is read (awaits of cached config lookups never get there). Going back once per batch of
 * 64 files left the worker idle 429 ms of a 6.5 s check of 10,000 files (its profile); in slices of
 * 16, 65 ms.
 */
const MAIN_SLICE = 16;

function toEventLoop(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}

/**
 * How many threads to check `files` files with, this one included: 1 means all in this thread.
 * `OKR_CHECK_THREADS` overrides it (tests compare both paths on small trees).
 */
export function checkThreadCount(files: number): number {
  const forced = Number.parseInt(process.env.OKR_CHECK_THREADS ?? '', 10);
  if (Number.isFinite(forced) && forced >= 1) return Math.min(forced, 16);
  if (files < MIN_FILES || !workerScript()) return 1;
  return Math.min(4, availableParallelism());
}

/**
 * The worker bundled next to this one (dist/checkWorker.js beside dist/cli.js). Run from the
 * TypeScript sources there is none, and everything runs in this thread.
 */
function workerScript(): string | null {
  const bundled = path.join(__dirname, 'checkWorker.js');
  return existsSync(bundled) ? bundled : null;
}

/**
 * Checks the files with `threads` threads: this one and `threads - 1` workers (1: today's path,
 * everything in this thread). `nodeFs`
 * is the one that listed them (it knows they are regular files).
 */
export async function checkFiles(
  uris: string[],
  setup: PoolSetup,
  threads: number,
  nodeFs = new NodeFs(),
): Promise<FileResult[]> {
  const script = threads > 1 ? workerScript() : null;
  return script ? checkInWorkers(uris, setup, threads, script, nodeFs) : checkInProcess(uris, setup, nodeFs);
}

/** Every file parsed into one index of full models, then checked with every rule. */
async function checkInProcess(uris: string[], setup: PoolSetup, nodeFs: NodeFs): Promise<FileResult[]> {
  const index = await loadWorkspace(nodeFs, setup.bounds, uris);
  const configFolders = new Map<string, Promise<ConfigFile | null>>();
  const out: FileResult[] = [];
  for (const uri of uris) {
    const doc = index.get(uri);
    if (!doc) continue;
    // The same discovery as the editor: .okr files from the file's folder up to the folder given.
    const chain = await loadConfigChain(nodeFs, uri, setup.bounds, configFolders);
    const configs = [setup.base, ...configsOf(chain)];
    out.push({
      uri,
      findings: checkDocument(doc, { index, locale: setup.locale, today: setup.today, configs }),
      configErrors: errorsOf(chain),
    });
  }
  return out;
}

function errorsOf(chain: ConfigFile[]): ConfigError[] {
  return chain.flatMap((c) => (c.error ? [{ uri: c.uri, error: c.error }] : []));
}

/**
 * One batch, on a worker or on the main thread: each file read, parsed, checked with the rules
 * that look at it alone, and outlined. Plain data only: it crosses threads as it is. Outlines are
 * packed without copying their strings first: postMessage copies them anyway, and on the main
 * thread an outline keeping its file's text alive costs nothing that matters to a command that
 * ends after the report.
 */
export async function checkBatch(
  uris: string[],
  setup: PoolSetup,
  fs: NodeFs,
  configFolders: Map<string, Promise<ConfigFile | null>>,
): Promise<CheckedFile[]> {
  // Read synchronously on every thread: promise reads cost the main thread a thread pool round
  // trip (open, stat, read, close) per file, a tenth of its time in okr check (measured).
  const texts = uris.map(readTextSync);
  const out: CheckedFile[] = [];
  for (let i = 0; i < uris.length; i++) {
    const uri = uris[i];
    const text = texts[i];
    if (text === null) {
      out.push({ uri, missing: true });
      continue;
    }
    const doc = parseOkr(text, uri, 0);
    const chain = await loadConfigChain(fs, uri, setup.bounds, configFolders);
    const findings = checkDocument(doc, {
      rules: singleFileRules,
      configs: [setup.base, ...configsOf(chain)],
      today: setup.today,
      locale: setup.locale,
    }).map((f) => ({ rule: f.rule, severity: f.severity, range: f.range, message: f.message }));
    // Outlined on the way (the outline slimForIndex makes), as plain data.
    out.push({
      uri,
      findings,
      configErrors: errorsOf(chain),
      outline: packSlimForTransfer(doc),
    });
  }
  return out;
}

interface Pending extends FileResult {
  outline: OkrDocument;
}

async function checkInWorkers(
  uris: string[],
  setup: PoolSetup,
  threads: number,
  script: string,
  nodeFs: NodeFs,
): Promise<FileResult[]> {
  // The main thread checks files too: one worker fewer (each costs a start and its own JIT warm-up).
  const count = Math.max(1, Math.min(threads - 1, uris.length));
  // Small enough batches that the threads finish together, large enough that messages stay few.
  const size = Math.max(8, Math.min(64, Math.ceil(uris.length / (threads * 8))));
  const batches: string[][] = [];
  for (let i = 0; i < uris.length; i += size) batches.push(uris.slice(i, i + size));

  const index = new WorkspaceIndex(setup.bounds);
  const files: Pending[] = [];
  // Outlines go into the index in file order (the order the one-thread path indexes them in).
  const arrived = new Map<number, CheckedFile[]>();
  let added = 0;
  const addArrived = () => {
    for (let b = arrived.get(added); b; b = arrived.get(added)) {
      arrived.delete(added++);
      for (const f of b) {
        if ('missing' in f) continue;
        const outline = unpackSlim(f.outline);
        // Nothing needs to know which files each one affects while the index is built.
        index.add(outline);
        files.push({ uri: f.uri, findings: f.findings, configErrors: f.configErrors, outline });
      }
    }
  };

  let next = 0;
  // The main thread takes batches too, between two answers (it would mostly wait otherwise), and
  // starts at once while the workers load.
  const configFolders = new Map<string, Promise<ConfigFile | null>>();
  const helpOut = async () => {
    while (next < batches.length) {
      const id = next++;
      const uris = batches[id];
      const done: CheckedFile[] = [];
      for (let i = 0; i < uris.length; i += MAIN_SLICE) {
        if (i > 0) await toEventLoop();
        done.push(...(await checkBatch(uris.slice(i, i + MAIN_SLICE), setup, nodeFs, configFolders)));
      }
      arrived.set(id, done);
      addArrived();
      await toEventLoop();
    }
  };
  // First in line: with few batches, both the main thread and the workers check some.
  const helping = helpOut();
  // Awaited below; this only keeps a failure before that from counting as unhandled.
  helping.catch(() => undefined);
  const pool = Array.from(
    { length: count },
    () =>
      new Worker(script, {
        workerData: setup satisfies PoolSetup,
        // Parsing makes many short-lived objects: a larger young generation spends less time in GC.
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB },
      }),
  );
  try {
    await Promise.all([
      ...pool.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let inFlight = 0;
            const send = () => {
              if (next >= batches.length) return;
              const id = next++;
              inFlight++;
              w.postMessage({ id, uris: batches[id] } satisfies CheckBatch);
            };
            w.on('message', (m: CheckedBatch) => {
              inFlight--;
              if ('error' in m) return reject(new Error(m.error));
              arrived.set(m.id, m.files);
              send();
              addArrived();
              if (inFlight === 0) resolve();
            });
            w.on('error', reject);
            w.on('exit', (code) => {
              if (inFlight > 0) reject(new Error(`a check worker stopped (exit code ${code})`));
            });
            // Two batches in flight: the thread never waits for this one to answer.
            send();
            send();
            if (inFlight === 0) resolve();
          }),
      ),
      helping,
    ]);
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  addArrived();
  await crossFileFindings(files, index, setup, nodeFs);
  return files.map(({ uri, findings, configErrors }) => ({ uri, findings, configErrors }));
}

/** Adds the cross-file findings, from the outlines, then from full models where there are any. */
async function crossFileFindings(
  files: Pending[],
  index: WorkspaceIndex,
  setup: PoolSetup,
  nodeFs: NodeFs,
): Promise<void> {
  const suspects = suspectFiles(index);
  const flagged = files.filter((f) => reportsOnOutline(f.outline, index, setup, suspects));
  if (flagged.length === 0) return;
  // Every flagged file's full model first: alignment-cycle only reports on the index's own model.
  const full = new Map<Pending, OkrDocument>();
  for (const f of flagged) {
    const text = await nodeFs.readText(f.uri);
    if (text === null) continue;
    const doc = parseOkr(text, f.uri, 0);
    index.set(doc);
    full.set(f, doc);
  }
  const configFolders = new Map<string, Promise<ConfigFile | null>>();
  for (const [f, doc] of full) {
    const chain = await loadConfigChain(nodeFs, f.uri, setup.bounds, configFolders);
    const configs = [setup.base, ...configsOf(chain)];
    const cross = checkDocument(doc, {
      rules: crossFileRules,
      index,
      configs,
      today: setup.today,
      locale: setup.locale,
    });
    // Each part is in checkDocument's order already; a stable sort of both gives the one-pass order.
    if (cross.length) f.findings = [...f.findings, ...cross].sort(compareFindings);
  }
}

/**
 * Files that alignment-broken or alignment-cycle may report on: those with a link that does not
 * resolve (resolved as `index.resolve` does) and those with an objective in a loop. Found without
 * building the graph (nothing else here needs it), and without running the rules on every outline,
 * which would resolve every link a second time.
 */
function suspectFiles(index: WorkspaceIndex): Map<string, Set<string>> {
  const { broken, looped } = index.linkProblems();
  return new Map([
    ['alignment-broken', broken],
    ['alignment-cycle', looped],
  ]);
}

/**
 * Whether any cross-file rule reports on the outline, before config and disable comments (those
 * only ever remove findings; the cross-file rules take no options). A skipped file gets no rule
 * but `file-skipped`, which is not one of them. `suspects` rules out files per rule, by URI.
 */
function reportsOnOutline(
  doc: OkrDocument,
  index: WorkspaceIndex,
  setup: PoolSetup,
  suspects: Map<string, Set<string>>,
): boolean {
  if (doc.skipped) return false;
  const locale = localeOf(setup.locale ?? doc.lang);
  const uri = normalizeUri(doc.uri);
  for (const rule of crossFileRules) {
    if (suspects.get(rule.meta.id)?.has(uri) === false) continue;
    try {
      const found = rule.check({
        doc,
        options: rule.meta.options ?? {},
        lang: doc.lang,
        msg: (key, params) => format(locale, key, params),
        index,
        today: setup.today ?? todayIso(),
      });
      if (found.length) return true;
    } catch {
      // A rule that cannot read an outline: the full model decides.
      return true;
    }
  }
  return false;
}
