// How the server reads a whole workspace into its index at start. The default reads and parses
// file by file on the main thread; the Node entry injects one that uses worker threads and a
// persisted cache (node/bulkIndexer.ts), so this layer never imports threads or the disk.
import type { OkrDocument } from '../core/model';

export interface BulkIndexRequest {
  /** Files to index, in the order the index should receive them. */
  uris: string[];
  /** Parser's size limit (settings.maxFileSize). */
  maxSize: number;
  /** A folder the client gave for caches (initializationOptions.cacheFolder), if any. */
  cacheFolder?: string;
  /**
   * Outlines as they are ready, in the order of `uris` (slim.ts): `doc` is null for a file that
   * could not be read. Called on the main thread between other messages.
   */
  onFiles(files: { uri: string; doc: OkrDocument | null }[]): void;
}

export interface BulkIndexer {
  /** Starts reading what `index` will need from this cache folder (a hint; may do nothing). */
  preload?(cacheFolder: string): void;
  /** Resolves when every file was handed to `onFiles` (a cache may still be written after). */
  index(request: BulkIndexRequest): Promise<void>;
  /** Resolves when nothing is being written any more (asked before the server shuts down). */
  flush(): Promise<void>;
}
