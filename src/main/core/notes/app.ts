import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import { noteText, type NoteDoc } from '../../../shared/domain/note-doc';
import type { NoteFields } from '../../../shared/rpc/areas/notes';
import type { Contract } from '../../../shared/rpc/contract';
import type { NoteSearchIndex } from '../casework/search-index';
import { caseworkDb } from '../casework/store';
import { requireSession } from '../db/require';
import type { NotesTable, Tx } from '../db/schema';
import { nameWords } from '../families/normalize';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { findNote, insertNote, matchingWords, mayRead, staffNames, textOf, toNote, toSummary, versionContent } from './rows';

const SEARCH_LIMIT = 20;

function columns(fields: Partial<NoteFields>): Partial<NotesTable> {
  return {
    ...(fields.occurredOn !== undefined ? { occurred_on: fields.occurredOn } : {}),
    ...(fields.kind !== undefined ? { kind: fields.kind } : {}),
    ...(fields.fieldOfAction !== undefined ? { field_of_action: fields.fieldOfAction } : {}),
    ...(fields.topics !== undefined ? { topics: JSON.stringify(fields.topics) } : {}),
    ...(fields.participants !== undefined ? { participants: JSON.stringify(fields.participants) } : {}),
    ...(fields.confidential !== undefined ? { confidential: fields.confidential ? 1 : 0 } : {}),
    ...(fields.body !== undefined ? { body: JSON.stringify(fields.body), excerpt: textOf(fields.body as NoteDoc).excerpt } : {}),
  };
}

async function requireFamily(db: Tx, familyId: string): Promise<void> {
  const family = await db.selectFrom('families').select('id').where('id', '=', familyId).executeTakeFirst();
  if (!family) throw new DomainError('NOT_FOUND', 'errors:family_not_found');
}

/** Participants who are family members must be this family's. */
async function checkParticipants(db: Tx, familyId: string, participants: NoteFields['participants'] | undefined): Promise<void> {
  const ids = (participants ?? []).map((p) => p.memberId).filter((id): id is string => !!id);
  if (ids.length === 0) return;
  const found = await db.selectFrom('members').select('id').where('family_id', '=', familyId).where('id', 'in', ids).execute();
  if (found.length !== new Set(ids).size) {
    throw new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: ['participants'], message: 'validation:participant_unknown' }] });
  }
}

/**
 * The `notes.*` area: case notes in the case-work store. Who may read what is
 * decided here, per record: a confidential note is its author's; anyone else
 * reads it only through notes.breakGlass, which leaves the reason for the
 * author to see. Every read names the note in the audit log.
 */
export function registerNotesApp(registry: Registry<Contract>, services: CoreServices, search: NoteSearchIndex): void {
  /**
   * A live note. On the hub the database hides others' confidential notes
   * altogether: one that exists there is refused as on a single PC, not
   * reported missing.
   */
  const noteFor = async (db: Tx, id: string): Promise<NotesTable> => {
    try {
      return await findNote(db, id);
    } catch (error) {
      const hidden = services.state.dialect.hiddenNotes;
      if (hidden && (await hidden.headers(db, { noteId: id })).some((h) => h.deleted_at === null)) throw new DomainError('FORBIDDEN', 'errors:note_confidential');
      throw error;
    }
  };

  registry.register('notes', {
    'notes.create': async (input, ctx) => {
      const db = caseworkDb(ctx, services);
      const me = requireSession(ctx).userId;
      const { familyId, ...fields } = input;
      await requireFamily(db, familyId);
      await checkParticipants(db, familyId, fields.participants);
      const now = services.now().toISOString();
      const id = randomUUID();
      const { excerpt, words } = textOf(fields.body as NoteDoc);
      const row: NotesTable = {
        id,
        family_id: familyId,
        author_id: me,
        occurred_on: fields.occurredOn,
        kind: fields.kind,
        field_of_action: fields.fieldOfAction,
        topics: JSON.stringify(fields.topics),
        participants: JSON.stringify(fields.participants),
        confidential: fields.confidential ? 1 : 0,
        body: JSON.stringify(fields.body),
        excerpt,
        version: 1,
        created_at: now,
        updated_at: now,
        updated_by: me,
        deleted_at: null,
        deleted_by: null,
        delete_reason: null,
      };
      await insertNote(db, search, row, words);
      ctx.audit('note', id);
      return toNote(row, requireSession(ctx).displayName);
    },

    'notes.update': async (input, ctx) => {
      const db = caseworkDb(ctx, services);
      const me = requireSession(ctx).userId;
      const { id, version, ...fields } = input;
      const current = await noteFor(db, id);
      // Only the author writes their note; a colleague adds a note of their own.
      if (current.author_id !== me) throw new DomainError('FORBIDDEN', 'errors:note_author_only');
      await checkParticipants(db, current.family_id, fields.participants);
      const now = services.now().toISOString();
      if (current.version !== version) {
        const names = await staffNames(db, [current.author_id]);
        throw new DomainError('CONFLICT', 'errors:note_changed', { current: toNote(current, names.get(current.author_id) ?? null) });
      }
      // The version being replaced is kept as it was: nothing is overwritten unseen.
      await db
        .insertInto('casework.note_versions')
        .values({ note_id: id, version: current.version, content: versionContent(current), edited_by: current.updated_by, edited_at: current.updated_at })
        .execute();
      const result = await db
        .updateTable('casework.notes')
        .set({ ...columns(fields), version: version + 1, updated_at: now, updated_by: me })
        .where('id', '=', id)
        .where('version', '=', version)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      // Another PC of the hub saved in between (the version row above rolls back with this error).
      if (Number(result.numUpdatedRows) === 0) throw new DomainError('CONFLICT', 'errors:note_changed', { current: toNote(await findNote(db, id), null) });
      const row = await findNote(db, id);
      // A note made confidential (or open) is indexed again: on the hub its words are kept under who may find them.
      if (fields.body !== undefined || fields.confidential !== undefined) await search.upsert(db, id, textOf(JSON.parse(row.body!) as NoteDoc).words);
      ctx.audit('note', id);
      return toNote(row, requireSession(ctx).displayName);
    },

    'notes.get': async ({ id }, ctx) => {
      const db = caseworkDb(ctx, services);
      const row = await noteFor(db, id);
      ctx.audit('note', id);
      if (!mayRead(row, requireSession(ctx).userId)) throw new DomainError('FORBIDDEN', 'errors:note_confidential');
      const names = await staffNames(db, [row.author_id]);
      return toNote(row, names.get(row.author_id) ?? null);
    },

    'notes.list': async ({ familyId }, ctx) => {
      const db = caseworkDb(ctx, services);
      const me = requireSession(ctx).userId;
      ctx.audit('family', familyId);
      const rows = await db
        .selectFrom('casework.notes')
        .select(['id', 'family_id', 'author_id', 'occurred_on', 'kind', 'field_of_action', 'topics', 'participants', 'confidential', 'excerpt', 'version', 'created_at', 'updated_at', 'updated_by', 'deleted_at', 'deleted_by', 'delete_reason'])
        .where('family_id', '=', familyId).orderBy('occurred_on', 'desc').orderBy('created_at', 'desc').execute();
      // On the hub others' confidential notes come from the database as bare headers (they show as "confidential").
      const hidden = services.state.dialect.hiddenNotes;
      if (hidden) {
        const headers = await hidden.headers(db, { familyId });
        rows.push(...headers.map((h) => ({ ...h, kind: '', field_of_action: 0, topics: '[]', participants: '[]', confidential: 1, excerpt: null, updated_by: h.author_id, deleted_by: null, delete_reason: null })));
        rows.sort((x, y) => (x.occurred_on === y.occurred_on ? y.created_at.localeCompare(x.created_at) : y.occurred_on.localeCompare(x.occurred_on)));
      }
      const names = await staffNames(db, rows.map((r) => r.author_id));
      return { items: rows.map((r) => toSummary(r, names.get(r.author_id) ?? null, mayRead(r, me))) };
    },

    'notes.history': async ({ id }, ctx) => {
      const db = caseworkDb(ctx, services);
      const row = await noteFor(db, id);
      ctx.audit('note', id);
      if (!mayRead(row, requireSession(ctx).userId)) throw new DomainError('FORBIDDEN', 'errors:note_confidential');
      const older = await db.selectFrom('casework.note_versions').selectAll().where('note_id', '=', id).orderBy('version', 'desc').execute();
      // The current version is the note itself.
      const versions = [{ note_id: id, version: row.version, content: versionContent(row), edited_by: row.updated_by, edited_at: row.updated_at }, ...older];
      const names = await staffNames(db, versions.map((v) => v.edited_by));
      return {
        versions: versions.map((v) => {
          const content = JSON.parse(v.content) as { occurredOn: string; kind: never; fieldOfAction: number; topics: string[]; confidential: boolean; body: unknown };
          return { version: v.version, editedAt: v.edited_at, editedByName: names.get(v.edited_by) ?? null, ...content };
        }),
      };
    },

    'notes.breakGlass': async ({ id, reason }, ctx) => {
      const db = caseworkDb(ctx, services);
      const me = requireSession(ctx).userId;
      const hidden = services.state.dialect.hiddenNotes;
      const access = { id: randomUUID(), at: services.now().toISOString(), reason };
      // On the hub the database hides others' confidential notes: its own break-glass function reads one and records the reading.
      const visible = hidden ? await findNote(db, id).catch(() => undefined) : await findNote(db, id);
      const row = visible ?? (await hidden!.breakGlass(db, id, reason));
      if (!row) throw new DomainError('NOT_FOUND', 'errors:note_not_found');
      ctx.audit('note', id);
      // One's own or a normal note needs no break-glass: nothing to record.
      if (!visible) ctx.changed('case');
      else if (!mayRead(row, me)) {
        await db.insertInto('casework.note_access').values({ ...access, note_id: id, user_id: me, seen_at: null }).execute();
        ctx.changed('case');
      }
      const names = await staffNames(db, [row.author_id]);
      return toNote(row, names.get(row.author_id) ?? null);
    },

    'notes.search': async ({ query }, ctx) => {
      const db = caseworkDb(ctx, services);
      const words = nameWords(query).slice(0, 8);
      const ids = await search.search(db, words, requireSession(ctx).userId, SEARCH_LIMIT);
      if (ids.length === 0) return { items: [] };
      const rows = await db
        .selectFrom('casework.notes as n')
        .innerJoin('families as f', 'f.id', 'n.family_id')
        .select(['n.id', 'n.family_id', 'n.occurred_on', 'n.author_id', 'n.body', 'f.display_name', 'f.code'])
        .where('n.id', 'in', ids)
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      const names = await staffNames(db, rows.map((r) => r.author_id));
      ctx.audit('note', null);
      return {
        items: ids
          .map((id) => byId.get(id))
          .filter((r) => r !== undefined)
          .map((r) => ({
            noteId: r.id,
            familyId: r.family_id,
            familyName: r.display_name,
            familyCode: r.code,
            occurredOn: r.occurred_on,
            authorName: names.get(r.author_id) ?? null,
            words: matchingWords(r.body ? noteText(JSON.parse(r.body) as NoteDoc) : '', words),
          })),
      };
    },

    'notes.delete': async ({ id, reason }, ctx) => {
      const db = caseworkDb(ctx, services);
      await noteFor(db, id);
      const now = services.now().toISOString();
      // The note first, so that it is locked: an edit saved on another PC meanwhile is either in the versions
      // removed below or, its version stale now, refused — no old text survives the deletion.
      const result = await db
        .updateTable('casework.notes')
        .set((eb) => ({ body: null, excerpt: null, participants: '[]', topics: '[]', deleted_at: now, deleted_by: requireSession(ctx).userId, delete_reason: reason, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new DomainError('NOT_FOUND', 'errors:note_not_found');
      // The content goes for real (secure_delete overwrites the freed pages); the fact and its reason stay.
      await db.deleteFrom('casework.note_versions').where('note_id', '=', id).execute();
      await db.deleteFrom('casework.drafts').where('form_key', 'like', `note.edit.%.${id}`).execute();
      await search.remove(db, id);
      ctx.audit('note', id);
      // After the commit: the search index is rebuilt without the note's words, and the pages that held
      // the text leave the WAL too.
      services.defer(async () => {
        const store = services.state.store;
        if (!store || !services.state.caseworkReady) return;
        await search.purge(store.db);
        store.flush?.();
      });
      return { deleted: true as const };
    },
  });
}
