/** One message namespace: the English catalog fixes the keys, the others must have every one. */
export interface Messages<K extends string> {
  en: Record<K, string>;
  vi: Record<K, string>;
  'zh-cn': Record<K, string>;
}

export function defineMessages<T extends Record<string, string>>(
  en: T,
  vi: Record<keyof T, string>,
  zhCn: Record<keyof T, string>,
): Messages<Extract<keyof T, string>> {
  return { en, vi, 'zh-cn': zhCn } as Messages<Extract<keyof T, string>>;
}
