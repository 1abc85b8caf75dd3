import type { Tx } from '../db/schema';
import { editDistance, koelnerPhonetik, nameWords, phoneKey, skeletonKey } from './normalize';
import type { FamilySearchIndex, SearchDocument, SearchTerm } from './search-index';

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

/** Words this long may carry one typo (two from eight letters on). */
const MIN_TYPO_LENGTH = 4;

/**
 * When nothing matched: adds, for each word of four letters or more, the
 * indexed name words within one or two typos (same first letter), so
 * "Schmiedt" or "Yilmas" still find the family.
 */
export async function withTypoAlternatives(db: Tx, index: FamilySearchIndex, terms: SearchTerm[]): Promise<SearchTerm[] | null> {
  let changed = false;
  const out: SearchTerm[] = [];
  for (const term of terms) {
    if (term.word.length < MIN_TYPO_LENGTH || /\d/.test(term.word)) {
      out.push(term);
      continue;
    }
    const max = term.word.length >= 8 ? 2 : 1;
    const vocab = await index.nearWords(db, term.word, max);
    const alternatives = vocab.filter((w) => w !== term.word && editDistance(term.word, w, max) <= max).slice(0, 20);
    if (alternatives.length > 0) changed = true;
    out.push({ ...term, alternatives });
  }
  return changed ? out : null;
}
