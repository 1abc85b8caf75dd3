/**
 * The family search as the families area needs it. Each database brings its
 * own implementation (SQLite: FTS5; PostgreSQL: pg_trgm), handed in by the
 * core's composition root; domain code never knows which one runs.
 */
import type { Tx } from '../db/schema';

export interface SearchDocument {
  /** Folded words of every name (family and members). */
  names: string[];
  /** Phonetic keys: "k" + Kölner Phonetik, "s" + consonant skeleton. */
  phonetic: string[];
  /** Phone digits and the family code, folded. */
  other: string[];
}

export interface SearchTerm {
  /** Folded word typed by the user; matched as a prefix. */
  word: string;
  /** Phonetic keys of that word; matched exactly. */
  phonetic: string[];
  /** Known name words close to a mistyped word; matched exactly. */
  alternatives?: string[];
}

/**
 * What a search may match: `all` (the front desk) also finds phone digits and
 * codes by prefix; `names` (the counter) only names and sound-alikes — an event
 * host finds a family by name or by its whole code (a lookup of its own), and
 * on the hub the host's login cannot read the phone digits at all.
 */
export type SearchScope = 'all' | 'names';

/** How much each kind of match weighs in the ranking, the same on every database. */
export const SEARCH_WEIGHTS = { names: 10, other: 6, phonetic: 2 } as const;

/** Ranking looks at this many matches at most: beyond it, more candidates cost time and tell little. */
export const RANK_WINDOW = 300;

export interface FamilySearchIndex {
  upsert(db: Tx, familyId: string, doc: SearchDocument): Promise<void>;
  /** A new family's first document (intake: the writer need not read or lock what is there). */
  insert(db: Tx, familyId: string, doc: SearchDocument): Promise<void>;
  remove(db: Tx, familyId: string): Promise<void>;
  /** Family ids, best first: every term must match, by name prefix, phone/code prefix (scope `all`) or sound-alike key. */
  search(db: Tx, terms: SearchTerm[], limit: number, scope?: SearchScope): Promise<string[]>;
  /** Family ids with a name word starting with `word`, unranked (for very short input). */
  prefix(db: Tx, word: string, limit: number): Promise<string[]>;
  /**
   * Indexed name words that could be `word` with up to `maxEdits` typos
   * (same first letter, length within reach); the caller measures the distance.
   */
  nearWords(db: Tx, word: string, maxEdits: number): Promise<string[]>;
  /** Empties the index (before it is built anew from the rows: a restore leaves no family of the present behind in it). */
  clear(db: Tx): Promise<void>;
}
