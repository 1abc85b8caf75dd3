/**
 * The PostgreSQL side of family search: one row per family with the same
 * folded words and phonetic keys as the SQLite FTS5 index, matched through
 * pg_trgm's GIN indexes (LIKE on word boundaries; the phonetic keys, always
 * whole words, through a GIN index over the array of them, migration 0015)
 * and ranked with the same weights. Typo tolerance reads a list of indexed name words with the number
 * of families using each (as FTS5's vocabulary table does on SQLite), so a
 * word leaves the list with the last family that had it.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Tx } from '../schema';
import { RANK_WINDOW, SEARCH_WEIGHTS, type FamilySearchIndex, type SearchScope, type SearchTerm } from '../../families/search-index';

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
  await sql`CREATE TABLE family_search_words (word text PRIMARY KEY, families integer NOT NULL)`.execute(db);
}

/** The phonetic keys as an array: the expression of the index 0015 makes (the query must name it exactly so). */
const PHONETIC_KEYS = sql`string_to_array(btrim(phonetic), ' ')`;

/**
 * 0015: sound-alike keys are whole words, found through a GIN index over the
 * array of them. Their trigram index goes: a key such as "k8627" shares its
 * trigrams with thousands of others, so the trigram scan read many times the
 * rows it found (2 ms of a 5 ms search on 50,000 families).
 */
export async function createFamilySearchKeys(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX family_search_phonetic_keys ON family_search USING gin (${PHONETIC_KEYS})`.execute(db);
  await sql`DROP INDEX IF EXISTS family_search_phonetic_trgm`.execute(db);
  await sql`ANALYZE family_search`.execute(db);
}

/** Folded words hold only a–z and 0–9; anything else is escaped so it can never act as a LIKE wildcard. */
const likeLiteral = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);
/** A LIKE pattern for words that start with `word`. */
const startsWord = (word: string) => `% ${likeLiteral(word)}%`;
const wholeWord = (word: string) => `% ${likeLiteral(word)} %`;

/**
 * Adds +1/-1 to each name word's family count, in word order so that two
 * writers never lock the same words in opposite orders, and drops words no
 * family has any more.
 */
async function countWords(db: Tx, before: string[], after: string[]): Promise<void> {
  const old = new Set(before);
  const now = new Set(after);
  const deltas = new Map<string, number>();
  for (const word of now) if (!old.has(word)) deltas.set(word, 1);
  for (const word of old) if (!now.has(word)) deltas.set(word, -1);
  if (deltas.size === 0) return;
  const words = [...deltas.keys()].sort();
  await sql`INSERT INTO family_search_words (word, families)
    SELECT word, delta FROM unnest(${words}::text[], ${words.map((w) => deltas.get(w)!)}::int[]) AS d(word, delta) ORDER BY word
    ON CONFLICT (word) DO UPDATE SET families = family_search_words.families + excluded.families`.execute(db);
  // Only a word counted down can have reached none: a new family (an intake) needs no second round trip.
  const fewer = words.filter((w) => deltas.get(w)! < 0);
  if (fewer.length > 0) await sql`DELETE FROM family_search_words WHERE word = ANY(${fewer}::text[]) AND families <= 0`.execute(db);
}

/** The family's indexed name words, its row locked until the transaction ends. */
async function lockedNames(db: Tx, familyId: string): Promise<string[]> {
  const row = await sql<{ names: string }>`SELECT names FROM family_search WHERE family_id = ${familyId} FOR UPDATE`.execute(db);
  return row.rows[0]?.names.split(' ').filter(Boolean) ?? [];
}

function termMatch(term: SearchTerm, scope: SearchScope): { match: RawBuilder<boolean>; score: RawBuilder<number> } {
  const other = scope === 'all' ? [sql`other LIKE ${startsWord(term.word)}`] : [];
  const options: RawBuilder<unknown>[] = [sql`names LIKE ${startsWord(term.word)}`, ...other];
  const phonetic = term.phonetic.length ? [sql`${PHONETIC_KEYS} && ${term.phonetic}::text[]`] : [];
  const alternatives = (term.alternatives ?? []).map((alt) => sql`names LIKE ${wholeWord(alt)}`);
  options.push(...phonetic, ...alternatives);
  const any = (list: RawBuilder<unknown>[]) => (list.length ? sql`(${sql.join(list, sql` OR `)})` : sql`false`);
  const score = sql<number>`(
    CASE WHEN names LIKE ${startsWord(term.word)} OR ${any(alternatives)} THEN ${SEARCH_WEIGHTS.names} ELSE 0 END +
    CASE WHEN ${any(other)} THEN ${SEARCH_WEIGHTS.other} ELSE 0 END +
    CASE WHEN ${any(phonetic)} THEN ${SEARCH_WEIGHTS.phonetic} ELSE 0 END)`;
  return { match: sql<boolean>`${any(options)}`, score };
}

/**
 * The rows of family_search that match, as a CTE the planner plans on its
 * own: with the caller's LIMIT in view it would prefer a sequential scan that
 * stops once the window is full (on 50,000 families it read half the table,
 * 16 ms, where the indexes take 4 ms). Planned alone, a rare match goes
 * through the indexes and a very common one through a scan that the outer
 * LIMIT still stops early (the CTE is read only as far as needed). Before,
 * sequential scans were switched off around each search: two more round
 * trips to the hub per search.
 */
const matching = (where: RawBuilder<boolean>, scope: SearchScope = 'all') =>
  sql`WITH hits AS MATERIALIZED (SELECT family_id, names, phonetic${scope === 'all' ? sql`, other` : sql``} FROM family_search WHERE ${where})`;

/** The search as one statement (exported for the test that reads its plan). As on SQLite: only a window of matches is ranked; shorter documents win a tie (as BM25's length norm does). */
export function searchStatement(terms: SearchTerm[], limit: number, scope: SearchScope = 'all'): RawBuilder<{ family_id: string }> {
  const parts = terms.map((term) => termMatch(term, scope));
  return sql<{ family_id: string }>`
    ${matching(sql.join(parts.map((p) => p.match), sql` AND `), scope)}
    SELECT family_id FROM (
      SELECT family_id, ${sql.join(parts.map((p) => p.score), sql` + `)} AS score, length(names) AS len FROM hits LIMIT ${RANK_WINDOW}
    ) candidates ORDER BY score DESC, len, family_id LIMIT ${limit}`;
}

export const postgresFamilySearch: FamilySearchIndex = {
  async upsert(db, familyId, doc) {
    const before = await lockedNames(db, familyId);
    await sql`INSERT INTO family_search (family_id, names, phonetic, other)
      VALUES (${familyId}, ${spaced(doc.names)}, ${spaced(doc.phonetic)}, ${spaced(doc.other)})
      ON CONFLICT (family_id) DO UPDATE SET names = excluded.names, phonetic = excluded.phonetic, other = excluded.other`.execute(db);
    await countWords(db, before, doc.names);
  },
  async insert(db, familyId, doc) {
    await sql`INSERT INTO family_search (family_id, names, phonetic, other)
      VALUES (${familyId}, ${spaced(doc.names)}, ${spaced(doc.phonetic)}, ${spaced(doc.other)})`.execute(db);
    await countWords(db, [], doc.names);
  },
  async remove(db, familyId) {
    const before = await lockedNames(db, familyId);
    await sql`DELETE FROM family_search WHERE family_id = ${familyId}`.execute(db);
    await countWords(db, before, []);
  },
  async search(db, terms, limit, scope = 'all') {
    if (terms.length === 0) return [];
    const rows = await searchStatement(terms, limit, scope).execute(db);
    return rows.rows.map((r) => r.family_id);
  },
  async prefix(db, word, limit) {
    const rows = await sql<{ family_id: string }>`${matching(sql`names LIKE ${startsWord(word)}`, 'names')} SELECT family_id FROM hits LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => r.family_id);
  },
  async clear(db) {
    await sql`DELETE FROM family_search`.execute(db);
    await sql`DELETE FROM family_search_words`.execute(db);
  },
  async nearWords(db, word, maxEdits) {
    const first = word[0] ?? '';
    const rows = await sql<{ word: string }>`
      SELECT word FROM family_search_words
      WHERE word >= ${first} AND word < ${`${first}\uffff`}
        AND length(word) BETWEEN ${word.length - maxEdits} AND ${word.length + maxEdits}`.execute(db);
    return rows.rows.map((r) => r.word);
  },
};
