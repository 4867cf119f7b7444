// Worker thread of the language server's cold index (bulkIndexer.ts): reads, parses and outlines
// files, and sends back packed outlines (core/workspace/slim.ts), v8-serialized. A file whose text
// the cache already knows is only read and hashed: the main thread takes its outline from the cache.
import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { parseOkr } from '../core/parse/index';
import { packSlimForTransfer } from '../core/workspace/slim';
import { readStamped, type IndexBatch, type IndexedBatch, type IndexedFile, type IndexSetup } from './bulkIndexer';
import { cacheKey } from './outlineCache';

const setup = workerData as IndexSetup;
const known = new Set(setup.known);

function indexFile(uri: string): IndexedFile {
  const read = readStamped(uri, setup.stableMs);
  if (read === null) return { uri, missing: true };
  const { text, stamp } = read;
  const key = setup.cached ? cacheKey(text, setup.maxSize) : '';
  if (known.has(key)) return { uri, key, stamp };
  // Packed straight from the full model: what packSlim(slimForIndex(doc)) gives, without building an
  // outline only to pack it again (test/core/fastPaths.test.ts compares the two), and without
  // copying its strings first (serialize copies them).
  const outline = packSlimForTransfer(parseOkr(text, uri, -1, { maxSize: setup.maxSize }));
  // Serialized here, in parallel: the main thread keeps these bytes in the cache as they are.
  return { uri, key, bytes: serialize(outline), stamp };
}

parentPort?.on('message', (batch: IndexBatch) => {
  try {
    const files: IndexedFile[] = [];
    for (const uri of batch.uris) {
      // One file the parser chokes on is left out of the index; the others still arrive.
      try {
        files.push(indexFile(uri));
      } catch {
        files.push({ uri, missing: true });
      }
    }
    // The serialized outlines' memory moves to the main thread instead of being copied.
    const transfer = new Set<ArrayBuffer>();
    for (const f of files)
      if ('bytes' in f && f.bytes && f.bytes.byteLength === f.bytes.buffer.byteLength)
        transfer.add(f.bytes.buffer as ArrayBuffer);
    parentPort?.postMessage({ id: batch.id, files } satisfies IndexedBatch, [...transfer]);
  } catch (e) {
    parentPort?.postMessage({ id: batch.id, error: String((e as Error)?.stack ?? e) } satisfies IndexedBatch);
  }
});
