// Cross-file facts: every OKR document of the workspace, and link resolution among them.
// The core never reads files; callers add parsed documents (from disk or from the editor).
import { URI, Utils } from 'vscode-uri';
import type { KeyResult, Objective, OkrDocument } from '../model';

export type LinkResolution =
  | { status: 'ok'; uri: string; doc: OkrDocument; objective: Objective | null; keyResult: KeyResult | null }
  | { status: 'no-file' | 'outside' | 'external'; uri: string | null }
  | { status: 'no-target'; uri: string; doc: OkrDocument; fragment: string };

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

export class WorkspaceIndex {
  private readonly docs = new Map<string, OkrDocument>();
  /** Folder URIs (normalised, ending with `/`) that links may resolve into. */
  private roots: string[] = [];

  constructor(roots: string[] = []) {
    this.setRoots(roots);
  }

  setRoots(roots: string[]): void {
    this.roots = roots.map((r) => {
      const n = normalizeUri(r);
      return n.endsWith('/') ? n : `${n}/`;
    });
  }

  set(doc: OkrDocument): void {
    this.docs.set(normalizeUri(doc.uri), doc);
  }

  delete(uri: string): void {
    this.docs.delete(normalizeUri(uri));
  }

  get(uri: string): OkrDocument | undefined {
    return this.docs.get(normalizeUri(uri));
  }

  all(): OkrDocument[] {
    return [...this.docs.values()];
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

  /** Resolves an alignment link written in `fromUri`. */
  resolve(fromUri: string, href: string): LinkResolution {
    const hashAt = href.indexOf('#');
    const pathPart = safeDecode(hashAt >= 0 ? href.slice(0, hashAt) : href).trim();
    const fragment = hashAt >= 0 ? safeDecode(href.slice(hashAt + 1)).trim() : '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(pathPart) && !/^[a-z]:[\\/]/i.test(pathPart)) {
      // A scheme: web links are not OKR files; file: URIs and the like never escape the workspace.
      return { status: /^https?:/i.test(pathPart) ? 'external' : 'outside', uri: null };
    }
    if (pathPart.startsWith('/') || /^[a-z]:[\\/]/i.test(pathPart) || pathPart.startsWith('\\')) {
      return { status: 'outside', uri: null };
    }
    const from = URI.parse(fromUri);
    const target = pathPart ? Utils.resolvePath(Utils.dirname(from), pathPart.replace(/\\/g, '/')) : from;
    const targetUri = normalizeUri(target.toString());
    if (!this.inside(targetUri)) return { status: 'outside', uri: null };
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
