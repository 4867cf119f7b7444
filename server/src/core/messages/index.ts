import type { Lang } from '../model';
import { en, type MessageKey } from './en';
import { vi } from './vi';
import { zhCn } from './zh-cn';

export type { MessageKey };
export type MessageParams = Record<string, string | number>;
/** UI locales: the editor's display language picks one. */
export type Locale = 'en' | 'vi' | 'zh-cn';

export const catalogs: Record<Locale, Record<MessageKey, string>> = { en, vi, 'zh-cn': zhCn };

export function localeOf(lang: Lang | string | undefined): Locale {
  const l = (lang ?? 'en').toLowerCase();
  if (l.startsWith('vi')) return 'vi';
  if (l.startsWith('zh')) return 'zh-cn';
  return 'en';
}

export function format(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogs[locale][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
