/**
 * The SQLite-only part of family search: an FTS5 index with one document per
 * family. Domain code uses it through FamilySearchIndex; a PostgreSQL hub
 * would implement the same interface with its own full-text search.
 */
import { sql, type Kysely } from 'kysely';
import type { Tx } from '../schema';

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

export interface FamilySearchIndex {
  upsert(db: Tx, familyId: string, doc: SearchDocument): Promise<void>;
  remove(db: Tx, familyId: string): Promise<void>;
  /** Family ids, best first. */
  search(db: Tx, terms: SearchTerm[], limit: number): Promise<string[]>;
  /** Family ids with a name word starting with `word`, unranked (for very short input). */
  prefix(db: Tx, word: string, limit: number): Promise<string[]>;
  /** Indexed words that start with `first` and are `minLength`..`maxLength` long (for typo tolerance). */
  vocabulary(db: Tx, first: string, minLength: number, maxLength: number): Promise<string[]>;
}

/** Creates the FTS5 table (called from the migration that introduces families). */
export async function createFamilySearchTable(db: Kysely<unknown>): Promise<void> {
  // Prefix indexes for 2- and 3-letter prefixes keep "yi"… lookups cheap.
  await sql`CREATE VIRTUAL TABLE family_search USING fts5(family_id UNINDEXED, names, phonetic, other, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`.execute(db);
  // The list of indexed words, to find the names a mistyped word was meant to be.
  await sql`CREATE VIRTUAL TABLE family_search_vocab USING fts5vocab(family_search, 'col')`.execute(db);
}

function quote(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

/** FTS5 query: every term must match, by name prefix or by a phonetic key. */
export function buildMatch(terms: SearchTerm[]): string {
  return terms
    .map((term) => {
      const options = [`names:${quote(term.word)}*`, `other:${quote(term.word)}*`];
      for (const key of term.phonetic) options.push(`phonetic:${quote(key)}`);
      for (const alt of term.alternatives ?? []) options.push(`names:${quote(alt)}`);
      return `(${options.join(' OR ')})`;
    })
    .join(' AND ');
}

/** Ranking looks at this many matches at most: beyond it, more candidates cost time and tell little. */
const RANK_WINDOW = 300;

/**
 * Each family's document sits at a fixed integer rowid (families.search_rowid),
 * so replacing it is a lookup, not a scan of the UNINDEXED family_id column.
 */
async function searchRowid(db: Tx, familyId: string, assign: boolean): Promise<number | null> {
  const found = await sql<{ search_rowid: number | null }>`SELECT search_rowid FROM families WHERE id = ${familyId}`.execute(db);
  const existing = found.rows[0]?.search_rowid ?? null;
  if (existing !== null || !assign) return existing;
  const next = await sql<{ n: number }>`SELECT coalesce(max(search_rowid), 0) + 1 AS n FROM families`.execute(db);
  const rowid = next.rows[0]!.n;
  await sql`UPDATE families SET search_rowid = ${rowid} WHERE id = ${familyId}`.execute(db);
  return rowid;
}

export const sqliteFamilySearch: FamilySearchIndex = {
  async upsert(db, familyId, doc) {
    const rowid = (await searchRowid(db, familyId, true))!;
    await sql`DELETE FROM family_search WHERE rowid = ${rowid}`.execute(db);
    await sql`INSERT INTO family_search (rowid, family_id, names, phonetic, other) VALUES (${rowid}, ${familyId}, ${doc.names.join(' ')}, ${doc.phonetic.join(' ')}, ${doc.other.join(' ')})`.execute(db);
  },
  async remove(db, familyId) {
    const rowid = await searchRowid(db, familyId, false);
    if (rowid !== null) await sql`DELETE FROM family_search WHERE rowid = ${rowid}`.execute(db);
  },
  async search(db, terms, limit) {
    if (terms.length === 0) return [];
    // Names weigh most, phone and code next, sound-alike keys least; only a
    // window of matches is ranked, so a common prefix costs no more than a rare one.
    const rows = await sql<{ family_id: string }>`
      SELECT family_id FROM (
        SELECT family_id, bm25(family_search, 0, 10.0, 2.0, 6.0) AS score FROM family_search
        WHERE family_search MATCH ${buildMatch(terms)}
        LIMIT ${RANK_WINDOW}
      ) ORDER BY score LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => r.family_id);
  },
  async vocabulary(db, first, minLength, maxLength) {
    const rows = await sql<{ term: string }>`
      SELECT term FROM family_search_vocab
      WHERE term >= ${first} AND term < ${`${first}\uffff`} AND col = 'names'
        AND length(term) BETWEEN ${minLength} AND ${maxLength}`.execute(db);
    return rows.rows.map((r) => r.term);
  },
  async prefix(db, word, limit) {
    const rows = await sql<{ family_id: string }>`
      SELECT family_id FROM family_search WHERE family_search MATCH ${`names:${quote(word)}*`} LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => r.family_id);
  },
};
