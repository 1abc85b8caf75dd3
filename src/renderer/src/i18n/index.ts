import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import deAdmin from '../../../../locales/de/admin.json';
import deCasework from '../../../../locales/de/casework.json';
import enCasework from '../../../../locales/en/casework.json';
import deEvents from '../../../../locales/de/events.json';
import enEvents from '../../../../locales/en/events.json';
import deVolunteering from '../../../../locales/de/volunteering.json';
import enVolunteering from '../../../../locales/en/volunteering.json';
import deReports from '../../../../locales/de/reports.json';
import enReports from '../../../../locales/en/reports.json';
import deCommon from '../../../../locales/de/common.json';
import deFamilies from '../../../../locales/de/families.json';
import deLists from '../../../../locales/de/lists.json';
import deErrors from '../../../../locales/de/errors.json';
import deMain from '../../../../locales/de/main.json';
import deNav from '../../../../locales/de/nav.json';
import dePasswords from '../../../../locales/de/passwords.json';
import deSession from '../../../../locales/de/session.json';
import deValidation from '../../../../locales/de/validation.json';
import enAdmin from '../../../../locales/en/admin.json';
import enCommon from '../../../../locales/en/common.json';
import enFamilies from '../../../../locales/en/families.json';
import enLists from '../../../../locales/en/lists.json';
import enErrors from '../../../../locales/en/errors.json';
import enMain from '../../../../locales/en/main.json';
import enNav from '../../../../locales/en/nav.json';
import enPasswords from '../../../../locales/en/passwords.json';
import enSession from '../../../../locales/en/session.json';
import enValidation from '../../../../locales/en/validation.json';
import { DEFAULT_LANGUAGE, NAMESPACES, type UiLanguage } from '../../../shared/i18n';

export const resources = {
  de: { common: deCommon, nav: deNav, errors: deErrors, validation: deValidation, main: deMain, session: deSession, admin: deAdmin, lists: deLists, families: deFamilies, passwords: dePasswords, casework: deCasework, events: deEvents, volunteering: deVolunteering, reports: deReports },
  en: { common: enCommon, nav: enNav, errors: enErrors, validation: enValidation, main: enMain, session: enSession, admin: enAdmin, lists: enLists, families: enFamilies, passwords: enPasswords, casework: enCasework, events: enEvents, volunteering: enVolunteering, reports: enReports },
} as const;

/** A fresh i18next instance per app start (and per UI test). */
export function createI18n(language: UiLanguage = DEFAULT_LANGUAGE): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    ns: [...NAMESPACES],
    defaultNS: 'common',
    resources,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

/** Locale-aware formatting of dates and numbers, for the current UI language. */
export function formatDate(language: string, date: Date, options?: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(language, options ?? { dateStyle: 'medium' }).format(date);
}

export function formatNumber(language: string, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(language, options).format(value);
}
