import { sqliteFamilySearch, type FamilySearchIndex, type SearchDocument, type SearchTerm } from '../db/sqlite/family-search';
import { foldName, koelnerPhonetik, nameWords, phoneKey, skeletonKey } from './normalize';

/** The index implementation in use; the PostgreSQL hub will bring its own. */
export const familySearchIndex: FamilySearchIndex = sqliteFamilySearch;

export interface IndexedFamily {
  displayName: string;
  code: string;
  phone?: string | null;
  members: { firstName: string; lastName: string }[];
}

/** Words this short get no sound-alike keys: they would match a large share of all names. */
const MIN_PHONETIC_LENGTH = 4;

function phoneticKeys(word: string, minLength = 3): string[] {
  if (word.length < minLength || /\d/.test(word)) return [];
  const keys: string[] = [];
  const koeln = koelnerPhonetik(word);
  const skeleton = skeletonKey(word);
  if (koeln.length >= 2) keys.push(`k${koeln}`);
  if (skeleton.length >= 2) keys.push(`s${skeleton}`);
  return keys;
}

/** What the index stores for a family: folded names, sound-alike keys, phone and code. */
export function searchDocument(family: IndexedFamily): SearchDocument {
  const words = new Set<string>();
  for (const source of [family.displayName, ...family.members.flatMap((m) => [m.firstName, m.lastName])]) {
    for (const word of nameWords(source)) words.add(word);
  }
  const phonetic = new Set<string>();
  for (const word of words) for (const key of phoneticKeys(word)) phonetic.add(key);
  const other = [family.code.toLowerCase()];
  if (family.phone) {
    const digits = phoneKey(family.phone);
    if (digits) other.push(digits, digits.replace(/^0/, ''));
  }
  return { names: [...words], phonetic: [...phonetic], other };
}

/** Splits what was typed into search terms; digits in a phone number are joined. */
export function searchTerms(query: string): SearchTerm[] {
  const trimmed = query.trim();
  if (/^[+\d][\d\s/()-]{2,}$/.test(trimmed)) {
    const digits = phoneKey(trimmed);
    return digits ? [{ word: digits.replace(/^0/, ''), phonetic: [] }] : [];
  }
  return nameWords(trimmed).map((word) => ({ word, phonetic: phoneticKeys(word, MIN_PHONETIC_LENGTH) }));
}

/** Folded form of a family name, for the one-letter listing. */
export function nameFold(displayName: string): string {
  return foldName(displayName);
}
