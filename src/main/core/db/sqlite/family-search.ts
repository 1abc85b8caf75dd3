/**
 * The SQLite side of family search: an FTS5 index with one document per
 * family, behind the families area's FamilySearchIndex.
 */
import { sql, type Kysely } from 'kysely';
import { RANK_WINDOW, SEARCH_WEIGHTS, type FamilySearchIndex, type SearchScope, type SearchTerm } from '../../families/search-index';
import type { Tx } from '../schema';

/** Creates the FTS5 tables (called from the migration that introduces families). */
export async function createFamilySearchTables(db: Kysely<unknown>): Promise<void> {
  // Prefix indexes for 2- and 3-letter prefixes keep "yi"… lookups cheap.
  await sql`CREATE VIRTUAL TABLE family_search USING fts5(family_id UNINDEXED, names, phonetic, other, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`.execute(db);
  // The list of indexed words, to find the names a mistyped word was meant to be.
  await sql`CREATE VIRTUAL TABLE family_search_vocab USING fts5vocab(family_search, 'col')`.execute(db);
  await createSearchRowids(db);
}

/**
 * Each family's document sits at a fixed integer rowid, so replacing it is a
 * lookup, not a scan of the UNINDEXED family_id column.
 */
export async function createSearchRowids(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE family_search_rowids (rowid INTEGER PRIMARY KEY, family_id TEXT NOT NULL UNIQUE REFERENCES families(id) ON DELETE CASCADE)`.execute(db);
}

function quote(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

/** FTS5 query: every term must match, by name prefix, phone/code prefix (scope `all`) or a phonetic key. */
export function buildMatch(terms: SearchTerm[], scope: SearchScope = 'all'): string {
  return terms
    .map((term) => {
      const options = [`names:${quote(term.word)}*`, ...(scope === 'all' ? [`other:${quote(term.word)}*`] : [])];
      for (const key of term.phonetic) options.push(`phonetic:${quote(key)}`);
      for (const alt of term.alternatives ?? []) options.push(`names:${quote(alt)}`);
      return `(${options.join(' OR ')})`;
    })
    .join(' AND ');
}

/** The document's rowid; `assign` gives a family without one the next free rowid. */
async function searchRowid(db: Tx, familyId: string, assign: boolean): Promise<number | null> {
  if (assign) await sql`INSERT INTO family_search_rowids (family_id) VALUES (${familyId}) ON CONFLICT (family_id) DO NOTHING`.execute(db);
  const found = await sql<{ rowid: number }>`SELECT rowid FROM family_search_rowids WHERE family_id = ${familyId}`.execute(db);
  return found.rows[0]?.rowid ?? null;
}

export const sqliteFamilySearch: FamilySearchIndex = {
  async upsert(db, familyId, doc) {
    const rowid = (await searchRowid(db, familyId, true))!;
    await sql`DELETE FROM family_search WHERE rowid = ${rowid}`.execute(db);
    await sql`INSERT INTO family_search (rowid, family_id, names, phonetic, other) VALUES (${rowid}, ${familyId}, ${doc.names.join(' ')}, ${doc.phonetic.join(' ')}, ${doc.other.join(' ')})`.execute(db);
  },
  async insert(db, familyId, doc) {
    await sqliteFamilySearch.upsert(db, familyId, doc);
  },
  async remove(db, familyId) {
    const rowid = await searchRowid(db, familyId, false);
    if (rowid === null) return;
    await sql`DELETE FROM family_search WHERE rowid = ${rowid}`.execute(db);
    await sql`DELETE FROM family_search_rowids WHERE rowid = ${rowid}`.execute(db);
  },
  async search(db, terms, limit, scope = 'all') {
    if (terms.length === 0) return [];
    // bm25 takes one weight per column, in the table's order (family_id, names, phonetic, other).
    // Names weigh most, phone and code next, sound-alike keys least; only a
    // window of matches is ranked, so a common prefix costs no more than a rare one.
    const rows = await sql<{ family_id: string }>`
      SELECT family_id FROM (
        SELECT family_id, bm25(family_search, 0, ${SEARCH_WEIGHTS.names}, ${SEARCH_WEIGHTS.phonetic}, ${SEARCH_WEIGHTS.other}) AS score FROM family_search
        WHERE family_search MATCH ${buildMatch(terms, scope)}
        LIMIT ${RANK_WINDOW}
      ) ORDER BY score LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => r.family_id);
  },
  async clear(db) {
    await sql`DELETE FROM family_search`.execute(db);
    await sql`DELETE FROM family_search_rowids`.execute(db);
  },
  async nearWords(db, word, maxEdits) {
    const first = word[0] ?? '';
    const rows = await sql<{ term: string }>`
      SELECT term FROM family_search_vocab
      WHERE term >= ${first} AND term < ${`${first}\uffff`} AND col = 'names'
        AND length(term) BETWEEN ${word.length - maxEdits} AND ${word.length + maxEdits}`.execute(db);
    return rows.rows.map((r) => r.term);
  },
  async prefix(db, word, limit) {
    const rows = await sql<{ family_id: string }>`
      SELECT family_id FROM family_search WHERE family_search MATCH ${`names:${quote(word)}*`} LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => r.family_id);
  },
};
