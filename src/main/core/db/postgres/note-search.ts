/**
 * The PostgreSQL side of note search: each note's folded words between
 * spaces, matched at word starts through a pg_trgm GIN index.
 */
import { sql, type Kysely } from 'kysely';
import type { NoteSearchIndex } from '../../casework/search-index';

export async function createNoteSearchTables(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`CREATE TABLE casework.note_search (note_id text PRIMARY KEY, words text NOT NULL)`.execute(db);
  await sql`CREATE INDEX note_search_words_trgm ON casework.note_search USING gin (words gin_trgm_ops)`.execute(db);
}

/** Folded words hold only a–z and 0–9; anything else is escaped so it never acts as a wildcard. */
const startsWord = (word: string) => `% ${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export const postgresNoteSearch: NoteSearchIndex = {
  async upsert(db, noteId, words) {
    await sql`INSERT INTO casework.note_search (note_id, words) VALUES (${noteId}, ${` ${words.join(' ')} `})
      ON CONFLICT (note_id) DO UPDATE SET words = excluded.words`.execute(db);
  },
  async remove(db, noteId) {
    await sql`DELETE FROM casework.note_search WHERE note_id = ${noteId}`.execute(db);
  },
  // A deleted row's words leave with the row (the hub relies on the server's own storage, DESIGN.md).
  async purge() {},
  async search(db, words, viewerId, limit) {
    if (words.length === 0) return [];
    const match = sql.join(words.map((w) => sql`s.words LIKE ${startsWord(w)}`), sql` AND `);
    const rows = await sql<{ id: string }>`SELECT n.id FROM casework.note_search s JOIN casework.notes n ON n.id = s.note_id
      WHERE ${match} AND n.deleted_at IS NULL AND (n.confidential = 0 OR n.author_id = ${viewerId})
      ORDER BY n.created_at DESC, n.id LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => r.id);
  },
};
