/**
 * The tool's words, from locales/<de|en>/central.json. A dozen lines of
 * lookup instead of i18next: the tool starts on every call and must be quick.
 */
import de from '../../locales/de/central.json';
import en from '../../locales/en/central.json';

export type Language = 'de' | 'en';

/** Every dotted path to a text in the English file: a mistyped key fails the typecheck. */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<typeof en>;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const TEXTS: Record<Language, unknown> = { de, en };

/** --lang wins; else the locale the shell runs in (LC_ALL overrides LANG); else English. */
export function pickLanguage(flag: string | undefined, env: NodeJS.ProcessEnv): Language {
  if (flag === 'de' || flag === 'en') return flag;
  const locale = env.LC_ALL || env.LANG || '';
  return locale.toLowerCase().startsWith('de') ? 'de' : 'en';
}

export function translator(language: Language): Translate {
  return (key, vars = {}) => {
    const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], TEXTS[language]);
    // A key missing in one language falls back to English rather than printing nothing.
    const found = typeof text === 'string' ? text : (key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en) as string);
    return found.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
}
