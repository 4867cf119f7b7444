// The Node file system behind the WorkspaceFs interface. Symlinks are followed only when
// their real path stays inside the folder being listed, and loops are cut.
import { promises as fs, readFileSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkspaceFs } from '../core/workspace/files';

export function fileUri(p: string): string {
  return pathToFileURL(path.resolve(p)).toString();
}

export function uriToPath(uri: string): string {
  return fileURLToPath(uri);
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * A regular file's text, read synchronously, with the stat taken just before the read and when it
 * was taken (what the outline cache stamps files with). Null when it is not a regular file or
 * unreadable.
 */
export function readWithStat(uri: string): { text: string; stat: Stats; statAt: number } | null {
  try {
    const p = uriToPath(uri);
    const statAt = Date.now();
    const stat = statSync(p);
    if (!stat.isFile()) return null;
    return { text: decoder.decode(readFileSync(p)), stat, statAt };
  } catch {
    return null;
  }
}

/**
 * A file's text, read synchronously: for worker threads, which have nothing else to do meanwhile
 * (no promise and thread pool round trips per file). Null when it is not a regular file or unreadable.
 */
export function readTextSync(uri: string): string | null {
  return readWithStat(uri)?.text ?? null;
}

export class NodeFs implements WorkspaceFs {
  /** Regular files the last listing saw: their first read skips a stat (a third of reading 10,000 files). */
  private readonly listed = new Set<string>();

  async readText(uri: string): Promise<string | null> {
    try {
      const p = uriToPath(uri);
      if (!this.listed.delete(p)) {
        const st = await fs.stat(p);
        if (!st.isFile()) return null;
      }
      return decoder.decode(await fs.readFile(p));
    } catch {
      return null;
    }
  }

  async listFiles(folderUri: string, skipDir: (name: string) => boolean): Promise<string[]> {
    const root = uriToPath(folderUri);
    let realRoot: string;
    try {
      realRoot = await fs.realpath(root);
    } catch {
      return [];
    }
    const out: string[] = [];
    const seen = new Set<string>();
    const visit = async (dir: string): Promise<void> => {
      let real: string;
      try {
        real = await fs.realpath(dir);
      } catch {
        return;
      }
      if (seen.has(real)) return;
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return;
      seen.add(real);
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        const p = path.join(dir, e.name);
        if (e.isDirectory() || e.isSymbolicLink()) {
          let isDir = e.isDirectory();
          if (e.isSymbolicLink()) {
            try {
              const st = await fs.stat(p);
              isDir = st.isDirectory();
              const rp = await fs.realpath(p);
              if (!rp.startsWith(realRoot + path.sep) && rp !== realRoot) continue;
              if (!isDir) {
                out.push(fileUri(p));
                continue;
              }
            } catch {
              continue;
            }
          }
          if (isDir && !skipDir(e.name)) await visit(p);
        } else if (e.isFile()) {
          this.listed.add(p);
          out.push(fileUri(p));
        }
      }
    };
    await visit(root);
    return out;
  }
}
