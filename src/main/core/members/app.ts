import { DomainError } from '../../../shared/errors';
import type { Contract } from '../../../shared/rpc/contract';
import { requireConsent } from '../consents/rules';
import { requireDb } from '../db/require';
import type { Tx } from '../db/schema';
import { memberRow, reindexFamily } from '../families/intake';
import { lockFamily } from '../families/lock';
import type { FamilySearchIndex } from '../families/search-index';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { listEngagements, replaceEngagements } from './engagements';
import { resortMembers, toMember } from './rows';

/**
 * The `members.*` area: a household after intake — a new baby, a corrected
 * name or birth year, someone who moved out (kept, with the date), a member
 * entered by mistake (removed by a coordinator). Search and the duplicate
 * keys follow every change in the same transaction.
 */
export function registerMembersApp(registry: Registry<Contract>, services: CoreServices, search: FamilySearchIndex): void {
  /** After a change: members in order, search document rebuilt, the family marked as changed. */
  const afterChange = async (db: Tx, familyId: string) => {
    await resortMembers(db, familyId);
    await reindexFamily(db, search, familyId);
    await db.updateTable('families').set({ updated_at: services.now().toISOString() }).where('id', '=', familyId).execute();
  };

  registry.register('members', {
    'members.save': async ({ familyId, movedOutAt, version, ...fields }, ctx) => {
      const db = requireDb(ctx);
      if (!(await lockFamily(db, familyId))) throw new DomainError('NOT_FOUND');
      const row = { ...memberRow(familyId, fields, 999), ...(movedOutAt !== undefined ? { moved_out_at: movedOutAt } : {}) };
      if (fields.id) {
        const existing = await db.selectFrom('members').selectAll().where('id', '=', fields.id).where('family_id', '=', familyId).executeTakeFirst();
        if (!existing) throw new DomainError('NOT_FOUND');
        // Someone corrected this person since the form was filled: nothing is overwritten, their values go back.
        if (version !== undefined && version !== existing.version) throw new DomainError('CONFLICT', 'errors:member_changed', { current: toMember(existing) });
        const { id, family_id: _family, sort: _sort, ...changes } = row;
        await db
          .updateTable('members')
          .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
          .where('id', '=', id)
          .execute();
      } else {
        // A new person in the record is new data: only with the consent to store it.
        await requireConsent(db, familyId, 'data_storage');
        await db.insertInto('members').values({ ...row, moved_out_at: movedOutAt ?? null }).execute();
      }
      await afterChange(db, familyId);
      ctx.audit('member', row.id);
      return toMember(await db.selectFrom('members').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow());
    },

    'members.remove': async ({ id }, ctx) => {
      const db = requireDb(ctx);
      const member = await db.selectFrom('members').select(['id', 'family_id']).where('id', '=', id).executeTakeFirst();
      if (!member || !(await lockFamily(db, member.family_id))) throw new DomainError('NOT_FOUND');
      const others = await db
        .selectFrom('members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('family_id', '=', member.family_id)
        .where('id', '!=', id)
        .where('moved_out_at', 'is', null)
        .executeTakeFirstOrThrow();
      // A family is the people living in it: the last of them is not removed (close the family instead).
      if (Number(others.n) < 1) throw new DomainError('CONFLICT', 'errors:last_member');
      await db.deleteFrom('members').where('id', '=', id).execute();
      // A volunteer once linked to this (mistaken) entry is no longer linked to anyone.
      await db.updateTable('volunteers').set({ member_id: null }).where('member_id', '=', id).execute();
      await afterChange(db, member.family_id);
      // The member is gone: the trace names the family it was removed from, and who it was.
      ctx.audit('member', `${member.family_id}/${id}`);
      return { ok: true as const };
    },

    'engagements.save': async ({ familyId, memberId, engagements }, ctx) => {
      const db = requireDb(ctx);
      if (!(await lockFamily(db, familyId))) throw new DomainError('NOT_FOUND');
      const member = await db.selectFrom('members').select('id').where('id', '=', memberId).where('family_id', '=', familyId).executeTakeFirst();
      if (!member) throw new DomainError('NOT_FOUND');
      await requireConsent(db, familyId, 'data_storage');
      await replaceEngagements(db, familyId, memberId, engagements, services.now().toISOString());
      await db.updateTable('families').set({ updated_at: services.now().toISOString() }).where('id', '=', familyId).execute();
      ctx.audit('engagement', `${familyId}/${memberId}`);
      return { items: await listEngagements(db, familyId, memberId) };
    },

    'engagements.list': async ({ familyId }, ctx) => ({ items: await listEngagements(requireDb(ctx), familyId) }),
  });
}
