import { DomainError } from '../../../shared/errors';
import type { Contract } from '../../../shared/rpc/contract';
import { requireDb, requireSession } from '../db/require';
import { requireConsent } from '../families/consent-rules';
import { insertContact } from '../families/intake';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';

/** The `contacts.*` area: short contacts that feed the reach statistics. */
export function registerContactsApp(registry: Registry<Contract>, services: CoreServices): void {
  registry.register('contacts', {
    'contacts.log': async ({ familyId, ...contact }, ctx) => {
      const db = requireDb(ctx);
      const session = requireSession(ctx);
      const family = await db.selectFrom('families').select('id').where('id', '=', familyId).executeTakeFirst();
      if (!family) throw new DomainError('NOT_FOUND');
      // Without (or after withdrawal of) the consent to store data, nothing new is recorded.
      await requireConsent(db, familyId, 'data_storage');
      const id = await insertContact(db, familyId, contact, session.userId, services.now());
      ctx.audit('contact', id);
      const row = await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return {
        id,
        type: row.type as typeof contact.type,
        occurredAt: row.occurred_at,
        durationMin: row.duration_min,
        topics: JSON.parse(row.topics) as string[],
        fieldOfAction: row.field_of_action,
        note: row.note,
        staffName: session.displayName,
      };
    },
  });
}
