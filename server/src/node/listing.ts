// Listing a folder's files (nodeFs.ts). Symlinks are followed only when their real
// path stays inside the folder being listed, and loops are cut.
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import * as path from 'node:path';
import { skipsDir, type SkipDirs } from '../core/workspace/files';

/** Numbers per file in `Listing.stamps`: size, mtime (ms), ctime (ms), inode. */
export const STAMP_FIELDS = 4;

export interface Listing {
  /** Absolute paths, each folder's entries in name order, depth first. */
  files: string[];
  /** 1 where the entry is a regular file (not reached through a symlink). */
  regular: Uint8Array;
  /**
   * With `withStats`: the stat of each file taken while listing, `STAMP_FIELDS` numbers per file
   * (NaN when it is not a regular file or could not be stat'ed); null without.
   */
  stamps: Float64Array | null;
}

/** Stats taken during the listing, in the stamp's order (outlineCache.ts `FileStamp`). */
function putStamp(out: number[], st: Stats | undefined): void {
  if (st?.isFile()) out.push(st.size, st.mtimeMs, st.ctimeMs, st.ino);
  else out.push(NaN, NaN, NaN, NaN);
}

/** How long a listing holds the thread before letting other work in (ms). */
const SLICE_MS = 8;

/**
 * Every file below `root`, depth first, each folder's entries in name order. The system calls are
 * synchronous (through promises they cost 3-4 times as much), and the walk lets the event loop
 * run every few milliseconds: a huge folder never holds up typing.
 */
export async function listFolder(root: string, skip: SkipDirs, withStats: boolean): Promise<Listing> {
  const files: string[] = [];
  const regular: number[] = [];
  const stamps: number[] = [];
  let realRoot: string;
  try {
    realRoot = realpathSync.native(root);
  } catch {
    return { files, regular: new Uint8Array(0), stamps: withStats ? new Float64Array(0) : null };
  }
  const seen = new Set<string>();
  const statOf = (p: string): Stats | undefined => {
    try {
      return statSync(p);
    } catch {
      return undefined;
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
            files.push(p);
            regular.push(0);
            if (withStats) putStamp(stamps, st);
            continue;
          }
        } catch {
          continue;
        }
      }
      if (isDir && !skipsDir(skip, e.name)) {
        const entries = enter(p);
        if (entries) stack.push({ dir: p, entries, at: 0 });
      }
    } else if (e.isFile()) {
      files.push(p);
      regular.push(1);
      if (withStats) putStamp(stamps, statOf(p));
    }
  }
  return { files, regular: Uint8Array.from(regular), stamps: withStats ? Float64Array.from(stamps) : null };
}
