import { DomainError } from '../../../shared/errors';
import type { NoteDoc } from '../../../shared/domain/note-doc';
import { noteText } from '../../../shared/domain/note-doc';
import type { Note, NoteSummary, Participant } from '../../../shared/rpc/areas/notes';
import type { NoteSearchIndex } from '../casework/search-index';
import type { NotesTable, Tx } from '../db/schema';
import { nameWords } from '../families/normalize';

/** The reader's right to a note's content: not confidential, or their own. Break-glass is the one other way in. */
export function mayRead(row: Pick<NotesTable, 'confidential' | 'author_id'>, userId: string): boolean {
  return row.confidential === 0 || row.author_id === userId;
}

/** A live (not deleted) note, or NOT_FOUND. */
export async function findNote(db: Tx, id: string): Promise<NotesTable> {
  const row = await db.selectFrom('casework.notes').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'errors:note_not_found');
  return row;
}

export async function staffNames(db: Tx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

export function toNote(row: NotesTable, authorName: string | null): Note {
  return {
    id: row.id,
    familyId: row.family_id,
    occurredOn: row.occurred_on,
    kind: row.kind as Note['kind'],
    fieldOfAction: row.field_of_action,
    topics: JSON.parse(row.topics) as string[],
    participants: JSON.parse(row.participants) as Participant[],
    confidential: row.confidential === 1,
    body: row.body === null ? null : (JSON.parse(row.body) as unknown),
    authorId: row.author_id,
    authorName,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const EXCERPT = 160;

/** A note in a list. Of a note the reader may not read: that it exists, who wrote it and when — not even its kind or topics. */
export function toSummary(row: Omit<NotesTable, 'body'>, authorName: string | null, readable: boolean): NoteSummary {
  return {
    id: row.id,
    occurredOn: row.occurred_on,
    kind: readable ? (row.kind as NoteSummary['kind']) : null,
    fieldOfAction: readable ? row.field_of_action : null,
    topics: readable ? (JSON.parse(row.topics) as string[]) : [],
    confidential: row.confidential === 1,
    authorId: row.author_id,
    authorName,
    excerpt: readable ? row.excerpt : null,
    deleted: row.deleted_at !== null,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** The body's plain text, its first words (lists) and its folded words (the search index). Computed here, never taken from the client. */
export function textOf(body: NoteDoc): { plain: string; excerpt: string; words: string[] } {
  const plain = noteText(body);
  const flat = plain.replace(/\s+/g, ' ').trim();
  return { plain, excerpt: flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat, words: nameWords(plain) };
}

/** Up to `size` words of the text around the first word that starts with a query word. */
export function matchingWords(plain: string, query: string[], size = 12): string {
  const words = plain.split(/\s+/).filter(Boolean);
  const at = words.findIndex((w) => nameWords(w).some((f) => query.some((q) => f.startsWith(q))));
  const start = Math.max(0, (at < 0 ? 0 : at) - Math.floor(size / 3));
  const slice = words.slice(start, start + size).join(' ');
  return `${start > 0 ? '… ' : ''}${slice}${start + size < words.length ? ' …' : ''}`;
}

/** A version's content: the note's fields and body as saved. */
export function versionContent(row: Pick<NotesTable, 'occurred_on' | 'kind' | 'field_of_action' | 'topics' | 'participants' | 'confidential' | 'body'>): string {
  return JSON.stringify({
    occurredOn: row.occurred_on,
    kind: row.kind,
    fieldOfAction: row.field_of_action,
    topics: JSON.parse(row.topics) as unknown,
    participants: JSON.parse(row.participants) as unknown,
    confidential: row.confidential === 1,
    body: row.body === null ? null : (JSON.parse(row.body) as unknown),
  });
}

/** Writes a new note and its words in the search index (the app and the seed). */
export async function insertNote(db: Tx, search: NoteSearchIndex, row: NotesTable, words: string[]): Promise<void> {
  await db.insertInto('casework.notes').values(row).execute();
  await search.upsert(db, row.id, words);
}
