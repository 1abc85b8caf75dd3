/**
 * The hub's side of confidential notes (db/dialect.ts, HiddenNotes): the
 * database hides others' confidential notes from a session (row-level
 * security, hub-rights.ts); these two SECURITY DEFINER functions are the only
 * ways past it — a note's bare header for lists, and break-glass.
 */
import { sql } from 'kysely';
import type { HiddenNoteHeader, HiddenNotes } from '../dialect';
import type { NotesTable } from '../schema';

export const postgresHiddenNotes: HiddenNotes = {
  async headers(db, filter) {
    const familyId = 'familyId' in filter ? filter.familyId : null;
    const noteId = 'noteId' in filter ? filter.noteId : null;
    const result = await sql<HiddenNoteHeader>`SELECT * FROM casework.hidden_notes(${familyId}, ${noteId})`.execute(db);
    return result.rows;
  },
  async breakGlass(db, noteId, reason) {
    const result = await sql<NotesTable>`SELECT * FROM casework.break_glass(${noteId}, ${reason})`.execute(db);
    return result.rows[0];
  },
};
