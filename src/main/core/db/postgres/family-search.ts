/**
 * The PostgreSQL side of family search: one row per family with the same
 * folded words and phonetic keys as the SQLite FTS5 index, matched through
 * pg_trgm's GIN indexes (LIKE on word boundaries) and ranked with the same
 * weights. Typo tolerance asks pg_trgm for rows with a similar word.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { RANK_WINDOW, SEARCH_WEIGHTS, type FamilySearchIndex, type SearchTerm } from '../../families/search-index';

/** Words are stored between spaces, so " word" is a word start and " word " a whole word. */
const spaced = (words: string[]) => ` ${words.join(' ')} `;

export async function createFamilySearchTables(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`CREATE TABLE family_search (
    family_id text PRIMARY KEY REFERENCES families(id) ON DELETE CASCADE,
    names text NOT NULL,
    phonetic text NOT NULL,
    other text NOT NULL
  )`.execute(db);
  for (const column of ['names', 'phonetic', 'other']) {
    await sql`CREATE INDEX ${sql.id(`family_search_${column}_trgm`)} ON family_search USING gin (${sql.id(column)} gin_trgm_ops)`.execute(db);
  }
}

/** A LIKE pattern for words that start with `word` (folded words hold only a–z and 0–9). */
const startsWord = (word: string) => `% ${word}%`;
const wholeWord = (word: string) => `% ${word} %`;

function termMatch(term: SearchTerm): { match: RawBuilder<boolean>; score: RawBuilder<number> } {
  const options: RawBuilder<unknown>[] = [sql`names LIKE ${startsWord(term.word)}`, sql`other LIKE ${startsWord(term.word)}`];
  const phonetic = term.phonetic.map((key) => sql`phonetic LIKE ${wholeWord(key)}`);
  const alternatives = (term.alternatives ?? []).map((alt) => sql`names LIKE ${wholeWord(alt)}`);
  options.push(...phonetic, ...alternatives);
  const any = (list: RawBuilder<unknown>[]) => (list.length ? sql`(${sql.join(list, sql` OR `)})` : sql`false`);
  const score = sql<number>`(
    CASE WHEN names LIKE ${startsWord(term.word)} OR ${any(alternatives)} THEN ${SEARCH_WEIGHTS.names} ELSE 0 END +
    CASE WHEN other LIKE ${startsWord(term.word)} THEN ${SEARCH_WEIGHTS.other} ELSE 0 END +
    CASE WHEN ${any(phonetic)} THEN ${SEARCH_WEIGHTS.phonetic} ELSE 0 END)`;
  return { match: sql<boolean>`${any(options)}`, score };
}

export const postgresFamilySearch: FamilySearchIndex = {
  async upsert(db, familyId, doc) {
    await sql`INSERT INTO family_search (family_id, names, phonetic, other)
      VALUES (${familyId}, ${spaced(doc.names)}, ${spaced(doc.phonetic)}, ${spaced(doc.other)})
      ON CONFLICT (family_id) DO UPDATE SET names = excluded.names, phonetic = excluded.phonetic, other = excluded.other`.execute(db);
  },
  async remove(db, familyId) {
    await sql`DELETE FROM family_search WHERE family_id = ${familyId}`.execute(db);
  },
  async search(db, terms, limit) {
    if (terms.length === 0) return [];
    const parts = terms.map(termMatch);
    // As on SQLite: only a window of matches is ranked; shorter documents win a tie (as BM25's length norm does).
    const rows = await sql<{ family_id: string }>`
      SELECT family_id FROM (
        SELECT family_id, ${sql.join(parts.map((p) => p.score), sql` + `)} AS score, length(names) AS len FROM family_search
        WHERE ${sql.join(parts.map((p) => p.match), sql` AND `)}
        LIMIT ${RANK_WINDOW}
      ) candidates ORDER BY score DESC, len, family_id LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => r.family_id);
  },
  async prefix(db, word, limit) {
    const rows = await sql<{ family_id: string }>`SELECT family_id FROM family_search WHERE names LIKE ${startsWord(word)} LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => r.family_id);
  },
  async nearWords(db, word, maxEdits) {
    // Rows with a word similar to the typed one (trigram word similarity, index-backed); the caller measures edits.
    await sql`SET LOCAL pg_trgm.word_similarity_threshold = 0.3`.execute(db);
    const rows = await sql<{ names: string }>`SELECT names FROM family_search WHERE ${word} <% names LIMIT 200`.execute(db);
    const words = new Set<string>();
    for (const row of rows.rows) {
      for (const candidate of row.names.split(' ')) {
        if (candidate[0] === word[0] && Math.abs(candidate.length - word.length) <= maxEdits) words.add(candidate);
      }
    }
    return [...words];
  },
};
