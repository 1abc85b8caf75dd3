/**
 * The command-line tools' words (`npm run central`, `npm run hub`), from
 * locales/<de|en>/<tool>.json. A dozen lines of lookup instead of i18next:
 * the tools start on every call and must be quick.
 */
export type Language = 'de' | 'en';

/** Every dotted path to a text in a locale file: a mistyped key fails the typecheck. */
export type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** --lang wins; else the locale the shell runs in (LC_ALL overrides LANG); else English. */
export function pickLanguage(flag: string | undefined, env: NodeJS.ProcessEnv): Language {
  if (flag === 'de' || flag === 'en') return flag;
  const locale = env.LC_ALL || env.LANG || '';
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/** A lookup in one language's texts; a key missing there falls back to English rather than printing nothing. */
export function translatorFor<K extends string>(texts: Record<Language, unknown>, language: Language): (key: K, vars?: Record<string, string | number>) => string {
  const find = (root: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], root);
  return (key, vars = {}) => {
    const text = find(texts[language], key);
    const found = typeof text === 'string' ? text : (find(texts.en, key) as string);
    return found.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}
