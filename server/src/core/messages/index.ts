import type { Lang } from '../model';
import { en, type MessageKey as CoreKey } from './en';
import { vi } from './vi';
import { zhCn } from './zh-cn';
import { alignmentMessages } from './alignment';
import { authoringMessages } from './authoring';
import { progressMessages } from './progress';
import { rulesMessages } from './rules';

type KeysOf<M> = M extends { en: Record<infer K, string> } ? K : never;
export type MessageKey =
  | CoreKey
  | KeysOf<typeof rulesMessages>
  | KeysOf<typeof progressMessages>
  | KeysOf<typeof alignmentMessages>
  | KeysOf<typeof authoringMessages>;
export type MessageParams = Record<string, string | number>;
/** UI locales: the editor's display language picks one. */
export type Locale = 'en' | 'vi' | 'zh-cn';
export const LOCALES: readonly Locale[] = ['en', 'vi', 'zh-cn'];

const namespaces = [
  { en, vi, 'zh-cn': zhCn },
  rulesMessages,
  progressMessages,
  alignmentMessages,
  authoringMessages,
] as { en: Record<string, string>; vi: Record<string, string>; 'zh-cn': Record<string, string> }[];

export const catalogs: Record<Locale, Record<string, string>> = {
  en: Object.assign({}, ...namespaces.map((n) => n.en)),
  vi: Object.assign({}, ...namespaces.map((n) => n.vi)),
  'zh-cn': Object.assign({}, ...namespaces.map((n) => n['zh-cn'])),
};

export function localeOf(lang: Lang | string | undefined): Locale {
  const l = (lang ?? 'en').toLowerCase();
  if (l.startsWith('vi')) return 'vi';
  if (l.startsWith('zh')) return 'zh-cn';
  return 'en';
}

export function format(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogs[locale][key] ?? catalogs.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
