// Patching the alignment graph in place for a keystroke (workspace/alignment.ts patchGraph) must give
// exactly the graph a rebuild gives, after every random edit of a linked workspace; and it must
// actually happen for plain typing, or a 10,000-file workspace rebuilds 50,000 nodes per keystroke.
import { strict as assert } from 'node:assert';
import { keystrokes } from '../../scripts/bench/bench';
import { rng } from '../../scripts/bench/corpus';
import { parseOkr } from '../../server/src/core/parse/index';
import { BuildMemo } from '../../server/src/core/parse/memo';
import { SectionParser } from '../../server/src/core/parse/sections';
import { WorkspaceIndex } from '../../server/src/core/workspace/index';
import { alignmentGraphData, alignmentTreeLevel } from '../../server/src/core/workspace/views';
import { edit, inputs } from './parseInputs';

const ROOT = 'file:///ws/';

function workspace(): Map<string, string> {
  const files = new Map<string, string>();
  for (const input of inputs()) if (input.name.endsWith('.md')) files.set(`${ROOT}${input.name}`, input.text);
  // A loop between two files, and a key result target, so loops and KR edges are patched too.
  files.set(`${ROOT}loop/a.okr.md`, '## O1: A\n\nAligns to: [B](b.okr.md#o1)\n\n- KR1: 3 things (0/3)\n');
  files.set(`${ROOT}loop/b.okr.md`, '## O1: B\n\nAligns to: [A KR](a.okr.md#o1.kr1)\n\n- KR1: 5 things (1/5)\n');
  return files;
}

const OPTS = { today: '2026-11-23', locale: 'en' as const, folders: [ROOT] };

/** The lazy alignment tree expanded to every level (as the view asks it), and the map's data. */
function everyLevel(index: WorkspaceIndex): unknown[] {
  const out: unknown[] = [alignmentGraphData(index, OPTS)];
  const expand = (parent?: string) => {
    for (const n of alignmentTreeLevel(index, OPTS, parent)) {
      out.push(n);
      // Loops repeat below themselves through different paths: a few levels are enough.
      if (n.hasChildren && n.id && n.id.split('\u0001').length < 4) expand(n.id);
    }
  };
  expand();
  return out;
}

function fresh(docs: Map<string, ReturnType<typeof parseOkr>>): WorkspaceIndex {
  const index = new WorkspaceIndex([ROOT]);
  for (const d of docs.values()) index.set(d);
  return index;
}

describe('alignment graph patched in place (workspace/alignment.ts patchGraph)', () => {
  it('equals a rebuilt graph after random edits, and patches plain typing', function () {
    this.timeout(120000);
    const r = rng(Number(process.env.PATCH_FUZZ_SEED ?? 17));
    const texts = workspace();
    // Parsed as the server parses open files: objectives an edit left alone are the same objects,
    // which the index takes as they were (their links too).
    const parsers = new Map<string, { memo: BuildMemo; sp: SectionParser }>();
    const parse = (text: string, uri: string, version: number) => {
      let p = parsers.get(uri);
      if (!p) parsers.set(uri, (p = { memo: new BuildMemo(), sp: new SectionParser() }));
      return parseOkr(text, uri, version, { memo: p.memo, markdown: p.sp.parseMarkdown });
    };
    const docs = new Map([...texts].map(([uri, text]) => [uri, parse(text, uri, 0)]));
    const index = fresh(docs);
    const uris = [...texts.keys()];
    let patched = 0;
    const steps = Number(process.env.PATCH_FUZZ_STEPS ?? 150);
    for (let step = 1; step <= steps; step++) {
      const uri = uris[Math.floor(r() * uris.length)];
      const before = index.alignment();
      // The views read the graph's shape once per graph object (views.ts): asked before the edit,
      // what they answer after it must be what a rebuilt graph gives.
      const shown = everyLevel(index);
      // Half plain typing at the end of a list line, half anything (structure, links, headings).
      const text = r() < 0.5 ? [...keystrokes(texts.get(uri)!, 1, step)][0] : edit(texts.get(uri)!, r);
      texts.set(uri, text);
      const doc = parse(text, uri, step);
      docs.set(uri, doc);
      index.set(doc);
      const after = index.alignment();
      if (after === before) patched++;
      const rebuilt = fresh(docs);
      assert.deepEqual(after, rebuilt.alignment(), `graph differs after edit ${step} of ${uri}`);
      for (const u of uris) assert.deepEqual(index.linkedFrom(u).sort(), rebuilt.linkedFrom(u).sort(), u);
      assert.ok(shown.length > 0);
      assert.deepEqual(everyLevel(index), everyLevel(rebuilt), `the tree differs after edit ${step} of ${uri}`);
    }
    assert.ok(patched > steps / 4, `${patched} of ${steps} edits patched the graph`);
  });
});
