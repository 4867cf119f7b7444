// `okr/objectives` as a delta (lsp/features/objectivesDelta.ts): runs of an earlier answer for the
// items that did not change. Decoding what the server encodes must give the full list it would have
// sent, after random edits of the linked samples; unknown ids answer in full; old ids are forgotten.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ObjectiveItemCache, objectiveInfos, type ObjectiveInfo } from '../../server/src/lsp/features/objectives';
import {
  decodeDelta,
  DeltaAnswers,
  encodeDelta,
  linesMoved,
  moveLines,
  wantsDelta,
  type Run,
} from '../../server/src/lsp/features/objectivesDelta';
import { editableSamples } from './editableSamples';

const runs = (entries: readonly unknown[]) => entries.filter((e): e is Run => Array.isArray(e));
const full = (entries: readonly unknown[]) => entries.filter((e) => !Array.isArray(e));

describe('okr/objectives as a delta (encode / decode)', () => {
  it('decodes to the items built from scratch after random edits of linked files', () => {
    const { root, index, edit } = editableSamples();
    const cache = new ObjectiveItemCache();
    const answers = new DeltaAnswers<ObjectiveInfo>(2, linesMoved);
    const today = '2026-11-23';
    const infos = (c = cache) => objectiveInfos(index, today, [root], c);
    // What the view keeps: the last decoded list and its id (first ask: null).
    let first = answers.answer(infos(), null);
    assert.equal(runs(first.items).length, 0, 'first answer: every item in full');
    let kept = { resultId: first.resultId, items: decodeDelta(first.items) };
    let sent = 0;
    let total = 0;
    let moved = 0;
    for (let step = 0; step < 300; step++) {
      edit();
      // Over JSON, as the client gets it: the items it decodes are copies, never the server's objects.
      const answer = JSON.parse(JSON.stringify(answers.answer(infos(), kept.resultId)));
      const decoded = decodeDelta<ObjectiveInfo>(answer.items, kept.items);
      assert.deepStrictEqual(decoded, infos(new ObjectiveItemCache()), `step ${step}`);
      kept = { resultId: answer.resultId, items: decoded };
      sent += full(answer.items).length;
      moved += runs(answer.items).filter((r) => r.length === 3).length;
      total += decoded.length;
    }
    // One file edited per step: most items travel as runs.
    assert.ok(sent < total / 4, `${sent} of ${total} items sent in full`);
    // Inserted check-in lines moved the objectives below them.
    assert.ok(moved > 10, `${moved} runs with moved lines`);
    // Nothing changed: one run, nothing in full.
    const again = answers.answer(infos(), kept.resultId);
    assert.deepStrictEqual(again.items, [[0, kept.items.length]]);
    first = answers.answer(infos(), 'no-such-id');
    assert.equal(runs(first.items).length, 0, 'unknown id: every item in full');
    assert.deepStrictEqual(decodeDelta(first.items), infos(new ObjectiveItemCache()));
  });

  it('keeps only the newest answers: an old id answers in full', () => {
    const items = [{ a: 1 }, { a: 2 }, { a: 3 }];
    const answers = new DeltaAnswers<{ a: number }>(2);
    const a = answers.answer(items, null);
    const b = answers.answer(items, a.resultId);
    assert.deepStrictEqual(b.items, [[0, 3]]);
    const c = answers.answer(items, b.resultId);
    assert.deepStrictEqual(answers.ids(), [b.resultId, c.resultId]);
    // `a` is forgotten, `b` (one back: an overlapping request) is still known.
    assert.deepStrictEqual(answers.answer(items, a.resultId).items, items);
    for (let i = 0; i < 50; i++) answers.answer(items, null);
    assert.equal(answers.ids().length, 2);
    // Ids of another server process are never taken for ours.
    assert.notEqual(new DeltaAnswers().answer(items, null).resultId, a.resultId);
  });

  it('round trips any reordering, insertion and deletion by identity', () => {
    const pool = Array.from({ length: 40 }, (_, i) => ({ i }));
    const list = fc.array(fc.nat(39), { maxLength: 60 }).map((xs) => xs.map((x) => pool[x]));
    fc.assert(
      fc.property(list, list, fc.array(fc.nat(1000), { maxLength: 5 }), (previous, next, fresh) => {
        const items = [...next];
        for (const f of fresh) items.splice(f % (items.length + 1), 0, { i: 1000 + f });
        const entries = encodeDelta(items, previous);
        const decoded = decodeDelta(entries, previous);
        assert.equal(decoded.length, items.length);
        decoded.forEach((x, k) => assert.equal(x, items[k]));
        // Runs never touch each other: consecutive ones would have been merged.
        entries.forEach((e, k) => {
          const n = entries[k + 1];
          if (Array.isArray(e) && Array.isArray(n)) assert.notEqual(e[0] + e[1], n[0]);
        });
      }),
    );
  });

  it('round trips files added, removed, moved and edited (block edits of a long list)', () => {
    const op = fc.record({ kind: fc.nat(3), at: fc.nat(2000), len: fc.integer({ min: 1, max: 40 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1500 }), fc.array(op, { maxLength: 6 }), (n, ops) => {
        const previous = Array.from({ length: n }, (_, i) => ({ i }));
        const items = [...previous];
        let fresh = 0;
        for (const { kind, at, len } of ops) {
          const p = at % (items.length + 1);
          const made = () => Array.from({ length: len }, () => ({ i: -++fresh }));
          if (kind === 0) items.splice(p, len);
          else if (kind === 1) items.splice(p, 0, ...made());
          else if (kind === 2) {
            const block = items.splice(p, len);
            items.splice(at % (items.length + 1), 0, ...block);
          } else items.splice(p, 1, ...made().slice(0, 1));
        }
        const entries = encodeDelta(items, previous);
        const decoded = decodeDelta(entries, previous);
        assert.equal(decoded.length, items.length);
        decoded.forEach((x, k) => assert.equal(x, items[k]));
        // What is sent in full: the new items, and at most a short miss streak per edit.
        assert.ok(full(entries).length <= fresh + 16 * ops.length, `${full(entries).length} in full, ${fresh} new`);
      }),
      { numRuns: 300 },
    );
  });

  it('answers an append in the middle of 1,000 items with three entries', () => {
    const previous = Array.from({ length: 1000 }, (_, i) => ({ i }));
    const items = [...previous];
    items[500] = { i: 500 };
    assert.deepStrictEqual(encodeDelta(items, previous), [[0, 500], items[500], [501, 499]]);
    items.splice(700, 0, { i: -1 });
    assert.deepStrictEqual(encodeDelta(items, previous), [[0, 500], items[500], [501, 199], items[700], [700, 300]]);
  });

  it('finds blocks that moved or follow many new items (the identity index)', () => {
    const previous = Array.from({ length: 1000 }, (_, i) => ({ i }));
    // A new file of 20 objectives: more misses in a row than the walk tolerates.
    const fresh = Array.from({ length: 20 }, (_, i) => ({ i: -i }));
    const added = [...previous.slice(0, 100), ...fresh, ...previous.slice(100)];
    assert.deepStrictEqual(encodeDelta(added, previous), [[0, 100], ...fresh, [100, 900]]);
    // Two files swapped.
    const swapped = [...previous.slice(500), ...previous.slice(0, 500)];
    assert.deepStrictEqual(encodeDelta(swapped, previous), [
      [500, 500],
      [0, 500],
    ]);
    // A file removed.
    const removed = [...previous.slice(0, 300), ...previous.slice(340)];
    const entries = encodeDelta(removed, previous);
    assert.deepStrictEqual(decodeDelta(entries, previous), removed);
    assert.deepStrictEqual(entries, [
      [0, 300],
      [340, 660],
    ]);
  });

  it('sends objectives moved by an Enter as runs with a line shift', () => {
    const item = (i: number, line = i * 10) => ({
      id: `O${i}`,
      line,
      keyResults: [
        { id: 'KR1', line: line + 2, progress: 0.5 },
        { id: 'KR2', line: line + 3, progress: null },
      ],
      alignsTo: [{ href: 'company.okr.md#o1', ok: true }],
    });
    const previous = Array.from({ length: 1000 }, (_, i) => item(i));
    // An Enter inside O500 (below its heading): O500's key results move, O501.. move whole.
    const items = previous.map((o, i) =>
      i < 500 ? o : i === 500 ? { ...item(i), keyResults: item(i, i * 10 + 1).keyResults } : item(i, i * 10 + 1),
    );
    const entries = encodeDelta(items, previous, linesMoved);
    assert.deepStrictEqual(entries, [[0, 500], items[500], [501, 499, 1]]);
    assert.deepStrictEqual(decodeDelta(entries, previous), items);
    // A deleted line above everything: one run moved up.
    const up = previous.map((o) => item(Number(o.id.slice(1)), o.line - 1));
    assert.deepStrictEqual(encodeDelta(up, previous, linesMoved), [[0, 1000, -1]]);
    assert.deepStrictEqual(decodeDelta([[0, 1000, -1]], previous), up);
    // Not a move: lines moved unevenly, or anything else changed too.
    const o = item(1);
    assert.equal(linesMoved(o, item(1, 12)), 2);
    assert.equal(
      linesMoved(o, { ...item(1, 12), keyResults: [item(1, 12).keyResults[0], item(1, 13).keyResults[1]] }),
      0,
    );
    assert.equal(linesMoved(o, { ...item(1, 12), id: 'O9' }), 0);
    assert.equal(linesMoved(o, { ...item(1, 12), alignsTo: [{ href: 'company.okr.md#o1', ok: false }] }), 0);
    assert.equal(linesMoved(o, { ...item(1, 12), extra: null }), 0);
    assert.equal(linesMoved(o, o), 0);
    assert.deepStrictEqual(moveLines(o, 2), item(1, 12));
    assert.equal(o.line, 10, 'moveLines copies');
  });

  it('round trips items moved, edited and inserted (line shifts)', () => {
    const item = (i: number, line: number, title = `t${i}`) => ({ i, line, title, krs: [{ line: line + 1 }] });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.tuple(fc.nat(3), fc.nat(300), fc.integer({ min: -3, max: 3 })), { maxLength: 8 }),
        (n, ops) => {
          const previous = Array.from({ length: n }, (_, i) => item(i, i * 5));
          const items = [...previous];
          for (const [kind, at, d] of ops) {
            const p = at % items.length;
            if (kind === 0)
              for (let k = p; k < items.length; k++)
                items[k] = {
                  ...items[k],
                  line: items[k].line + d,
                  krs: items[k].krs.map((x) => ({ line: x.line + d })),
                };
            else if (kind === 1 && items[p]) items[p] = { ...items[p], title: 'edited' };
            else if (kind === 2) items.splice(p, 0, item(-1, p));
            else items.splice(p, 1);
            if (items.length === 0) items.push(item(-2, 0));
          }
          const entries = JSON.parse(JSON.stringify(encodeDelta(items, previous, linesMoved)));
          assert.deepStrictEqual(decodeDelta(entries, previous), items);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses runs outside the list it decodes against', () => {
    assert.throws(() => decodeDelta([[0, 2]], [{}]), RangeError);
    assert.throws(() => decodeDelta([[0, 1]]), RangeError);
    assert.throws(() => decodeDelta([[-1, 1]], [{}]), RangeError);
    assert.throws(() => decodeDelta([[0.5, 1]], [{}]), RangeError);
    assert.throws(() => decodeDelta([[0, 1, 0.5]], [{}]), RangeError);
    assert.deepStrictEqual(decodeDelta([[1, 0]], [{}]), []);
  });

  it('asks for the delta only when the params name previousResultId', () => {
    assert.equal(wantsDelta(undefined), false);
    assert.equal(wantsDelta({}), false);
    assert.equal(wantsDelta([]), false);
    assert.equal(wantsDelta({ isCancellationRequested: false }), false);
    assert.equal(wantsDelta({ previousResultId: null }), true);
    assert.equal(wantsDelta({ previousResultId: undefined }), true);
    assert.equal(wantsDelta({ previousResultId: 'x' }), true);
  });
});
