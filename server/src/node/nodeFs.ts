// The Node file system behind the WorkspaceFs interface. Listings: listing.ts.
import { promises as fs, readFileSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkspaceFs } from '../core/workspace/files';
import { listFolder } from './listing';
import type { FileStamp } from './outlineCache';

export function fileUri(p: string): string {
  return pathToFileURL(path.resolve(p)).toString();
}

const POSIX = path.sep === '/';

/** A `file:` URI whose path is itself: no escapes, dot segments, query, fragment or spaces. */
const PLAIN_FILE_URI = /^file:\/\/\/[A-Za-z0-9._~!$&'()*+,;=:@/-]*$/;

export function uriToPath(uri: string): string {
  // The URIs listings make mostly look like this; fileURLToPath parses a URL each time (a third
  // of matching 10,000 listed files with the outline cache at a warm start).
  if (POSIX && PLAIN_FILE_URI.test(uri) && !uri.includes('/.')) return uri.slice(7);
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

/** Characters pathToFileURL leaves as they are in a file name (it escapes `~`, unlike URLs). */
const URI_SAFE_NAME = /^[A-Za-z0-9._!$&'()*+,;=:@-]+$/;

/**
 * `fileUri(path.join(dir, name))` for a listing, which turns each folder's URI once: a name made only
 * of characters a URI keeps as they are is appended to it (pathToFileURL took a third of listing
 * 10,000 files); any other name goes the whole way.
 */
function fileUriIn(dir: string, dirUri: string, name: string): string {
  if (!URI_SAFE_NAME.test(name)) return fileUri(path.join(dir, name));
  return dirUri.endsWith('/') ? dirUri + name : `${dirUri}/${name}`;
}

export interface NodeFsOptions {
  /**
   * Stat each file while listing, for the outline cache (`takeListedStamp`): the language server's
   * warm start, which would otherwise stat every file again after the listing.
   */
  statWhileListing?: boolean;
}

export class NodeFs implements WorkspaceFs {
  /** Regular files the last listing saw: their first read skips a stat (a third of reading 10,000 files). */
  private readonly listed = new Set<string>();
  /** Stats the listings took (`statWhileListing`), by path, until the bulk index takes them. */
  private readonly stamps = new Map<string, FileStamp>();

  constructor(private readonly options: NodeFsOptions = {}) {}

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

  /**
   * The stat a listing took of this file (size, mtime, ctime, inode), when it was a
   * regular file then, once: what the outline cache compares with the stat it remembers.
   */
  takeListedStamp(p: string): FileStamp | null {
    const st = this.stamps.get(p);
    if (!st) return null;
    this.stamps.delete(p);
    return st;
  }

  /** Drops the stats of the listings so far (the index that needed them is built). */
  forgetListedStamps(): void {
    this.stamps.clear();
  }

  async listFiles(folderUri: string, skipDir: (name: string) => boolean): Promise<string[]> {
    const files = await listFolder(uriToPath(folderUri), skipDir, this.options.statWhileListing ?? false);
    const out: string[] = new Array(files.length);
    let dir = '';
    let dirUri = '';
    for (let i = 0; i < files.length; i++) {
      const { path: p, regular, stamp } = files[i];
      if (regular) this.listed.add(p);
      if (stamp) this.stamps.set(p, stamp);
      const slash = p.lastIndexOf(path.sep);
      const d = p.slice(0, slash) || path.sep;
      if (d !== dir) {
        dir = d;
        dirUri = fileUri(d);
      }
      out[i] = fileUriIn(d, dirUri, p.slice(slash + 1));
    }
    return out;
  }
}
