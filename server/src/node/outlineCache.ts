// The language server's persisted cache for warm starts: hash of a file's text -> its packed
// outline (core/workspace/slim.ts). An outline depends only on the text, the size limit and the
// code that built it, so the key is the text's hash and the whole file is ignored when it was
// written by other code (fingerprint of the bundles, format numbers) or is damaged (digest).
// v8 serialization is data only: nothing in the file can run code.
//
// A warm start should not read every file again. The cache also remembers, per file, the stat it
// had when its text was read (size, modification and change times, inode): a file whose stat is
// the same is taken as unchanged and not read at all. Only stats taken a while after the file's
// last change are remembered (`stableStat`): a change within the file system's timestamp
// granularity of the read could otherwise leave the same stat for a different text (what git
// calls "racily clean"). The change time cannot be set by tools that restore modification times
// (tar, rsync -t, `touch -d`), so those are noticed too.
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync, statSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import * as zlib from 'node:zlib';
import { PACK_FORMAT, type PackedSlim } from '../core/workspace/slim';

/** Bumped whenever the file's layout changes (the outlines' own shape has PACK_FORMAT). */
const CACHE_FORMAT = 3;
export const CACHE_FILE = 'okr-outlines.bin';
const MAGIC = 'okr-outline-cache';

/** The file: one line of JSON (this header), then the v8-serialized entries (`payload`). */
interface Header {
  magic: string;
  format: number;
  pack: number;
  fingerprint: string;
  /** Checksum of the payload (`payloadDigest`): a damaged file is ignored, never half read. */
  digest: string;
}

/** What identifies a file's content without reading it: size, mtime, ctime (ms), inode. */
export type FileStamp = [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/** A stat is remembered only when the file had not changed for this long before it was taken. */
export const STABLE_MS = 3000;

/**
 * The stamp of a regular file's stat, or null when the stat is too recent to vouch for the text
 * read after it (see the header). `now` is when the stat was taken.
 */
export function stableStamp(st: Stats, now = Date.now(), stableMs = STABLE_MS): FileStamp | null {
  if (!(st.ctimeMs < now - stableMs && st.mtimeMs < now - stableMs)) return null;
  return stampOf(st);
}

/** A stat as a stamp, whenever it was taken. */
export function stampOf(st: Stats): FileStamp {
  return [st.size, st.mtimeMs, st.ctimeMs, st.ino];
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

/**
 * A checksum of the cache's payload, which catches a damaged file (it is no defence against a
 * crafted one, nor needs to be: the file holds data only, in the user's own storage folder).
 * CRC-32 reads the 50-65 MB of a 10,000-file cache in about 15 ms, SHA-1 in 35-70 ms, and a warm
 * start waits for it. Node has zlib.crc32 since 20.15; the name says which one wrote the file.
 */
export function payloadDigest(payload: Uint8Array): string {
  const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  return typeof crc32 === 'function'
    ? `crc32:${crc32(payload).toString(16)}`
    : `sha1:${createHash('sha1').update(payload).digest('hex')}`;
}

/** The key of a text: SHA-1 and length, and the size limit the parser applied. */
export function cacheKey(text: string, maxSize: number): string {
  return `${createHash('sha1').update(text).digest('base64')}:${text.length}:${maxSize}`;
}

/** A hash of the code that builds outlines (the bundles): a new build never reads an old cache. */
export function fingerprintOf(files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) {
    try {
      h.update(readFileSync(f));
    } catch {
      h.update(`unreadable:${f}`);
    }
  }
  return h.digest('hex').slice(0, 32);
}

/**
 * A file's bytes in as few reads as the system allows (one, for a cache of 65 MB). fs.readFile reads
 * 512 KB at a time, and each next read waits for this thread: a listing that holds it for 100 ms
 * at a warm start held the cache back as long.
 */
async function readWhole(file: string): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const buf = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(buf, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === size ? buf : buf.subarray(0, at);
  } finally {
    await handle.close();
  }
}

// Entries stay serialized (bytes) until a file asks for one: the heap never holds every packed
// outline at once, and a save writes the bytes back without serializing them again.
export class OutlineCache {
  private stored = new Map<string, Uint8Array>();
  private readonly used = new Map<string, Uint8Array>();
  /** Per file (path): its stamp when last read and the key of the text read then. */
  private stamps = new Map<string, [FileStamp, string]>();
  private readonly newStamps = new Map<string, [FileStamp, string]>();
  hits = 0;
  misses = 0;
  /** Files taken from the cache on their stat alone (not read). */
  unread = 0;
  /** The file was missing, damaged or foreign: write it even when every file was a hit. */
  dropped = true;

  constructor(
    readonly file: string,
    private readonly fingerprint: string,
  ) {}

  /** The keys known, for workers that skip parsing those files. */
  keys(): string[] {
    return [...this.stored.keys()];
  }

  async load(): Promise<void> {
    // Temp files of a save cut short (the editor closed while writing): never read, removed.
    const dir = path.dirname(this.file);
    const stale = `${path.basename(this.file)}.`;
    for (const name of await fs.readdir(dir).catch(() => [] as string[]))
      if (name.startsWith(stale) && name.endsWith('.tmp'))
        await fs.rm(path.join(dir, name), { force: true }).catch(() => undefined);
    try {
      const file = await readWhole(this.file);
      const eol = file.indexOf(10);
      if (eol < 0 || eol > 4096) return;
      const header = JSON.parse(file.subarray(0, eol).toString('utf8')) as Partial<Header> | null;
      const payload = file.subarray(eol + 1);
      if (
        !header ||
        header.magic !== MAGIC ||
        header.format !== CACHE_FORMAT ||
        header.pack !== PACK_FORMAT ||
        header.fingerprint !== this.fingerprint ||
        payloadDigest(payload) !== header.digest
      )
        return;
      const data = deserialize(payload) as unknown;
      if (!Array.isArray(data) || !Array.isArray(data[0]) || !Array.isArray(data[1])) return;
      this.stored = new Map(data[0] as [string, Uint8Array][]);
      this.stamps = new Map((data[1] as [string, FileStamp, string][]).map(([p, st, key]) => [p, [st, key]]));
      this.dropped = false;
    } catch {
      // Missing or unreadable: start empty; the next save replaces it.
      this.stored = new Map();
      this.stamps = new Map();
    }
  }

  /**
   * The key of the text the file at `file` had when the cache saw it with this very stat, if the
   * cache holds its outline (built with the same size limit): the file need not be read. `listed`:
   * the file's stat from the listing that found it, taken moments ago.
   */
  keyByStat(file: string, maxSize: number, listed: FileStamp | null = null): string | null {
    const known = this.stamps.get(file);
    if (!known || !this.stored.has(known[1]) || !known[1].endsWith(`:${maxSize}`)) return null;
    // The stat the listing just took, else one taken now.
    let now = listed;
    if (!now) {
      let st: Stats;
      try {
        st = statSync(file);
      } catch {
        return null;
      }
      if (!st.isFile()) return null;
      now = stampOf(st);
    }
    if (!sameStamp(known[0], now)) return null;
    this.unread++;
    this.newStamps.set(file, known);
    return known[1];
  }

  /** Remembers the stamp a file had before its text (with this key) was read. */
  stamp(file: string, stamp: FileStamp | null, key: string): void {
    if (stamp) this.newStamps.set(file, [stamp, key]);
  }

  /** The packed outline of this text as if read from `uri` now, or null. */
  get(key: string, uri: string, version: number): PackedSlim | null {
    const bytes = this.stored.get(key) ?? this.used.get(key);
    if (!bytes) return null;
    const p = deserialize(bytes) as PackedSlim;
    this.hits++;
    this.used.set(key, bytes);
    return p.uri === uri && p.version === version ? p : { ...p, uri, version };
  }

  /** A text the cache did not know, parsed now: a miss. */
  put(key: string, packed: PackedSlim): void {
    this.putBytes(key, serialize(packed));
  }

  /** `put` with the packed outline already serialized (by a worker). */
  putBytes(key: string, bytes: Uint8Array): void {
    this.misses++;
    this.used.set(key, bytes);
  }

  /** Entries on disk that no file used this time (changed or deleted files). */
  get unused(): number {
    let n = 0;
    for (const k of this.stored.keys()) if (!this.used.has(k)) n++;
    return n;
  }

  get changed(): boolean {
    return this.dropped || this.misses > 0 || this.unused > 0 || this.stampsChanged();
  }

  private stampsChanged(): boolean {
    if (this.newStamps.size !== this.stamps.size) return true;
    for (const [file, [st, key]] of this.newStamps) {
      const old = this.stamps.get(file);
      if (!old || old[1] !== key || !sameStamp(old[0], st)) return true;
    }
    return false;
  }

  /**
   * Writes the entries used since load (others drop out) and the stamps of this run's files,
   * atomically: a temp file, then a rename.
   */
  async save(): Promise<void> {
    const stamps = [...this.newStamps]
      .filter(([, [, key]]) => this.used.has(key))
      .map(([f, [st, key]]) => [f, st, key]);
    const payload = serialize([[...this.used], stamps]);
    const header: Header = {
      magic: MAGIC,
      format: CACHE_FORMAT,
      pack: PACK_FORMAT,
      fingerprint: this.fingerprint,
      digest: payloadDigest(payload),
    };
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.${Date.now()}.tmp`;
    try {
      await fs.writeFile(tmp, [Buffer.from(`${JSON.stringify(header)}\n`), payload]);
      await fs.rename(tmp, this.file);
    } catch (e) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
    this.stored = new Map(this.used);
    this.stamps = new Map(this.newStamps);
    this.dropped = false;
  }
}
