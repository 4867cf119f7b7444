// Small helpers shared by the rules.
import { detectLang } from '../lang/tables';
import type { Lang, Objective, OkrDocument } from '../model';
import type { RuleContext } from './types';

/** Objectives grouped by owner scope: each owner section, or the whole file. */
export function ownerScopes(doc: OkrDocument): { owner: string | null; objectives: Objective[] }[] {
  const groups = new Map<string, { owner: string | null; objectives: Objective[] }>();
  for (const o of doc.objectives) {
    const key = o.section ?? '';
    let g = groups.get(key);
    if (!g) {
      g = { owner: o.section, objectives: [] };
      groups.set(key, g);
    }
    g.objectives.push(o);
  }
  return [...groups.values()];
}

export function ownerLabel(ctx: RuleContext, owner: string | null): string {
  return owner ?? ctx.doc.owner ?? ctx.msg('owner.file');
}

export function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function words(v: unknown, fallback: string[]): string[] {
  return Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string' && w.trim() !== '') : fallback;
}

/** Words from `options.words` (all languages) or `options.words.<lang>`, else the built-in list. */
export function wordList(options: Record<string, unknown>, key: string, lang: Lang, fallback: string[]): string[] {
  const v = options[key];
  if (Array.isArray(v)) return words(v, fallback);
  if (v && typeof v === 'object') return words((v as Record<string, unknown>)[lang], fallback);
  return fallback;
}

/**
 * The word or phrase of `list` the text starts with, or null. Latin words must end at a word
 * boundary (`keep` does not match `keeper`); Chinese has no spaces, so a prefix is enough.
 */
export function startsWithWord(text: string, list: string[]): string | null {
  return wordAtStart(titleStart(text), list);
}

/**
 * The word of `list` the text starts with; failing that, unless `byLang` is null, the word of the list
 * of the text's own language (a team may mix languages).
 */
export function startsWithWordOrLang(
  text: string,
  list: string[],
  byLang: Record<Lang, string[]> | null,
): string | null {
  const start = titleStart(text);
  const word = wordAtStart(start, list);
  if (word !== null || !byLang) return word;
  // A word no language's list holds cannot be found in one of them: the language is not needed.
  if (wordAtStart(start, allWords(byLang)) === null) return null;
  return wordAtStart(start, byLang[detectLang(text)]);
}

interface TitleStart {
  t: string;
  lower: string;
}

function titleStart(text: string): TitleStart {
  const t = text
    .normalize('NFC')
    .trimStart()
    .replace(/^[*_~`"“'‘(（]+/, '');
  return { t, lower: t.toLowerCase() };
}

function wordAtStart({ t, lower }: TitleStart, list: string[]): string | null {
  let best: string | null = null;
  for (const { lw, isHan } of prepared(list).get(lower.charAt(0)) ?? NONE) {
    if (!lower.startsWith(lw)) continue;
    const next = t.slice(lw.length, lw.length + 1);
    if (!isHan && next && /[\p{L}\p{N}]/u.test(next)) continue;
    if (!best || lw.length > best.length) best = t.slice(0, lw.length);
  }
  return best;
}

const allLists = new WeakMap<Record<Lang, string[]>, string[]>();
function allWords(byLang: Record<Lang, string[]>): string[] {
  let all = allLists.get(byLang);
  if (!all) {
    all = [...byLang.en, ...byLang.vi, ...byLang.zh];
    allLists.set(byLang, all);
  }
  return all;
}

interface Prepared {
  lw: string;
  isHan: boolean;
}
const NONE: Prepared[] = [];

/**
 * Each list's words normalised once, not once per title (the lists are constants or built per
 * check), and grouped by first character: a title is compared only with the words it could start
 * with (in list order, so ties go the same way).
 */
const preparedLists = new WeakMap<string[], Map<string, Prepared[]>>();
function prepared(list: string[]): Map<string, Prepared[]> {
  let p = preparedLists.get(list);
  if (!p) {
    p = new Map();
    for (const w of list) {
      const lw = w.normalize('NFC').toLowerCase();
      const first = lw.charAt(0);
      let bucket = p.get(first);
      if (!bucket) p.set(first, (bucket = []));
      bucket.push({ lw, isHan: /\p{Script=Han}$/u.test(lw) });
    }
    preparedLists.set(list, p);
  }
  return p;
}

/** Shortens a title for a message. */
export function short(title: string, max = 80): string {
  return title.length > max ? `${title.slice(0, max - 1)}…` : title;
}
