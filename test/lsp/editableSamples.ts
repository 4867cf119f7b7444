// The linked samples, parsed into one index as the server keeps them, with a random edit that
// touches what the views show: titles, progress, check-ins (new lines that move objectives) and
// links (what moves a parent's contributing progress). Shared by the objective item tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseOkr, WorkspaceIndex } from '../../server/src/core/index';
import { BuildMemo } from '../../server/src/core/parse/memo';
import { SectionParser } from '../../server/src/core/parse/sections';
import { fileUri } from '../../server/src/node/nodeFs';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');

function okrFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? okrFiles(p) : name.endsWith('.okr.md') ? [p] : [];
  });
}

export interface EditableSamples {
  root: string;
  index: WorkspaceIndex;
  /** Edits one line of one file at random and re-parses that file into the index. */
  edit(): void;
}

export function editableSamples(seed = 5): EditableSamples {
  const root = fileUri(SAMPLES);
  const index = new WorkspaceIndex([root]);
  const docs = okrFiles(SAMPLES).map((f) => ({
    uri: fileUri(f),
    lines: readFileSync(f, 'utf8').split('\n'),
    sections: new SectionParser(),
    memo: new BuildMemo(),
    version: 0,
  }));
  const parse = (d: (typeof docs)[number]) =>
    index.set(parseOkr(d.lines.join('\n'), d.uri, ++d.version, { markdown: d.sections.parseMarkdown, memo: d.memo }));
  docs.forEach(parse);
  let state = seed;
  const rnd = (n: number) => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % n;
  return {
    root,
    index,
    edit() {
      const d = docs[rnd(docs.length)];
      const i = rnd(d.lines.length);
      const line = d.lines[i];
      const kind = rnd(5);
      if (kind === 0) d.lines[i] = `${line}x`;
      else if (kind === 1) d.lines[i] = line.replace(/\d/, String(rnd(10)));
      else if (kind === 2) d.lines.splice(i, 0, `  - 2026-11-${10 + rnd(10)}: ${rnd(100)}%`);
      else if (kind === 3) d.lines[i] = line.replace(/#o\d/, `#o${1 + rnd(3)}`);
      else d.lines[i] = line.slice(0, Math.max(0, line.length - 1));
      parse(d);
    },
  };
}
