// `okr/objectives` items (lsp/features/objectives.ts `objectiveInfos`) reuse what they answered for an
// objective when its own part and its graph facts are unchanged. After random edits of the linked
// samples (titles, progress, check-ins, links: what moves a parent's contributing progress), the
// items must equal those built with an empty cache.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseOkr, WorkspaceIndex } from '../../server/src/core/index';
import { BuildMemo } from '../../server/src/core/parse/memo';
import { SectionParser } from '../../server/src/core/parse/sections';
import { ObjectiveItemCache, objectiveInfos } from '../../server/src/lsp/features/objectives';
import { fileUri } from '../../server/src/node/nodeFs';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');

function okrFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? okrFiles(p) : name.endsWith('.okr.md') ? [p] : [];
  });
}

describe('objective items reused across versions', () => {
  it('equal items built from scratch after random edits of linked files', () => {
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
    const cache = new ObjectiveItemCache();
    const today = '2026-11-23';
    let state = 5;
    const rnd = (n: number) => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % n;
    let reused = 0;
    let total = 0;
    for (let step = 0; step < 300; step++) {
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
      const before = objectiveInfos(index, today, [root], cache);
      const fresh = objectiveInfos(index, today, [root], new ObjectiveItemCache());
      assert.deepStrictEqual(before, fresh, `step ${step}`);
      const again = objectiveInfos(index, today, [root], cache);
      reused += again.filter((x, k) => x === before[k]).length;
      total += again.length;
    }
    // Asked twice with nothing changed in between, every item is the one answered before.
    assert.equal(reused, total);
  });
});
