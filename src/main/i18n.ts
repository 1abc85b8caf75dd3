import i18next, { type i18n } from 'i18next';
import deMain from '../../locales/de/main.json';
import enMain from '../../locales/en/main.json';
import { DEFAULT_LANGUAGE, type UiLanguage } from '../shared/i18n';

/** Main's own translator, for the window title and the menu. */
export function createMainI18n(language: UiLanguage = DEFAULT_LANGUAGE): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    ns: ['main'],
    defaultNS: 'main',
    resources: { de: { main: deMain }, en: { main: enMain } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}
