// Listing a folder's files (nodeFs.ts). Symlinks are followed only when their real
// path stays inside the folder being listed, and loops are cut.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { stampOf, type FileStamp } from './outlineCache';

export interface ListedFile {
  /** Absolute path. */
  path: string;
  /** A regular file met as one (not through a symlink). */
  regular: boolean;
  /** With `withStats`: its stat taken while listing, when it is a file; else null. */
  stamp: FileStamp | null;
}

/** How long a listing holds the thread before letting other work in (ms). */
const SLICE_MS = 8;

/**
 * Every file below `root`, depth first, each folder's entries in name order. The system calls are
 * synchronous (through promises they cost 3-4 times as much), and the walk lets the event loop
 * run every few milliseconds: a huge folder never holds up typing.
 */
export async function listFolder(
  root: string,
  skipDir: (name: string) => boolean,
  withStats: boolean,
): Promise<ListedFile[]> {
  const out: ListedFile[] = [];
  let realRoot: string;
  try {
    realRoot = realpathSync.native(root);
  } catch {
    return out;
  }
  const seen = new Set<string>();
  const fileStamp = (p: string): FileStamp | null => {
    try {
      const st = statSync(p);
      return st.isFile() ? stampOf(st) : null;
    } catch {
      return null;
    }
  };
  /** The entries of a folder, once entered (null: not entered). */
  const enter = (dir: string): Dirent[] | null => {
    let real: string;
    try {
      real = realpathSync.native(dir);
    } catch {
      return null;
    }
    if (seen.has(real)) return null;
    if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return null;
    seen.add(real);
    try {
      return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return null;
    }
  };
  // The folders being walked, innermost last, and how far through its entries each one is.
  const stack: { dir: string; entries: Dirent[]; at: number }[] = [];
  const rootEntries = enter(root);
  if (rootEntries) stack.push({ dir: root, entries: rootEntries, at: 0 });
  let since = performance.now();
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.at >= top.entries.length) {
      stack.pop();
      continue;
    }
    if (performance.now() - since > SLICE_MS) {
      await new Promise((r) => setImmediate(r));
      since = performance.now();
    }
    const e = top.entries[top.at++];
    const p = path.join(top.dir, e.name);
    if (e.isDirectory() || e.isSymbolicLink()) {
      let isDir = e.isDirectory();
      if (e.isSymbolicLink()) {
        try {
          const st = statSync(p);
          isDir = st.isDirectory();
          const rp = realpathSync.native(p);
          if (!rp.startsWith(realRoot + path.sep) && rp !== realRoot) continue;
          if (!isDir) {
            out.push({ path: p, regular: false, stamp: withStats && st.isFile() ? stampOf(st) : null });
            continue;
          }
        } catch {
          continue;
        }
      }
      if (isDir && !skipDir(e.name)) {
        const entries = enter(p);
        if (entries) stack.push({ dir: p, entries, at: 0 });
      }
    } else if (e.isFile()) {
      out.push({ path: p, regular: true, stamp: withStats ? fileStamp(p) : null });
    }
  }
  return out;
}
