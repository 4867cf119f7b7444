// Small helpers shared by the rules.
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
  const t = text
    .normalize('NFC')
    .trimStart()
    .replace(/^[*_~`"“'‘(（]+/, '');
  const lower = t.toLowerCase();
  let best: string | null = null;
  for (const w of list) {
    const lw = w.normalize('NFC').toLowerCase();
    if (!lower.startsWith(lw)) continue;
    const next = t.slice(lw.length, lw.length + 1);
    const isHan = /\p{Script=Han}$/u.test(lw);
    if (!isHan && next && /[\p{L}\p{N}]/u.test(next)) continue;
    if (!best || lw.length > best.length) best = t.slice(0, lw.length);
  }
  return best;
}

/** Shortens a title for a message. */
export function short(title: string, max = 80): string {
  return title.length > max ? `${title.slice(0, max - 1)}…` : title;
}
