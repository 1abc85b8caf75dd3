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
}

export interface FamilySearchIndex {
  upsert(db: Tx, familyId: string, doc: SearchDocument): Promise<void>;
  remove(db: Tx, familyId: string): Promise<void>;
  /** Family ids, best first. */
  search(db: Tx, terms: SearchTerm[], limit: number): Promise<string[]>;
}

/** Creates the FTS5 table (called from the migration that introduces families). */
export async function createFamilySearchTable(db: Kysely<unknown>): Promise<void> {
  // Prefix indexes for 2- and 3-letter prefixes keep "yi"… lookups cheap.
  await sql`CREATE VIRTUAL TABLE family_search USING fts5(family_id UNINDEXED, names, phonetic, other, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`.execute(db);
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
      return `(${options.join(' OR ')})`;
    })
    .join(' AND ');
}

export const sqliteFamilySearch: FamilySearchIndex = {
  async upsert(db, familyId, doc) {
    await sql`DELETE FROM family_search WHERE family_id = ${familyId}`.execute(db);
    await sql`INSERT INTO family_search (family_id, names, phonetic, other) VALUES (${familyId}, ${doc.names.join(' ')}, ${doc.phonetic.join(' ')}, ${doc.other.join(' ')})`.execute(db);
  },
  async remove(db, familyId) {
    await sql`DELETE FROM family_search WHERE family_id = ${familyId}`.execute(db);
  },
  async search(db, terms, limit) {
    if (terms.length === 0) return [];
    // Names weigh most, phone and code next, sound-alike keys least.
    const rows = await sql<{ family_id: string }>`
      SELECT family_id FROM family_search
      WHERE family_search MATCH ${buildMatch(terms)}
      ORDER BY bm25(family_search, 0, 10.0, 2.0, 6.0)
      LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => r.family_id);
  },
};
