import { DomainError } from '../../../shared/errors';
import { DRAFTS_PER_USER, editedNoteId, isCaseworkDraft } from '../../../shared/rpc/areas/drafts';
import type { Contract } from '../../../shared/rpc/contract';
import { requireDb, requireSession } from '../db/require';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';

/**
 * The `drafts.*` area: unsaved form input, per user, inside the encrypted
 * database — drafts of case work inside the case-work store.
 */
export function registerDraftsApp(registry: Registry<Contract>, services: CoreServices): void {
  const hasCasework = () => !!services.state.keys?.casework && services.state.caseworkReady;
  const tableFor = (formKey: string): 'drafts' | 'casework.drafts' => {
    // Drafts of case notes and plans: their text never goes where a reception password reaches.
    if (!isCaseworkDraft(formKey)) return 'drafts';
    if (!hasCasework()) throw new DomainError('FORBIDDEN');
    return 'casework.drafts';
  };
  registry.register('drafts', {
    'drafts.save': async (input, ctx) => {
      const userId = requireSession(ctx).userId;
      const updatedAt = services.now().toISOString();
      const data = JSON.stringify(input.data);
      const db = requireDb(ctx);
      const table = tableFor(input.formKey);
      const noteId = editedNoteId(input.formKey);
      if (noteId) {
        // An edit of a note deleted meanwhile (on another PC of the hub) keeps nothing of it. The note's row is
        // held first, as notes.delete holds it: a deletion under way is waited for, then this finds no note
        // (and a deletion after this waits, then removes the draft with the note's other text).
        const held = await db
          .updateTable('casework.notes')
          .set((eb) => ({ version: eb.ref('version') }))
          .where('id', '=', noteId)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        if (Number(held.numUpdatedRows) === 0) throw new DomainError('NOT_FOUND', 'errors:note_not_found');
      }
      await db
        .insertInto(table)
        .values({ user_id: userId, form_key: input.formKey, data, updated_at: updatedAt })
        .onConflict((oc) => oc.columns(['user_id', 'form_key']).doUpdateSet({ data, updated_at: updatedAt }))
        .execute();
      // Only the newest few per person are kept: older ones were abandoned.
      const kept = await db.selectFrom(table).select('form_key').where('user_id', '=', userId).orderBy('updated_at', 'desc').limit(DRAFTS_PER_USER).execute();
      if (kept.length === DRAFTS_PER_USER) {
        await db.deleteFrom(table).where('user_id', '=', userId).where('form_key', 'not in', kept.map((k) => k.form_key)).execute();
      }
      return { updatedAt };
    },
    'drafts.list': async (_input, ctx) => {
      const db = requireDb(ctx);
      const userId = requireSession(ctx).userId;
      const rows = await db.selectFrom('drafts').selectAll().where('user_id', '=', userId).execute();
      if (hasCasework()) rows.push(...(await db.selectFrom('casework.drafts').selectAll().where('user_id', '=', userId).execute()));
      rows.sort((a, b) => (a.updated_at < b.updated_at ? 1 : -1));
      return { items: rows.map((r) => ({ formKey: r.form_key, data: JSON.parse(r.data) as Record<string, unknown>, updatedAt: r.updated_at })) };
    },
    'drafts.discard': async (input, ctx) => {
      const result = await requireDb(ctx)
        .deleteFrom(tableFor(input.formKey))
        .where('user_id', '=', requireSession(ctx).userId)
        .where('form_key', '=', input.formKey)
        .executeTakeFirst();
      return { discarded: Number(result.numDeletedRows) > 0 };
    },
  });
}
