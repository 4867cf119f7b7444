// LensStore in process: the branches a JSON-RPC test cannot steer (earlier answers of another
// shape, answers evicted, small again).
import { strict as assert } from 'node:assert';
import type { CodeLens } from 'vscode-languageserver';
import { LENS_RESOLVE_THRESHOLD, LensStore, lensResolveThreshold } from '../../server/src/lsp/features/lensResolve';

const lens = (line: number, title: string): CodeLens => ({
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
  command: { title, command: 'okr.checkIn', arguments: ['file:///a.okr.md', `O${line}`, 'KR1', line] },
});
const list = (n: number, tag: string) => Array.from({ length: n }, (_, i) => lens(i, `${tag} ${i}`));
const empty = (l: CodeLens) => ({ range: l.range, command: { title: '', command: '' } });

describe('LensStore (code lens resolve)', () => {
  it('passes small lists through and keeps nothing for them', () => {
    const store = new LensStore(3);
    const small = list(3, 'v1');
    assert.equal(store.answer('file:///a.okr.md', small), small);
    assert.equal(store.size, 0);
  });

  it('strips commands above the threshold and resolves each lens to the stored one', () => {
    const store = new LensStore(3);
    const full = list(5, 'v1');
    const sent = store.answer('file:///a.okr.md', full);
    assert.deepEqual(
      sent.map((l) => l.command),
      [undefined, undefined, undefined, undefined, undefined],
    );
    sent.forEach((l, i) => assert.equal(store.resolve(l), full[i]));
  });

  it('answers an earlier answer from the latest list only when the shape is the same', () => {
    const store = new LensStore(3);
    const uri = 'file:///a.okr.md';
    const first = store.answer(uri, list(5, 'v1'));
    const latest = list(5, 'v2');
    store.answer(uri, latest);
    assert.deepEqual(store.resolve(first[2]), { range: first[2].range, command: latest[2].command });
    // An objective added: index 2 may now be another lens, so no title rather than a wrong one.
    const third = store.answer(uri, list(6, 'v3'));
    assert.deepEqual(store.resolve(first[2]), empty(first[2]));
    assert.deepEqual(store.resolve(third[5]).command?.title, 'v3 5');
  });

  it('forgets answers beyond the last few, and all of them when the file closes or gets small', () => {
    const store = new LensStore(3);
    const uri = 'file:///a.okr.md';
    const answers = Array.from({ length: 6 }, (_, v) => store.answer(uri, list(4, `v${v}`)));
    assert.deepEqual(store.resolve(answers[0][1]), empty(answers[0][1]));
    assert.equal(store.resolve(answers[3][1]).command?.title, 'v5 1');
    store.answer(uri, list(2, 'small'));
    assert.equal(store.size, 0);
    assert.deepEqual(store.resolve(answers[5][1]), empty(answers[5][1]));
    const again = store.answer(uri, list(4, 'big'));
    store.answer('file:///b.okr.md', list(4, 'other'));
    store.drop(uri);
    assert.equal(store.size, 1);
    assert.deepEqual(store.resolve(again[0]), empty(again[0]));
  });

  it('never throws on malformed requests', () => {
    const store = new LensStore(0);
    store.answer('file:///a.okr.md', list(2, 'v1'));
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    for (const bad of [null, undefined, {}, { data: [1, 0] }, { range: 'x', data: [1, 0] }, { range: {}, data: 'x' }]) {
      const r = store.resolve(bad as unknown as CodeLens);
      assert.ok(r.command && typeof r.command.title === 'string', JSON.stringify(bad));
      assert.ok(r.range.start && r.range.end);
    }
    // A lens without a usable range still resolves, placed at the top.
    assert.deepEqual(store.resolve({ data: [99, 0] } as unknown as CodeLens).range, zero);
  });

  it('reads the threshold from OKR_LENS_RESOLVE_THRESHOLD, else the constant', () => {
    const before = process.env.OKR_LENS_RESOLVE_THRESHOLD;
    try {
      process.env.OKR_LENS_RESOLVE_THRESHOLD = '7';
      assert.equal(lensResolveThreshold(), 7);
      for (const bad of ['', 'abc', '-1']) {
        process.env.OKR_LENS_RESOLVE_THRESHOLD = bad;
        assert.equal(lensResolveThreshold(), LENS_RESOLVE_THRESHOLD);
      }
    } finally {
      if (before === undefined) delete process.env.OKR_LENS_RESOLVE_THRESHOLD;
      else process.env.OKR_LENS_RESOLVE_THRESHOLD = before;
    }
  });
});
