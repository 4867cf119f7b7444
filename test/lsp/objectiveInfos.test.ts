// `okr/objectives` items (lsp/features/objectives.ts `objectiveInfos`) reuse what they answered for an
// objective when its own part and its graph facts are unchanged. After random edits of the linked
// samples (titles, progress, check-ins, links: what moves a parent's contributing progress), the
// items must equal those built with an empty cache.
import { strict as assert } from 'node:assert';
import { ObjectiveItemCache, objectiveInfos } from '../../server/src/lsp/features/objectives';
import { editableSamples } from './editableSamples';

describe('objective items reused across versions', () => {
  it('equal items built from scratch after random edits of linked files', () => {
    const { root, index, edit } = editableSamples();
    const cache = new ObjectiveItemCache();
    const today = '2026-11-23';
    let reused = 0;
    let total = 0;
    for (let step = 0; step < 300; step++) {
      edit();
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
