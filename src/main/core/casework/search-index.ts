import type { Tx } from '../db/schema';

/**
 * The note search index over each note's folded plain text, one per dialect
 * (FTS5 in the case-work file; a word table on PostgreSQL). Who may see a hit
 * is decided inside the query, never by filtering its answer.
 */
export interface NoteSearchIndex {
  upsert(db: Tx, noteId: string, words: string[]): Promise<void>;
  remove(db: Tx, noteId: string): Promise<void>;
  /**
   * Notes whose text has every word (as a word start), not deleted, and
   * readable by `viewerId` (not confidential, or their own), the most recently written first.
   */
  search(db: Tx, words: string[], viewerId: string, limit: number): Promise<string[]>;
  /** After a deletion: rewrites the index so no page holds the removed words any more (outside the call's transaction). */
  purge(db: Tx): Promise<void>;
  /** Empties the index (before it is built anew from the rows: a restore leaves no note of the present behind in it). */
  clear(db: Tx): Promise<void>;
}
