// Worker thread: reads and parses OKR files, returns plain models (the core stays pure; only
// this Node adapter knows about threads). See parallelParse.ts.
import { parentPort } from 'node:worker_threads';
import { parseExtras, parseOkr } from '../core/parse/index';
import { NodeFs } from './nodeFs';
import type { ParsedFile, ParseRequest } from './parallelParse';

const fs = new NodeFs();
parentPort?.on('message', async (req: ParseRequest) => {
  const out: ParsedFile[] = [];
  for (const uri of req.uris) {
    const text = await fs.readText(uri);
    if (text === null) continue;
    const doc = parseOkr(text, uri, req.version, { maxSize: req.maxSize });
    out.push({ doc, extras: parseExtras(doc) });
  }
  parentPort?.postMessage(out);
});
