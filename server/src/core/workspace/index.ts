// Cross-file facts: every OKR document of the workspace, and link resolution among them.
// The core never reads files; callers add parsed documents (from disk or from the editor).
import { URI, Utils } from 'vscode-uri';
import type { KeyResult, Objective, OkrDocument } from '../model';
import {
  buildGraph,
  linkProblems,
  nodeKey,
  patchGraph,
  type AlignmentGraph,
  type ObjectiveNode,
  type OutLink,
} from './alignment';

export type LinkResolution =
  | { status: 'ok'; uri: string; doc: OkrDocument; objective: Objective | null; keyResult: KeyResult | null }
  | { status: 'no-file' | 'outside' | 'external'; uri: string | null }
  | { status: 'no-target'; uri: string; doc: OkrDocument; fragment: string };

/** The folder part of a URI (through its last `/`): a link's target depends on it only. */
function folderOf(uri: string): string | null {
  const slash = uri.lastIndexOf('/');
  return slash >= 0 && !/[?#]/.test(uri) ? uri.slice(0, slash + 1) : null;
}

/** Whether a link names no file (only a fragment): it points into the file it is written in. */
function pointsHere(href: string): boolean {
  const hashAt = href.indexOf('#');
  return safeDecode(hashAt >= 0 ? href.slice(0, hashAt) : href).trim() === '';
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Normalises a file URI so that `%E8…` and `财` spellings compare equal. */
export function normalizeUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

/** Facts stamps (`factsStamp`): one counter for every index, so a stamp is never given twice. */
let stamps = 0;
const nextStamp = () => ++stamps;

export class WorkspaceIndex {
  private readonly docs = new Map<string, OkrDocument>();
  /** Each indexed URI once: link targets and graph keys share these strings (10,000 files, 50,000 links). */
  private readonly uris = new Map<string, string>();
  /** Folder URIs (normalised, ending with `/`) that links may resolve into. */
  private roots: string[] = [];
  /** Where each document's alignment links point (recomputed only when that document changes). */
  private readonly outLinks = new Map<string, OutLink[]>();
  /** Reverse of outLinks at file level: target file -> files that link to it. */
  private readonly inbound = new Map<string, Set<string>>();
  private graph: AlignmentGraph | null = null;
  /** `folder/\0path` -> the normalised target URI (see `target`). */
  private readonly targets = new Map<string, string>();
  /**
   * Where each link of a folder's files points (folder URI -> href as written -> target): files of
   * one folder mostly repeat the same few links, and resolving each one again made most of the
   * garbage of indexing 10,000 files (measured). Cleared with the roots.
   */
  private readonly linkTargets = new Map<string, Map<string, ReturnType<WorkspaceIndex['target']>>>();
  private linkTargetCount = 0;
  /** Files of each loop in the last graph built, so breaking a loop refreshes all of it. */
  private lastCycleFiles: string[][] = [];

  constructor(roots: string[] = []) {
    this.setRoots(roots);
  }

  setRoots(roots: string[]): void {
    this.roots = roots.map((r) => {
      const n = normalizeUri(r);
      return n.endsWith('/') ? n : `${n}/`;
    });
    // "Outside" depends on the roots: every document's targets change.
    this.linkTargets.clear();
    this.linkTargetCount = 0;
    for (const [uri, doc] of this.docs) this.setLinks(uri, doc);
    this.graph = null;
  }

  /**
   * Adds or replaces a document. Only its own links are recomputed. Returns the other documents
   * whose alignment facts may have changed: files it links to (before or after), files that link
   * to it, and files sharing an alignment loop with it.
   */
  set(doc: OkrDocument): string[] {
    const n = normalizeUri(doc.uri);
    const uri = this.uris.get(n) ?? (n === doc.uri ? doc.uri : n);
    const before = this.neighbours(uri);
    const old = this.docs.get(uri);
    const oldLinks = this.outLinks.get(uri) ?? [];
    this.docs.set(uri, doc);
    this.uris.set(uri, uri);
    this.setLinks(uri, doc, old);
    // A keystroke rarely changes what links where: patch the graph instead of rebuilding it all.
    const patched =
      this.graph && old && patchGraph(this.graph, uri, old, doc, oldLinks, this.outLinks.get(uri) ?? [], this.touch);
    if (!patched) this.graph = null;
    return this.affectedSet(uri, before);
  }

  /**
   * `set` for a document read while indexing the workspace, when no caller needs to know which
   * other documents it affects: the graph is rebuilt on demand instead of patched, and no
   * neighbourhood is walked (that walk, twice per file, was a third of a warm start's index time).
   */
  add(doc: OkrDocument): void {
    const n = normalizeUri(doc.uri);
    const uri = this.uris.get(n) ?? (n === doc.uri ? doc.uri : n);
    this.docs.set(uri, doc);
    this.uris.set(uri, uri);
    this.setLinks(uri, doc);
    this.graph = null;
  }

  /** Removes a document; returns the documents affected (see `set`). */
  delete(uri: string): string[] {
    const n = normalizeUri(uri);
    if (!this.docs.has(n)) return [];
    const before = this.neighbours(n);
    this.docs.delete(n);
    this.uris.delete(n);
    this.setLinks(n, null);
    this.graph = null;
    return this.affectedSet(n, before);
  }

  /** A rename is a delete and an add; links to the old name break, links to the new one resolve. */
  rename(oldUri: string, doc: OkrDocument): string[] {
    const a = this.delete(oldUri);
    const b = this.set(doc);
    return [...new Set([...a, ...b])].filter((u) => u !== normalizeUri(doc.uri));
  }

  /** Documents that link to this file (its inbound alignment), whether or not it exists. */
  linkedFrom(uri: string): string[] {
    return [...(this.inbound.get(normalizeUri(uri)) ?? [])];
  }

  /** The alignment graph, rebuilt lazily after a change. */
  alignment(): AlignmentGraph {
    if (!this.graph) {
      const g = buildGraph(this.docs, this.outLinks);
      this.lastCycleFiles = g.cycles.map((c) => [...new Set(c.map((k) => g.nodes.get(k)!.uri))]);
      this.graph = g;
      this.graphStamp = nextStamp();
      this.touched.clear();
    }
    return this.graph;
  }

  private graphStamp = 0;
  /** Files whose nodes' facts a patch of the current graph changed, with the stamp of the last one. */
  private readonly touched = new Map<string, number>();
  private readonly touch = (uri: string) => {
    this.touched.set(uri, nextStamp());
  };

  /**
   * A number that changes whenever the graph facts of a file's objectives may have (their
   * `contributing`, children, parents, loops, links that resolve): a new graph, or a patch that
   * recomputed one of them. Read after `alignment()`. The views keep what they built for a file
   * while it stays the same.
   */
  factsStamp(uri: string): number {
    // A patch's stamp is always newer than the graph's (`touched` is emptied with each new graph).
    return this.touched.get(normalizeUri(uri)) ?? this.graphStamp;
  }

  /**
   * The files with an alignment link that does not resolve and the files with an objective in a
   * loop, found without building the graph (`okr check`).
   */
  linkProblems(): { broken: Set<string>; looped: Set<string> } {
    return linkProblems(this.docs, this.outLinks);
  }

  /** A document's graph nodes in the order of its objectives (empty when it is not indexed). */
  nodesOf(uri: string): readonly ObjectiveNode[] {
    const n = normalizeUri(uri);
    return this.docs.has(n) ? (this.alignment().fileNodes.get(n) ?? []) : [];
  }

  /** The graph node of an objective (by ID, case-insensitive, or by index in its document). */
  node(uri: string, objective: string | number): ObjectiveNode | undefined {
    const n = normalizeUri(uri);
    const doc = this.docs.get(n);
    if (!doc) return undefined;
    const i =
      typeof objective === 'number'
        ? objective
        : doc.objectives.findIndex((o) => o.id.toLowerCase() === objective.toLowerCase());
    return i >= 0 ? this.alignment().nodes.get(nodeKey(n, i)) : undefined;
  }

  /** `old`: the document `uri` had, whose links `outLinks` holds; those of objectives it kept are kept. */
  private setLinks(uri: string, doc: OkrDocument | null, old?: OkrDocument): void {
    const before = this.outLinks.get(uri) ?? [];
    // Consecutive links mostly share a target: each run of them touches its set once.
    let last: string | null = null;
    for (const l of before) {
      if (l.targetUri && l.targetUri !== last) this.inbound.get(l.targetUri)?.delete(uri);
      last = l.targetUri;
    }
    if (!doc) {
      this.outLinks.delete(uri);
      return;
    }
    const links: OutLink[] = [];
    const folder = folderOf(uri);
    // Where the next objective's old links may start in `before` (they are in objective order).
    let k = 0;
    doc.objectives.forEach((o, objectiveIndex) => {
      // The very same objective at the same place (a keystroke elsewhere): its links point where they did.
      if (old && old.objectives[objectiveIndex] === o) {
        while (k < before.length && before[k].objectiveIndex < objectiveIndex) k++;
        while (k < before.length && before[k].objectiveIndex === objectiveIndex) links.push(before[k++]);
        return;
      }
      for (const link of o.alignsTo) {
        const t = this.linkTarget(uri, folder, link.href);
        links.push({
          objectiveIndex,
          link,
          targetUri: 'uri' in t ? (this.uris.get(t.uri) ?? t.uri) : null,
          fragment: 'uri' in t ? t.fragment : '',
          external: 'uri' in t ? null : t.status,
        });
      }
    });
    this.outLinks.set(uri, links);
    last = null;
    for (const l of links) {
      if (!l.targetUri || l.targetUri === last) continue;
      last = l.targetUri;
      let set = this.inbound.get(l.targetUri);
      if (!set) this.inbound.set(l.targetUri, (set = new Set()));
      set.add(uri);
    }
  }

  /**
   * Files this one links to or is linked from, plus files that may share a loop with it: those of
   * the last loops computed, and those both reachable from it and reaching it (file level, so a
   * superset). No graph is built here: indexing many files stays linear.
   */
  private neighbours(uri: string): Set<string> {
    const out = new Set<string>(this.inbound.get(uri) ?? []);
    for (const l of this.outLinks.get(uri) ?? []) if (l.targetUri) out.add(l.targetUri);
    for (const files of this.lastCycleFiles) if (files.includes(uri)) for (const f of files) out.add(f);
    const back = this.reach(uri, (u) => this.inbound.get(u) ?? []);
    if (back.size) {
      const fwd = this.reach(uri, (u) =>
        (this.outLinks.get(u) ?? []).flatMap((l) => (l.targetUri ? [l.targetUri] : [])),
      );
      for (const f of fwd) if (back.has(f)) out.add(f);
    }
    return out;
  }

  private reach(start: string, next: (uri: string) => Iterable<string>): Set<string> {
    const seen = new Set<string>();
    const todo = [start];
    while (todo.length) {
      for (const n of next(todo.pop()!)) {
        if (n === start || seen.has(n)) continue;
        seen.add(n);
        todo.push(n);
      }
    }
    return seen;
  }

  private affectedSet(uri: string, before: Set<string>): string[] {
    for (const u of this.neighbours(uri)) before.add(u);
    before.delete(uri);
    return [...before].filter((u) => this.docs.has(u)).sort();
  }

  /**
   * `target`, remembered per folder and link text: the files of one folder share their links'
   * targets, and a big file's hundreds of links name the same few parents (each resolved again by
   * the alignment rules and the views on every keystroke otherwise).
   */
  private linkTarget(uri: string, folder: string | null, href: string): ReturnType<WorkspaceIndex['target']> {
    let known = folder === null ? undefined : this.linkTargets.get(folder);
    let t = known?.get(href);
    if (t) return t;
    t = this.target(uri, href);
    // `#o1` and the like point into the file itself: not the same for the folder's other files.
    if (folder !== null && !pointsHere(href)) {
      if (this.linkTargetCount > 100_000) {
        this.linkTargets.clear();
        this.linkTargetCount = 0;
      }
      if (!known || !this.linkTargets.has(folder)) this.linkTargets.set(folder, (known = new Map()));
      known.set(href, t);
      this.linkTargetCount++;
    }
    return t;
  }

  /** Where a link points at file level: a workspace file and a fragment, or why not. */
  target(fromUri: string, href: string): { uri: string; fragment: string } | { status: 'outside' | 'external' } {
    const hashAt = href.indexOf('#');
    // A lone surrogate cannot be in a URI (encoding it throws): U+FFFD keeps the link, which then names no file.
    const pathPart = safeDecode(hashAt >= 0 ? href.slice(0, hashAt) : href)
      .trim()
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
    const fragment = hashAt >= 0 ? safeDecode(href.slice(hashAt + 1)).trim() : '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(pathPart) && !/^[a-z]:[\\/]/i.test(pathPart)) {
      // A scheme: web links are not OKR files; file: URIs and the like never escape the workspace.
      return { status: /^https?:/i.test(pathPart) ? 'external' : 'outside' };
    }
    if (pathPart.startsWith('/') || /^[a-z]:[\\/]/i.test(pathPart) || pathPart.startsWith('\\')) {
      return { status: 'outside' };
    }
    // Files of one folder share their links' targets: resolve each (folder, path) once.
    const slash = fromUri.lastIndexOf('/');
    const key =
      pathPart && slash >= 0 && !/[?#]/.test(fromUri) ? `${fromUri.slice(0, slash + 1)}\u0000${pathPart}` : '';
    let targetUri = key ? this.targets.get(key) : undefined;
    if (targetUri === undefined) {
      const from = URI.parse(fromUri);
      const target = pathPart ? Utils.resolvePath(Utils.dirname(from), pathPart.replace(/\\/g, '/')) : from;
      targetUri = normalizeUri(target.toString());
      if (key) {
        if (this.targets.size > 100_000) this.targets.clear();
        this.targets.set(key, targetUri);
      }
    }
    if (!this.inside(targetUri)) return { status: 'outside' };
    return { uri: targetUri, fragment };
  }

  get(uri: string): OkrDocument | undefined {
    return this.docs.get(normalizeUri(uri));
  }

  all(): OkrDocument[] {
    return [...this.docs.values()];
  }

  /** Every document with its key (the normalised URI), in the order `all` gives them. */
  entries(): [string, OkrDocument][] {
    return [...this.docs];
  }

  get size(): number {
    return this.docs.size;
  }

  /** Whether a URI lies inside the workspace folders (always true when none are set). */
  inside(uri: string): boolean {
    if (this.roots.length === 0) return true;
    const n = normalizeUri(uri);
    return this.roots.some((r) => n.startsWith(r));
  }

  /**
   * `resolve` for the links of one file, each written link resolved once: a big file's hundreds of
   * links name a few targets. For one pass over the file (the index must not change meanwhile).
   */
  resolverFor(fromUri: string): (href: string) => LinkResolution {
    const known = new Map<string, LinkResolution>();
    return (href) => {
      let r = known.get(href);
      if (!r) known.set(href, (r = this.resolve(fromUri, href)));
      return r;
    };
  }

  /** Resolves an alignment link written in `fromUri`. */
  resolve(fromUri: string, href: string): LinkResolution {
    const t = this.linkTarget(fromUri, folderOf(fromUri), href);
    if (!('uri' in t)) return { status: t.status, uri: null };
    const { uri: targetUri, fragment } = t;
    const doc = this.docs.get(targetUri);
    if (!doc) return { status: 'no-file', uri: targetUri };
    if (!fragment) return { status: 'ok', uri: targetUri, doc, objective: null, keyResult: null };
    const found = findFragment(doc, fragment);
    if (!found) return { status: 'no-target', uri: targetUri, doc, fragment };
    return { status: 'ok', uri: targetUri, doc, ...found };
  }
}

/** `o1`, `o1.kr2`, or the GitHub slug of the objective's heading (case-insensitive). */
export function findFragment(
  doc: OkrDocument,
  fragment: string,
): { objective: Objective; keyResult: KeyResult | null } | null {
  const f = fragment.toLowerCase();
  const path = /^(o\d+)(?:\.(kr\d+))?$/.exec(f);
  if (path) {
    const objective = doc.objectives.find((o) => o.id.toLowerCase() === path[1]);
    if (!objective) return null;
    if (!path[2]) return { objective, keyResult: null };
    const keyResult = objective.keyResults.find((k) => k.id.toLowerCase() === path[2]);
    return keyResult ? { objective, keyResult } : null;
  }
  const objective = doc.objectives.find((o) => o.slug.toLowerCase() === f);
  return objective ? { objective, keyResult: null } : null;
}
