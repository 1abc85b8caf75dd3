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
import { foldName } from './normalize';
import { loadCheckinView, loadFamily, loadHits } from './repository';
import { rankBySpelling, RERANK_POOL } from './rank';
import { searchTerms, withTypoAlternatives } from './search';
import type { FamilySearchIndex } from './search-index';

/**
 * The `families.*` area: intake, search, the family page, duplicates and
 * merging. `search` is the database's own index, chosen by the composition root.
 */
export function registerFamiliesApp(registry: Registry<Contract>, services: CoreServices, search: FamilySearchIndex): void {
  registry.register('families', {
    'families.search': async ({ query, limit = 20 }, ctx) => {
      const db = requireDb(ctx);
      const folded = foldName(query);
      if (folded.length === 0) return { items: [] };
      // One to three letters match a large share of all names: list household
      // names with that start (cheap via the name index), and from two letters on
      // fill up with anyone whose name starts so — unranked, because ranking
      // thousands of hits of a short prefix costs more than it tells.
      if (folded.length === 1 || (folded.length <= 3 && !folded.includes(' ') && !/\d/.test(folded))) {
        const byName = await db
          .selectFrom('families')
          .select('id')
          .where('name_fold', '>=', folded)
          .where('name_fold', '<', `${folded}\uffff`)
          .orderBy('name_fold')
          .limit(limit)
          .execute();
        const ids = byName.map((r) => r.id);
        if (folded.length > 1 && ids.length < limit) {
          for (const id of await search.prefix(db, folded, limit * 2)) {
            if (!ids.includes(id)) ids.push(id);
            if (ids.length >= limit) break;
          }
        }
        return { items: await loadHits(db, ids) };
      }
      const exact = /^[0-9a-z]{6}$/i.test(query.trim())
        ? await db.selectFrom('families').select('id').where('code', '=', query.trim().toUpperCase()).executeTakeFirst()
        : undefined;
      const terms = searchTerms(query);
      const pool = Math.max(limit, RERANK_POOL);
      let ids = await search.search(db, terms, pool);
      if (ids.length === 0) {
        const tolerant = await withTypoAlternatives(db, search, terms);
        if (tolerant) ids = await search.search(db, tolerant, pool);
      }
      ids = (await rankBySpelling(db, terms, ids)).slice(0, limit);
      const ordered = exact ? [exact.id, ...ids.filter((id) => id !== exact.id)].slice(0, limit) : ids;
      return { items: await loadHits(db, ordered) };
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
      await mergeFamilies(db, search, keepId, mergeId, services.now());
      ctx.audit('family', `${keepId}<${mergeId}`);
      ctx.changed('member', 'consent', 'contact');
      return { id: keepId };
    },
  });
}
