import { DomainError } from '../../../shared/errors';
import type { Contract } from '../../../shared/rpc/contract';
import { requireDb, requireSession } from '../db/require';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { findDuplicates } from './duplicates';
import { listFamilies } from './list';
import { requireGivenAtIntake } from '../consents/rules';
import { familyColumns, insertFamily, reindexFamily } from './intake';
import { mergeFamilies } from './merge';
import { moveUpWaiting } from '../events/registrations';
import { findFamilyIds } from './find';
import { HitRows, loadCheckinView, loadFamily, loadHits } from './repository';
import type { FamilySearchIndex } from './search-index';

/**
 * The `families.*` area: intake, search, the family page, duplicates and
 * merging. `search` is the database's own index, chosen by the composition root.
 */
export function registerFamiliesApp(registry: Registry<Contract>, services: CoreServices, search: FamilySearchIndex): void {
  registry.register('families', {
    'families.search': async ({ query, limit = 20 }, ctx) => {
      const db = requireDb(ctx);
      const rows = new HitRows();
      return { items: await loadHits(db, await findFamilyIds(db, search, query, limit, { rows }), rows) };
    },

    'families.get': async ({ id }, ctx) => {
      const db = requireDb(ctx);
      ctx.audit('family', id);
      // A host checks people in: names and members, never contact data, consents or contacts.
      return ctx.can('familyDetails') ? loadFamily(db, id) : loadCheckinView(db, id);
    },

    'families.create': async (input, ctx) => {
      const db = requireDb(ctx);
      requireGivenAtIntake(input.consents, 'data_storage');
      const created = await insertFamily(db, search, input, requireSession(ctx).userId, services.now());
      ctx.audit('family', created.id);
      ctx.changed('member', 'consent', ...(input.contact ? (['contact'] as const) : []));
      return created;
    },

    'families.update': async (input, ctx) => {
      const db = requireDb(ctx);
      const { id, version, status, statusReason, ...fields } = input;
      const result = await db
        .updateTable('families')
        .set({
          ...familyColumns(fields),
          status,
          status_reason: status === 'closed' ? (statusReason ?? null) : null,
          updated_at: services.now().toISOString(),
          version: version + 1,
        })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        const exists = await db.selectFrom('families').select('id').where('id', '=', id).executeTakeFirst();
        if (!exists) throw new DomainError('NOT_FOUND');
        // Someone else saved in between: never overwrite their change silently; show what they saved.
        const { members: _m, consents: _c, contacts: _k, caseworkers: _cw, ...current } = await loadFamily(db, id);
        throw new DomainError('CONFLICT', 'errors:family_changed', { current });
      }
      await reindexFamily(db, search, id);
      ctx.audit('family', id);
      return { version: version + 1 };
    },

    'families.duplicates': async (input, ctx) => ({ items: await findDuplicates(requireDb(ctx), input) }),

    'families.list': async (input, ctx) => listFamilies(requireDb(ctx), input),

    'families.exportList': async ({ filters, sort }, ctx) => {
      ctx.audit('family', null);
      return { items: (await listFamilies(requireDb(ctx), { filters, sort })).items };
    },

    'families.merge': async ({ keepId, mergeId }, ctx) => {
      const db = requireDb(ctx);
      const { freedEvents } = await mergeFamilies(db, search, keepId, mergeId, services.now());
      ctx.audit('family', `${keepId}<${mergeId}`);
      // A place given up by the double registration goes to whoever waits for it.
      for (const eventId of freedEvents) await moveUpWaiting(db, eventId, services, requireSession(ctx).userId);
      // Registrations, check-ins, referrals and engagements move (or go) with the household too.
      ctx.changed('member', 'consent', 'contact', 'registration', 'checkin', 'referral', 'engagement');
      return { id: keepId };
    },
  });
}
