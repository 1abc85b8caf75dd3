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

export function toSummary(row: NotesTable, authorName: string | null, readable: boolean): NoteSummary {
  const plain = readable && row.plain ? row.plain.replace(/\s+/g, ' ').trim() : null;
  return {
    id: row.id,
    occurredOn: row.occurred_on,
    kind: row.kind as NoteSummary['kind'],
    fieldOfAction: row.field_of_action,
    topics: JSON.parse(row.topics) as string[],
    confidential: row.confidential === 1,
    authorId: row.author_id,
    authorName,
    excerpt: plain === null ? null : plain.length > EXCERPT ? `${plain.slice(0, EXCERPT - 1)}…` : plain,
    deleted: row.deleted_at !== null,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** The body's plain text (stored for excerpts) and its folded words (the search index). Computed here, never taken from the client. */
export function textOf(body: NoteDoc): { plain: string; words: string[] } {
  const plain = noteText(body);
  return { plain, words: nameWords(plain) };
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

/** Writes a new note with its first version and its words in the search index (the app and the seed). */
export async function insertNote(db: Tx, search: NoteSearchIndex, row: NotesTable, words: string[]): Promise<void> {
  await db.insertInto('casework.notes').values(row).execute();
  await db.insertInto('casework.note_versions').values({ note_id: row.id, version: 1, content: versionContent(row), edited_by: row.author_id, edited_at: row.created_at }).execute();
  await search.upsert(db, row.id, words);
}
