// `okr/objectiveGroups` over real JSON-RPC, as the Objectives view asks it: the groups, then each
// group's objectives. Expanding every group gives exactly the flat `okr/objectives` list, grouped as
// the view grouped it before (sorted by URI and line, groups in order of their first objective),
// for each grouping and with the filters, and so do the objectives that come inline with the groups
// in a small workspace; past INLINE_GROUPS groups they do not; a group above SPLIT_ABOVE objectives
// answers its files first; an edit answers a delta against the group's last answer; the wizard's
// `above` filter.
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ObjectiveInfo } from '../../server/src/lsp/features/objectives';
import type {
  GroupAnswer,
  GroupBy,
  GroupsAnswer,
  ObjectiveGroup,
  ObjectiveGroupsParams,
} from '../../server/src/lsp/features/objectiveGroups';
import { INLINE_GROUPS, SPLIT_ABOVE } from '../../server/src/lsp/features/objectiveGroups';
import { decodeDelta } from '../../server/src/lsp/features/objectivesDelta';
import { SERVER, startServer, type TestServer } from './lspClient';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');

/** A file of `n` objectives with one key result each, owned by `owner`. */
function objectivesFile(n: number, owner: string): string {
  const parts = [`---\nlevel: team\nowner: ${owner}\nperiod: 2026-Q4\n---\n`];
  for (let i = 1; i <= n; i++) parts.push(`## O${i}: Objective number ${i}\n\n- KR1: Ship features from 0 to ${i}\n`);
  return parts.join('\n');
}

describe('okr/objectiveGroups over JSON-RPC', () => {
  let server: TestServer;
  let dir: string;
  let folder: string;
  const big = () => pathToFileURL(path.join(dir, 'people', 'big.okr.md')).toString();
  before(async function () {
    assert.ok(existsSync(SERVER), `${SERVER} is missing: run "npm run build" first`);
    dir = mkdtempSync(path.join(tmpdir(), 'okr-groups-'));
    cpSync(SAMPLES, dir, { recursive: true });
    folder = pathToFileURL(dir).toString();
    server = await startServer(folder, { today: '2026-11-23', validate: { debounceMs: 0 } });
    // The samples are indexed in the background: wait for the index to say it changed, until the
    // company file is in (an earlier notification may have come before this listener).
    let changed = () => undefined as void;
    server.connection.onNotification('okr/didChangeIndex', () => changed());
    while (!(await flat()).some((o) => o.level === 'company')) await new Promise<void>((r) => (changed = r));
  });
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const groups = (params: ObjectiveGroupsParams) =>
    server.connection.sendRequest<ObjectiveGroup[]>('okr/objectiveGroups', params);
  const open = (params: ObjectiveGroupsParams) =>
    server.connection.sendRequest<GroupAnswer>('okr/objectiveGroups', params);
  const flat = () => server.connection.sendRequest<ObjectiveInfo[]>('okr/objectives');

  /** What the view showed before it asked by group: the flat list sorted, then grouped. */
  function expected(list: ObjectiveInfo[], groupBy: GroupBy, keep: (o: ObjectiveInfo) => boolean) {
    const out = new Map<string | null, ObjectiveInfo[]>();
    const sorted = list.filter(keep).sort((a, b) => a.uri.localeCompare(b.uri) || a.line - b.line);
    for (const o of sorted) {
      const k = groupBy === 'file' ? o.file : groupBy === 'period' ? o.period : o.owner;
      out.set(k, [...(out.get(k) ?? []), o]);
    }
    return out;
  }

  /** Every group opened (split groups file by file), as the view would show them. */
  async function shown(params: ObjectiveGroupsParams) {
    const out = new Map<string | null, ObjectiveInfo[]>();
    for (const g of await groups(params)) {
      const ask = { ...params, group: g.value, previousResultId: null };
      const answer = await open(ask);
      const items: ObjectiveInfo[] = [];
      if ('files' in answer) {
        for (const f of answer.files) {
          const part = await open({ ...ask, file: f.value ?? '' });
          assert.ok('items' in part, 'a file of a split group answers its objectives');
          items.push(...decodeDelta(part.items));
        }
      } else items.push(...decodeDelta(answer.items));
      assert.equal(items.length, g.count, `group ${g.value}: count ${g.count}, ${items.length} objectives`);
      out.set(g.value, items);
    }
    return out;
  }

  it('opening every group gives the flat list, grouped by owner, file or period, with the filters', async () => {
    // Indexed last, sorted first: the order is the view's, not the index's.
    const first = pathToFileURL(path.join(dir, 'a-first.okr.md')).toString();
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: first, languageId: 'markdown', version: 1, text: objectivesFile(2, 'Engineering') },
    });
    await server.diagnostics(first, 1);
    const list = await flat();
    assert.equal(list[list.length - 1].uri, first);
    assert.ok(list.length >= 20, `${list.length} objectives in the samples`);
    const cases: [ObjectiveGroupsParams, (o: ObjectiveInfo) => boolean][] = [
      [{ groupBy: 'owner' }, () => true],
      [{ groupBy: 'file' }, () => true],
      [{ groupBy: 'period' }, () => true],
      [{ groupBy: 'owner', period: '2026-Q4' }, (o) => o.period === '2026-Q4'],
      [{ groupBy: 'file', owner: 'Engineering' }, (o) => o.owner === 'Engineering'],
    ];
    for (const [params, keep] of cases) {
      const want = expected(list, params.groupBy!, keep);
      const got = await shown(params);
      assert.deepStrictEqual([...got.keys()], [...want.keys()], JSON.stringify(params));
      assert.deepStrictEqual(got, want, JSON.stringify(params));
      // As the view asks (a small workspace): the groups with all their objectives, group after group.
      const inline = await server.connection.sendRequest<GroupsAnswer>('okr/objectiveGroups', {
        ...params,
        previousResultId: null,
      });
      assert.deepStrictEqual(inline.groups, await groups(params));
      assert.ok(inline.items && inline.resultId, 'the samples are few enough to come inline');
      assert.deepStrictEqual(decodeDelta(inline.items), [...want.values()].flat(), JSON.stringify(params));
      // Asked again with its id, nothing changed: one run.
      const again = await server.connection.sendRequest<GroupsAnswer>('okr/objectiveGroups', {
        ...params,
        previousResultId: inline.resultId,
      });
      assert.deepStrictEqual(again.items, [[0, inline.items.length]]);
    }
    // Not a made-up case: the samples have two periods and several owners.
    assert.equal((await groups({ groupBy: 'period' })).length, 2);
    assert.ok((await groups({ groupBy: 'owner', period: '2027-Q1' })).length >= 1);
  });

  it(`splits a group of more than ${SPLIT_ABOVE} objectives by file, and answers an edit as a delta`, async () => {
    const uri = big();
    const text = objectivesFile(SPLIT_ABOVE + 10, 'Engineering');
    server.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
    await server.diagnostics(uri, 1);
    const engineering = { groupBy: 'owner' as const, group: 'Engineering', previousResultId: null };
    const split = await open(engineering);
    assert.ok('files' in split, 'the large group answers its files');
    // More groups than come inline (a team file each): the view gets the groups alone and asks
    // each as it opens.
    for (let i = 1; i <= INLINE_GROUPS; i++) {
      const team = pathToFileURL(path.join(dir, `team-${i}.okr.md`)).toString();
      server.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: team, languageId: 'markdown', version: 1, text: objectivesFile(1, `Team ${i}`) },
      });
      await server.diagnostics(team, 1);
    }
    const view = await server.connection.sendRequest<GroupsAnswer>('okr/objectiveGroups', {
      groupBy: 'owner',
      previousResultId: null,
    });
    assert.ok(view.groups.length > INLINE_GROUPS);
    assert.equal(view.items, undefined);
    assert.ok(view.groups.some((g) => g.value === 'Engineering'));
    assert.deepStrictEqual(
      split.files.map((f) => f.value),
      ['a-first.okr.md', 'departments/engineering.okr.md', 'people/big.okr.md'],
    );
    assert.equal(split.files[2].count, SPLIT_ABOVE + 10);
    // Grouped by file, the big file's group is one file: its objectives at once.
    const byFile = { groupBy: 'file' as const, group: 'people/big.okr.md', previousResultId: null };
    const first = await open(byFile);
    assert.ok('items' in first);
    const items = decodeDelta(first.items);
    assert.equal(items.length, SPLIT_ABOVE + 10);

    // One key result edited: one item in full, runs for the rest; decoded, the fresh list.
    const line = items[99].keyResults[0].line;
    server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character: 2 }, end: { line, character: 2 } }, text: '[x] ' }],
    });
    await server.diagnostics(uri, 2);
    const next = await open({ ...byFile, previousResultId: first.resultId });
    assert.ok('items' in next);
    assert.equal(next.items.filter((e) => !Array.isArray(e)).length, 1, JSON.stringify(next.items.slice(0, 5)));
    const fresh = await open(byFile);
    assert.ok('items' in fresh);
    assert.deepStrictEqual(decodeDelta(next.items, items), decodeDelta(fresh.items));
    assert.equal(decodeDelta(fresh.items)[99].keyResults[0].progress, 1);
  });

  it('answers the new-file wizard only what a file at that level may align to', async () => {
    const above = await server.connection.sendRequest<ObjectiveInfo[]>('okr/objectives', { above: 'department' });
    assert.deepStrictEqual([...new Set(above.map((o) => o.level))], ['company']);
    const forTeam = await server.connection.sendRequest<ObjectiveInfo[]>('okr/objectives', { above: 'team' });
    assert.deepStrictEqual([...new Set(forTeam.map((o) => o.level))].sort(), ['company', 'department']);
    // Nothing above the company: every objective, as before.
    assert.equal(
      (await server.connection.sendRequest<ObjectiveInfo[]>('okr/objectives', { above: 'company' })).length,
      (await flat()).length,
    );
  });
});
