import { DomainError } from '../../../shared/errors';
import type { Contract } from '../../../shared/rpc/contract';
import { requireDb, requireSession } from '../db/require';
import { requireConsent } from '../consents/rules';
import { lockFamily } from '../families/lock';
import { insertContact, toContact } from './rows';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';

/** The `contacts.*` area: short contacts that feed the reach statistics. */
export function registerContactsApp(registry: Registry<Contract>, services: CoreServices): void {
  registry.register('contacts', {
    'contacts.log': async ({ familyId, ...contact }, ctx) => {
      const db = requireDb(ctx);
      const session = requireSession(ctx);
      if (!(await lockFamily(db, familyId))) throw new DomainError('NOT_FOUND');
      // Without (or after withdrawal of) the consent to store data, nothing new is recorded.
      await requireConsent(db, familyId, 'data_storage');
      const row = await insertContact(db, familyId, contact, session.userId, services.now());
      ctx.audit('contact', row.id);
      return toContact(row, session.displayName);
    },
  });
}
