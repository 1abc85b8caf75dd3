/** The central tool's words, from locales/<de|en>/central.json (see tools/cli/messages.ts). */
import de from '../../locales/de/central.json';
import en from '../../locales/en/central.json';
import { translatorFor, type Language, type Leaves } from '../cli/messages';

export { pickLanguage, type Language } from '../cli/messages';
export type MessageKey = Leaves<typeof en>;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  return translatorFor<MessageKey>({ de, en }, language);
}
