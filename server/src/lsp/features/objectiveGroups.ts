// `okr/objectiveGroups`: the Objectives view by group. Without `group`: the groups (the objectives'
// owners, files or periods, after the filters) and how many objectives each holds; asked with
// `previousResultId` (the view), up to INLINE_GROUPS groups and INLINE_OBJECTIVES objectives come
// with every objective in them, as a delta against the last such answer (objectivesDelta.ts), so a
// small workspace costs one request per refresh. Beyond that the view asks each group as it opens
// (`group`), and a group of more than SPLIT_ABOVE objectives answers its files first. The whole list
// of 50,000 objectives took 2.6 s, 49 MB of JSON and 120 MB of the server's heap for as long as it ran.
import type { Objective, OkrDocument } from '../../core/model';
import type { WorkspaceIndex } from '../../core/workspace/index';
import { relativeFile } from '../../core/workspace/views';
import type { ServerFeature } from '../context';
import { ObjectiveItemCache, objectiveInfos, type ObjectiveInfo } from './objectives';
import { DeltaAnswers, linesMoved, type DeltaAnswer } from './objectivesDelta';

export const OBJECTIVE_GROUPS_REQUEST = 'okr/objectiveGroups';

export type GroupBy = 'owner' | 'file' | 'period';

export interface ObjectiveGroupsParams {
  groupBy?: GroupBy;
  /** Only objectives of this period (the `period` front matter as written). */
  period?: string;
  /** Only objectives of this owner. */
  owner?: string;
  /** A group's `value` from an earlier answer (null: the objectives without one): its objectives. */
  group?: string | null;
  /** With `group`: only that group's objectives in this file (a group split by file, see below). */
  file?: string;
  /**
   * The `resultId` of the last answer to the same params the asker kept (null the first time).
   * Without `group`, naming it asks the groups as the view does (`GroupsAnswer`).
   */
  previousResultId?: string | null;
}

export interface ObjectiveGroup {
  /** The owner, file (relative to its workspace folder) or period; null for objectives without one. */
  value: string | null;
  count: number;
}

/** A group of more objectives than this is answered as its files first (`{ files }`), then each file's. */
export const SPLIT_ABOVE = 200;

/**
 * Up to this many groups and objectives, the groups come with every objective in them (`items`):
 * one request per refresh, as before the view asked by group, and the groups are shown open.
 */
export const INLINE_GROUPS = 20;
export const INLINE_OBJECTIVES = 5000;

/**
 * The groups asked with `previousResultId` (the view): with `items`, every objective of every
 * group, group after group in the order of `groups` (each group's `count` of them), as a delta
 * against the asker's last answer; without, the view asks each group as it opens.
 */
export type GroupsAnswer = { groups: ObjectiveGroup[] } & Partial<DeltaAnswer<ObjectiveInfo>>;

/** The answer for a group: its objectives, or its files when it holds more than SPLIT_ABOVE. */
export type GroupAnswer = DeltaAnswer<ObjectiveInfo> | { files: ObjectiveGroup[] };

/**
 * The groups, in the order of their first objective by file (URI, as the view sorts) and line. Empty
 * groups are not listed. With `group`, the files of that group instead, in the same order.
 */
export function objectiveGroups(
  index: WorkspaceIndex,
  folders: string[],
  params: ObjectiveGroupsParams,
): ObjectiveGroup[] {
  const out = new Map<string | null, number>();
  const counts = counter(params, folders);
  const group = params.group ?? null;
  for (const doc of sortedDocs(index)) {
    const mine = counts(doc);
    if (!('group' in params)) {
      for (const [k, n] of mine) out.set(k, (out.get(k) ?? 0) + n);
      continue;
    }
    const n = mine.get(group);
    if (n) {
      const file = relativeFile(doc.uri, folders);
      out.set(file, (out.get(file) ?? 0) + n);
    }
  }
  return [...out].map(([value, count]) => ({ value, count }));
}

/** The objectives of one group (`params.group`, and `params.file` when given), in file and line order. */
export function groupObjectives(
  index: WorkspaceIndex,
  today: string,
  folders: string[],
  cache: ObjectiveItemCache,
  params: ObjectiveGroupsParams,
): ObjectiveInfo[] {
  const counts = counter(params, folders);
  const group = params.group ?? null;
  // Only files with an objective of the group: every item built reads its file's facts first.
  const docs = sortedDocs(index).filter(
    (d) => counts(d).has(group) && (typeof params.file !== 'string' || relativeFile(d.uri, folders) === params.file),
  );
  return objectiveInfos(index, today, folders, cache, docs, filter(params, folders));
}

/**
 * Each document's groups under the params' grouping and filters (how many of its objectives have
 * each key), remembered per document object for the last grouping asked: a keystroke replaces one
 * document, so a refresh of the view counts one file again, not 10,000 (30-50 ms with 50,000
 * objectives).
 */
const counted = new WeakMap<OkrDocument, { key: string; counts: Map<string | null, number> }>();

function counter(params: ObjectiveGroupsParams, folders: string[]): (doc: OkrDocument) => Map<string | null, number> {
  const grouping = { groupBy: params.groupBy, period: params.period, owner: params.owner };
  const key = JSON.stringify([grouping, folders]);
  const keep = filter(grouping, folders);
  const keyOf = groupKey(params.groupBy, folders);
  return (doc) => {
    const was = counted.get(doc);
    if (was?.key === key) return was.counts;
    const counts = new Map<string | null, number>();
    for (const o of doc.objectives) {
      if (!keep(doc, o)) continue;
      const k = keyOf(doc, o);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    counted.set(doc, { key, counts });
    return counts;
  };
}

/**
 * What a group answers when opened: its files when it holds more than SPLIT_ABOVE objectives
 * (tens of thousands of objectives in one list are of no use to anyone), else its objectives.
 * A file group, or a file of a split group, answers its objectives however many.
 */
export function openGroup(
  index: WorkspaceIndex,
  today: string,
  folders: string[],
  cache: ObjectiveItemCache,
  params: ObjectiveGroupsParams,
): ObjectiveInfo[] | { files: ObjectiveGroup[] } {
  if (params.groupBy !== 'file' && typeof params.file !== 'string') {
    const files = objectiveGroups(index, folders, params);
    if (files.reduce((n, f) => n + f.count, 0) > SPLIT_ABOVE) return { files };
  }
  return groupObjectives(index, today, folders, cache, params);
}

/** The groups as the view gets them: with every objective in them when there are few (see INLINE_GROUPS). */
export function groupsForView(
  index: WorkspaceIndex,
  today: string,
  folders: string[],
  cache: ObjectiveItemCache,
  params: ObjectiveGroupsParams,
): { groups: ObjectiveGroup[]; items?: ObjectiveInfo[] } {
  const groups = objectiveGroups(index, folders, params);
  const count = groups.reduce((n, g) => n + g.count, 0);
  if (groups.length > INLINE_GROUPS || count > INLINE_OBJECTIVES) return { groups };
  return { groups, items: groupedObjectives(index, today, folders, cache, params, groups) };
}

/** Every objective the params keep, group after group (`groups`' order), each group in file and line order. */
export function groupedObjectives(
  index: WorkspaceIndex,
  today: string,
  folders: string[],
  cache: ObjectiveItemCache,
  params: ObjectiveGroupsParams,
  groups: ObjectiveGroup[],
): ObjectiveInfo[] {
  const keep = filter(params, folders);
  const all = objectiveInfos(index, today, folders, cache, sortedDocs(index), keep);
  const field = params.groupBy === 'file' ? 'file' : params.groupBy === 'period' ? 'period' : 'owner';
  const byGroup = new Map<string | null, ObjectiveInfo[]>(groups.map((g) => [g.value, []]));
  for (const o of all) byGroup.get(o[field])?.push(o);
  return [...byGroup.values()].flat();
}

/** What the params keep: the filters, and with `group` (and `file`) that group's (and file's) objectives. */
function filter(params: ObjectiveGroupsParams, folders: string[]): (doc: OkrDocument, o: Objective) => boolean {
  const inGroup = 'group' in params ? groupKey(params.groupBy, folders) : null;
  const group = params.group ?? null;
  const file = typeof params.file === 'string' && inGroup ? fileKey(folders) : null;
  return (doc, o) =>
    (typeof params.period !== 'string' || doc.period?.text === params.period) &&
    (typeof params.owner !== 'string' || o.owner === params.owner) &&
    (!inGroup || inGroup(doc, o) === group) &&
    (!file || file(doc) === params.file);
}

function groupKey(groupBy: GroupBy | undefined, folders: string[]): (doc: OkrDocument, o: Objective) => string | null {
  if (groupBy === 'file') return fileKey(folders);
  if (groupBy === 'period') return (doc) => doc.period?.text ?? null;
  return (_doc, o) => o.owner;
}

function fileKey(folders: string[]): (doc: OkrDocument) => string {
  // Asked once per objective: the file's path made once per file.
  let last: OkrDocument | null = null;
  let file = '';
  return (doc) => {
    if (doc !== last) {
      last = doc;
      file = relativeFile(doc.uri, folders);
    }
    return file;
  };
}

// The same order as String.prototype.localeCompare (no locale, no options), at a fraction of the cost.
const byUri = new Intl.Collator().compare;

/**
 * Where each indexed file goes in URI order, by index key. Sorted again only when files were
 * added or removed: a keystroke replaces a document under the same key.
 */
const orders = new WeakMap<WorkspaceIndex, { keys: string[]; rank: Map<string, number> }>();

/** The index's documents by URI. */
function sortedDocs(index: WorkspaceIndex): OkrDocument[] {
  const entries = index.entries();
  let order = orders.get(index);
  if (!order || !sameKeys(order.keys, entries)) {
    const keys = entries.map(([k]) => k);
    const byPlace = [...entries].sort((a, b) => byUri(a[1].uri, b[1].uri));
    order = { keys, rank: new Map(byPlace.map(([k], i) => [k, i])) };
    orders.set(index, order);
  }
  const docs = new Array<OkrDocument>(entries.length);
  for (const [k, doc] of entries) docs[order.rank.get(k)!] = doc;
  return docs;
}

function sameKeys(keys: readonly string[], entries: readonly [string, OkrDocument][]): boolean {
  if (keys.length !== entries.length) return false;
  for (let i = 0; i < keys.length; i++) if (keys[i] !== entries[i][0]) return false;
  return true;
}

export const objectiveGroupsFeature: ServerFeature = {
  register(ctx) {
    const cache = new ObjectiveItemCache();
    // The view asks again for every group it shows open after each change: their last answers are
    // the bases of the next deltas. Bounded; a group whose base is gone gets its items in full.
    const answers = new DeltaAnswers<ObjectiveInfo>(64, linesMoved);
    // The groups with their objectives inline: the last two, as `okr/objectives` keeps.
    const inline = new DeltaAnswers<ObjectiveInfo>(2, linesMoved);
    ctx.connection.onRequest<ObjectiveGroup[] | GroupsAnswer | GroupAnswer, never>(
      OBJECTIVE_GROUPS_REQUEST,
      (params: ObjectiveGroupsParams | null | undefined) => {
        const p = params ?? {};
        if (!('group' in p)) {
          if (!('previousResultId' in p)) return objectiveGroups(ctx.index, ctx.folders(), p);
          const { groups, items } = groupsForView(ctx.index, ctx.today(), ctx.folders(), cache, p);
          return items ? { groups, ...inline.answer(items, p.previousResultId) } : { groups };
        }
        const items = openGroup(ctx.index, ctx.today(), ctx.folders(), cache, p);
        if ('files' in items) return items;
        return answers.answer(items, p.previousResultId);
      },
    );
  },
};
