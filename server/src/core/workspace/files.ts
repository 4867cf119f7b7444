// The small file interface the core needs. Node, the editor and tests each provide one.
import picomatch from 'picomatch';

export interface WorkspaceFs {
  /** Text of a file, or null when it does not exist or is not a file. */
  readText(uri: string): Promise<string | null>;
  /** Every file below a folder (recursively), as URIs; skipped folders are not entered. */
  listFiles(folderUri: string, skipDir: (name: string) => boolean): Promise<string[]>;
}

export const DEFAULT_GLOBS = ['**/*.okr.md'];
export const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.vscode-test']);

/** A matcher on paths relative to a workspace folder (forward slashes). */
export function okrMatcher(globs: string[] = DEFAULT_GLOBS): (relativePath: string) => boolean {
  const m = picomatch(globs.length ? globs : DEFAULT_GLOBS, { dot: false, nocase: true });
  return (p) => m(p.replace(/\\/g, '/'));
}

/** An in-memory file system, for tests and for the browser. */
export class MemoryFs implements WorkspaceFs {
  readonly files = new Map<string, string>();

  constructor(files: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(files)) this.files.set(k, v);
  }

  async readText(uri: string): Promise<string | null> {
    return this.files.get(uri) ?? null;
  }

  async listFiles(folderUri: string, skipDir: (name: string) => boolean): Promise<string[]> {
    const prefix = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
    return [...this.files.keys()].filter((u) => {
      if (!u.startsWith(prefix)) return false;
      const dirs = u.slice(prefix.length).split('/').slice(0, -1);
      return !dirs.some(skipDir);
    });
  }
}
