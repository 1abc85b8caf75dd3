/** UI languages of the staff interface; German is the default. */
export const UI_LANGUAGES = ['de', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: UiLanguage = 'de';

/** Namespaces under locales/<lng>/<namespace>.json. */
export const NAMESPACES = ['common', 'nav', 'errors', 'validation', 'main', 'session', 'admin', 'lists', 'families', 'passwords', 'casework', 'events', 'volunteering', 'reports'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}
