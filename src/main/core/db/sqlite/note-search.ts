/**
 * The SQLite side of note search: an FTS5 index inside the case-work file
 * (so its words are under the casework key). Contentless with deletes (the
 * text is the note's; an edit of a 2,000-word note then does not re-read the
 * old words), and secure-delete on — without it a deleted note's words stay
 * readable in the index pages. Hits stream newest-written first (FTS5 walks
 * rowids backwards), so a word in every note still answers in milliseconds.
 */
import { sql, type Kysely } from 'kysely';
import type { NoteSearchIndex } from '../../casework/search-index';

export async function createNoteSearchTables(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE casework.note_search USING fts5(words, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`.execute(db);
  await sql`INSERT INTO casework.note_search(note_search, rank) VALUES ('secure-delete', 1)`.execute(db);
  await sql`CREATE TABLE casework.note_search_rowids (rowid INTEGER PRIMARY KEY, note_id TEXT NOT NULL UNIQUE)`.execute(db);
}

/** Each word a quoted prefix term; all must match. */
const matchOf = (words: string[]) => words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' AND ');

export const sqliteNoteSearch: NoteSearchIndex = {
  async upsert(db, noteId, words) {
    const found = await sql<{ rowid: number }>`SELECT rowid FROM casework.note_search_rowids WHERE note_id = ${noteId}`.execute(db);
    let rowid = found.rows[0]?.rowid;
    if (rowid === undefined) {
      const made = await sql<{ rowid: number }>`INSERT INTO casework.note_search_rowids (note_id) VALUES (${noteId}) RETURNING rowid`.execute(db);
      rowid = made.rows[0]!.rowid;
    } else {
      await sql`DELETE FROM casework.note_search WHERE rowid = ${rowid}`.execute(db);
    }
    await sql`INSERT INTO casework.note_search (rowid, words) VALUES (${rowid}, ${words.join(' ')})`.execute(db);
  },
  async remove(db, noteId) {
    const found = await sql<{ rowid: number }>`SELECT rowid FROM casework.note_search_rowids WHERE note_id = ${noteId}`.execute(db);
    const rowid = found.rows[0]?.rowid;
    if (rowid === undefined) return;
    await sql`DELETE FROM casework.note_search WHERE rowid = ${rowid}`.execute(db);
    await sql`DELETE FROM casework.note_search_rowids WHERE rowid = ${rowid}`.execute(db);
  },
  // A contentless-delete index only marks deleted rows until its segments are merged: the words stay in
  // the pages. Rebuilding it (about a second for 100,000 notes) drops them; secure_delete zeroes the freed pages.
  async purge(db) {
    await sql`INSERT INTO casework.note_search(note_search) VALUES ('optimize')`.execute(db);
  },
  async clear(db) {
    await sql`INSERT INTO casework.note_search(note_search) VALUES ('delete-all')`.execute(db);
    await sql`DELETE FROM casework.note_search_rowids`.execute(db);
  },
  async search(db, words, viewerId, limit) {
    if (words.length === 0) return [];
    const rows = await sql<{ id: string }>`SELECT n.id FROM casework.note_search
      JOIN casework.note_search_rowids r ON r.rowid = note_search.rowid
      JOIN casework.notes n ON n.id = r.note_id
      WHERE note_search MATCH ${matchOf(words)} AND n.deleted_at IS NULL AND (n.confidential = 0 OR n.author_id = ${viewerId})
      ORDER BY note_search.rowid DESC LIMIT ${limit}`.execute(db);
    return rows.rows.map((r) => r.id);
  },
};
