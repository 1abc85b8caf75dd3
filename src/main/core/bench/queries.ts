/**
 * The search query mix of search_p95_ms, search_vs_fts5_ratio and
 * search_top3_rate: one-letter queries, prefixes, full names, misspellings
 * and transliterations of names in the seeded data. Deterministic (seeded).
 */
import { foldName } from '../families/normalize';
import { Rng } from '../seed/random';
import type { FamilyFixture } from './fixture';

export const CATEGORIES = ['one_letter', 'prefix', 'full_name', 'misspelling', 'transliteration'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABEL: Record<Category, string> = {
  one_letter: '1-letter',
  prefix: 'prefix',
  full_name: 'full name',
  misspelling: 'misspelling',
  transliteration: 'transliteration',
};

export interface BenchQuery {
  text: string;
  category: Category;
  /** For a misspelling: the real name it was made from (what the user meant). */
  meant?: string;
}

/** Spellings people type for names stored in another spelling (or with letters they cannot type). */
const TRANSLITERATIONS = [
  'yilmaz', 'mueller', 'muhammad', 'alexander', 'elena', 'kowalenko', 'sahin', 'celik', 'ozturk', 'oeztuerk',
  'iwanow', 'petrow', 'kusnezow', 'schewtschenko', 'tkatschenko', 'krawtschenko', 'ayse', 'mehmed', 'huseyin',
  'youssef', 'yusuf', 'natalja', 'dmitrij', 'aleksandr', 'olena', 'andrij', 'irina', 'nuri', 'dogan', 'kilic',
  'aydin', 'mohamed', 'maryam', 'umar', 'aischa', 'stefan', 'razvan', 'gezim', 'hodscha', 'schaefer', 'weiss',
  'krueger', 'jaeger', 'guenes', 'oezdemir', 'yildiz', 'wolodymyr', 'jurij', 'swetlana', 'jekaterina',
  'yilmaz ayse', 'mohammed fatima', 'kowalenko olena', 'iwanowa natalja', 'sahin elif', 'ahmed omar',
];
/** Typical slips, one letter wrong or missing, with the name meant. */
const MISSPELLINGS: readonly (readonly [typed: string, meant: string])[] = [
  ['Schmitt', 'Schmidt'], ['Muller', 'Müller'], ['Shmidt', 'Schmidt'], ['Hofman', 'Hofmann'], ['Yilmas', 'Yılmaz'],
  ['Mohamad', 'Mohammad'], ['Berischa', 'Berisha'], ['Popesku', 'Popescu'], ['Schneidr', 'Schneider'], ['Wagnar', 'Wagner'],
];

function capitalize(word: string): string {
  return word.charAt(0).toLocaleUpperCase('de') + word.slice(1);
}

/** The first n letters as typed (code points, so Ş and ı count as one). */
function prefix(name: string, n: number): string {
  return Array.from(name).slice(0, n).join('');
}

/** One letter replaced by another (never the first, never the same letter). */
function misspell(rng: Rng, name: string): string {
  const letters = Array.from(name);
  const at = rng.int(1, letters.length - 2);
  const pool = 'aeiourstnlmkdhbgz'.replace(letters[at]!.toLowerCase(), '');
  letters[at] = pool.charAt(rng.int(0, pool.length - 1));
  return letters.join('');
}

export interface Person {
  first: string;
  last: string;
}

/** The seeded members' names (on the single PC; the hub's twins read the same columns). */
export function seededPeople(fixture: FamilyFixture): Person[] {
  return fixture.bare.prepare('SELECT first_name AS first, last_name AS last FROM members').all() as Person[];
}

/**
 * People drawn at random from the seeded members. Sorted by name first (code
 * units, not a collation), so that both databases, seeded alike, give the same draw.
 */
function samplePeople(seeded: readonly Person[], rng: Rng, count: number): Person[] {
  const key = (p: Person) => `${p.last}\u0000${p.first}`;
  const sorted = [...seeded].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return Array.from({ length: count }, () => sorted[rng.int(1, sorted.length) - 1]!);
}

/** About 560 queries: 60 one-letter, 240 prefixes, 100 full names, 80 misspellings, 80 transliterations. */
export function buildQueries(seeded: readonly Person[]): BenchQuery[] {
  const rng = new Rng(0x9e37);
  const people = samplePeople(seeded, rng, 600);
  const person = () => rng.pick(people);
  const typed = (text: string) => (rng.chance(0.5) ? text.toLocaleLowerCase('de') : text);
  const queries: BenchQuery[] = [];
  const add = (category: Category, text: string, meant?: string) => queries.push({ category, text, ...(meant ? { meant } : {}) });

  for (let i = 0; i < 60; i += 1) add('one_letter', typed(prefix(person().last, 1)));
  for (const n of [2, 3, 4]) {
    for (let i = 0; i < 80; i += 1) {
      const p = person();
      add('prefix', typed(prefix(rng.chance(0.6) ? p.last : p.first, n)));
    }
  }
  for (const text of ['yilmaz ayse', 'Mohammed', 'Müller Anna', 'Kowalenko Olena']) add('full_name', text);
  for (let i = 0; i < 32; i += 1) add('full_name', person().last);
  for (let i = 0; i < 32; i += 1) {
    const p = person();
    add('full_name', foldName(`${p.last} ${p.first}`));
  }
  for (let i = 0; i < 32; i += 1) {
    const p = person();
    add('full_name', `${p.first} ${p.last}`);
  }
  for (const [text, meant] of MISSPELLINGS) add('misspelling', text, meant);
  const longNames = people.map((p) => p.last).filter((name) => Array.from(name).length >= 5 && !/[\s-]/.test(name));
  while (queries.filter((q) => q.category === 'misspelling').length < 80) {
    const meant = rng.pick(longNames);
    add('misspelling', misspell(rng, meant), meant);
  }
  for (let i = 0; i < 80; i += 1) {
    const text = TRANSLITERATIONS[i % TRANSLITERATIONS.length]!;
    add('transliteration', i < TRANSLITERATIONS.length ? text : capitalize(text));
  }
  return queries;
}

/** What a bare FTS5 query looks for: every folded word as a prefix. */
export function bareMatch(query: string): string | null {
  const words = foldName(query).split(' ').filter(Boolean);
  if (words.join('').length < 2) return null;
  return words.map((w) => `"${w}"*`).join(' AND ');
}
