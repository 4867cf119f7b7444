// The model builder's memory across versions (parse/memo.ts) must never change a result: after
// every random edit of the corpus, fixtures and samples (typing, deletions, new lines above,
// structural snippets), the model built with the memo deep-equals a fresh build.
import { strict as assert } from 'node:assert';
import { keystrokes } from '../../scripts/bench/bench';
import { bigFile, rng } from '../../scripts/bench/corpus';
import type { Objective } from '../../server/src/core/model';
import { parseOkr } from '../../server/src/core/parse/index';
import { BuildMemo, shiftLines } from '../../server/src/core/parse/memo';
import { SectionParser } from '../../server/src/core/parse/sections';
import { edit, inputs } from './parseInputs';

describe('model builder memo (parse/memo.ts)', () => {
  it('shifts every position of a copy and leaves the original alone', () => {
    const kr = { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 9 } }, line: 7, xs: [1] };
    const moved = shiftLines(kr, 2);
    assert.deepEqual(moved, {
      range: { start: { line: 5, character: 0 }, end: { line: 5, character: 9 } },
      line: 7,
      xs: [1],
    });
    assert.equal(kr.range.start.line, 3);
  });

  it('gives the same model as a fresh build after random edits', function () {
    const steps = Number(process.env.MEMO_FUZZ_STEPS ?? 8);
    this.timeout(Math.max(120000, steps * 30000));
    const r = rng(Number(process.env.MEMO_FUZZ_SEED ?? 3));
    let hits = 0;
    let states = 0;
    for (const input of inputs()) {
      const memo = new BuildMemo();
      const sp = new SectionParser();
      let text = input.text;
      let previous = new Set<Objective>();
      for (let step = 0; step < steps; step++) {
        const fresh = parseOkr(text, `file:///${input.name}`, step);
        const again = parseOkr(text, `file:///${input.name}`, step, { memo, markdown: sp.parseMarkdown });
        assert.deepEqual(again, fresh, `${input.name}: the model differs after edit ${step}`);
        // Key results come back one by one, or with their whole objective (parse/index.ts).
        hits += memo.hits;
        for (const o of again.objectives) if (previous.has(o)) hits += o.keyResults.length;
        previous = new Set(again.objectives);
        states++;
        text = edit(text, r);
      }
    }
    // The point of it: most key results come back from the memo.
    assert.ok(hits > states * 2, `${hits} key results reused over ${states} states`);
  });

  it('reuses all but the edited key result on a keystroke, and shifts them on a new line', () => {
    const text = bigFile(30);
    const memo = new BuildMemo();
    const first = parseOkr(text, 'file:///b.okr.md', 0, { memo });
    const krs = first.objectives.reduce((n, o) => n + o.keyResults.length, 0);
    const [typed] = keystrokes(text, 1);
    const a = parseOkr(typed, 'file:///b.okr.md', 1, { memo });
    assert.deepEqual(a, parseOkr(typed, 'file:///b.okr.md', 1));
    assert.ok(memo.hits >= krs - 1, `${memo.hits} of ${krs} reused`);
    const enter = typed.replace('\n## ', '\n\n## ');
    const b = parseOkr(enter, 'file:///b.okr.md', 2, { memo });
    assert.deepEqual(b, parseOkr(enter, 'file:///b.okr.md', 2));
    assert.ok(memo.hits >= krs - 1, `${memo.hits} of ${krs} reused after a new line`);
  });
});
