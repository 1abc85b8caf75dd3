/**
 * The PostgreSQL side of note search: one row per note and folded word,
 * with the note's creation time, in a B-tree by word and newest first. A
 * query word is a prefix: its few indexed words are found by skipping
 * through the index, and each one's newest notes are walked in order — so a
 * word in half of all notes answers as fast as a rare one (FTS5 does the
 * same on a single PC). A trigram index over each note's whole word list,
 * the first version, had to recheck tens of thousands of long rows for a
 * common word before the newest could be picked.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { NoteSearchIndex } from '../../casework/search-index';
import type { Tx } from '../schema';

/** Case-work 0001 (kept as released): the first version, replaced by 0002 below. */
export async function createNoteSearchTables(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`CREATE TABLE casework.note_search (note_id text PRIMARY KEY, words text NOT NULL)`.execute(db);
  await sql`CREATE INDEX note_search_words_trgm ON casework.note_search USING gin (words gin_trgm_ops)`.execute(db);
}

/**
 * Case-work 0002: the word table, filled from the first version's word lists
 * (as the hub's owner, past row-level security), which then goes. Byte order
 * (COLLATE "C") so that a prefix is a plain range of the index.
 */
export async function createNoteSearchWords(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE casework.note_search_words (
    word text COLLATE "C" NOT NULL,
    note_id text NOT NULL,
    created_at text NOT NULL,
    PRIMARY KEY (note_id, word)
  )`.execute(db);
  await sql`INSERT INTO casework.note_search_words (word, note_id, created_at)
    SELECT DISTINCT w.word, s.note_id, n.created_at FROM casework.note_search s
    JOIN casework.notes n ON n.id = s.note_id
    CROSS JOIN LATERAL regexp_split_to_table(btrim(s.words), ' ') AS w(word)
    WHERE w.word <> ''`.execute(db);
  await sql`CREATE INDEX note_search_words_newest ON casework.note_search_words (word, created_at DESC, note_id)`.execute(db);
  await sql`DROP TABLE casework.note_search`.execute(db);
  // A query of very common prefixes walks the notes newest first instead.
  await sql`CREATE INDEX notes_newest ON casework.notes (created_at DESC, id)`.execute(db);
}

/**
 * Folded words hold only a–z and 0–9 (foldName), so every word with the
 * prefix `word` lies in [word, word + "{"): "{" follows "z" in byte order.
 */
const rangeOf = (word: string) => ({ from: word, to: `${word}{` });

/** A prefix's indexed words beyond this many: its notes are found by walking all notes newest first instead. */
const MAX_WORDS = 64;

/** Notes with a word of this prefix (the note is `n`). */
function hasWord(word: string): RawBuilder<boolean> {
  const { from, to } = rangeOf(word);
  return sql<boolean>`EXISTS (SELECT 1 FROM casework.note_search_words o WHERE o.note_id = n.id AND o.word >= ${from} AND o.word < ${to})`;
}

/**
 * Up to `max` distinct indexed words with this prefix, by skipping from one
 * word to the next in the index (a few probes, not a read of every entry).
 */
async function wordsOf(db: Tx, word: string, max: number): Promise<string[]> {
  const { from, to } = rangeOf(word);
  const rows = await sql<{ word: string }>`WITH RECURSIVE found(word) AS (
      (SELECT word FROM casework.note_search_words WHERE word >= ${from} AND word < ${to} ORDER BY word LIMIT 1)
      UNION ALL
      SELECT (SELECT w.word FROM casework.note_search_words w WHERE w.word > found.word AND w.word < ${to} ORDER BY w.word LIMIT 1)
      FROM found WHERE found.word IS NOT NULL
    ) SELECT word FROM found WHERE word IS NOT NULL LIMIT ${max}`.execute(db);
  return rows.rows.map((r) => r.word);
}

export const postgresNoteSearch: NoteSearchIndex = {
  async upsert(db, noteId, words) {
    await sql`DELETE FROM casework.note_search_words WHERE note_id = ${noteId}`.execute(db);
    const distinct = [...new Set(words)];
    if (distinct.length === 0) return;
    // The note is written first (insertNote): its creation time orders the hits.
    await sql`INSERT INTO casework.note_search_words (word, note_id, created_at)
      SELECT w.word, n.id, n.created_at FROM casework.notes n CROSS JOIN unnest(${distinct}::text[]) AS w(word)
      WHERE n.id = ${noteId}`.execute(db);
  },
  async remove(db, noteId) {
    await sql`DELETE FROM casework.note_search_words WHERE note_id = ${noteId}`.execute(db);
  },
  // A deleted row's words leave with the row (the hub relies on the server's own storage, DESIGN.md).
  async purge() {},
  async search(db, words, viewerId, limit) {
    if (words.length === 0) return [];
    const readable = sql`n.deleted_at IS NULL AND (n.confidential = 0 OR n.author_id = ${viewerId})`;
    // The longest query word leads (fewest indexed words, fewest notes); the others are checked per note.
    const [lead, ...others] = [...words].sort((a, b) => b.length - a.length || a.localeCompare(b));
    const rest = others.length ? sql`AND ${sql.join(others.map(hasWord), sql` AND `)}` : sql``;
    const leadWords = await wordsOf(db, lead!, MAX_WORDS + 1);
    if (leadWords.length === 0) return [];
    if (leadWords.length > MAX_WORDS) {
      const rows = await sql<{ id: string }>`SELECT n.id FROM casework.notes n
        WHERE ${readable} AND ${hasWord(lead!)} ${rest}
        ORDER BY n.created_at DESC, n.id LIMIT ${limit}`.execute(db);
      return rows.rows.map((r) => r.id);
    }
    // Each indexed word's newest readable notes, then the newest of those (a note found through two words counts once).
    const rows = await sql<{ id: string }>`SELECT hit.id FROM unnest(${leadWords}::text[]) AS lead(word)
      CROSS JOIN LATERAL (
        SELECT n.id, n.created_at FROM casework.note_search_words w JOIN casework.notes n ON n.id = w.note_id
        WHERE w.word = lead.word AND ${readable} ${rest}
        ORDER BY w.created_at DESC, w.note_id LIMIT ${limit}
      ) hit
      GROUP BY hit.id, hit.created_at ORDER BY hit.created_at DESC, hit.id LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => r.id);
  },
};
