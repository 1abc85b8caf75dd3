import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import type { Contract } from '../../../shared/rpc/contract';
import { appendAudit } from '../audit/chain';
import { requireConsent } from '../consents/rules';
import { requireDb, requireSession } from '../db/require';
import type { Tx } from '../db/schema';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { findEvent, loadRegistration, personsWith } from './rows';

/** The members a registration names, checked to be this family's current household; all of them when none are named. */
async function householdOf(db: Tx, familyId: string, memberIds: string[] | undefined): Promise<string[]> {
  const members = await db.selectFrom('members').select('id').where('family_id', '=', familyId).where('moved_out_at', 'is', null).execute();
  const ids = new Set(members.map((m) => m.id));
  if (!memberIds || memberIds.length === 0) return [...ids];
  if (memberIds.some((id) => !ids.has(id))) {
    throw new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: ['memberIds'], message: 'validation:participant_unknown' }] });
  }
  return [...new Set(memberIds)];
}

/**
 * The `registrations.*` area: families register in advance; beyond the
 * capacity they wait, and a cancellation moves the first waiting family up.
 */
export function registerRegistrationsApp(registry: Registry<Contract>, services: CoreServices): void {
  registry.register('registrations', {
    'registrations.add': async ({ eventId, familyId, memberIds }, ctx) => {
      const db = requireDb(ctx);
      const event = await findEvent(db, eventId);
      if (event.status === 'cancelled') throw new DomainError('CONFLICT', 'errors:event_cancelled');
      if (!(await db.selectFrom('families').select('id').where('id', '=', familyId).executeTakeFirst())) throw new DomainError('NOT_FOUND', 'errors:family_not_found');
      // Like everything about a family: only with its consent to storing its data.
      await requireConsent(db, familyId, 'data_storage');
      const open = await db.selectFrom('registrations').select('id').where('event_id', '=', eventId).where('family_id', '=', familyId).where('status', '!=', 'cancelled').executeTakeFirst();
      if (open) throw new DomainError('CONFLICT', 'errors:already_registered');
      const members = await householdOf(db, familyId, memberIds);
      const registered = await personsWith(db, eventId, 'registered');
      const waiting = await personsWith(db, eventId, 'waiting');
      // Beyond the capacity, or behind others who wait: onto the waiting list.
      const full = event.capacity !== null && (waiting > 0 || registered + members.length > event.capacity);
      const id = randomUUID();
      await db
        .insertInto('registrations')
        .values({
          id,
          event_id: eventId,
          family_id: familyId,
          member_ids: JSON.stringify(memberIds && memberIds.length > 0 ? members : []),
          persons: members.length,
          status: full ? 'waiting' : 'registered',
          created_at: services.now().toISOString(),
          created_by: requireSession(ctx).userId,
          cancelled_at: null,
        })
        .execute();
      ctx.audit('registration', id);
      return loadRegistration(db, id);
    },

    'registrations.cancel': async ({ id }, ctx) => {
      const db = requireDb(ctx);
      const current = await loadRegistration(db, id);
      if (current.status === 'cancelled') throw new DomainError('CONFLICT', 'errors:registration_cancelled');
      await db.updateTable('registrations').set({ status: 'cancelled', cancelled_at: services.now().toISOString() }).where('id', '=', id).execute();
      ctx.audit('registration', id);
      // The first who waits moves up when their household fits into the places now free.
      const event = await findEvent(db, current.eventId);
      const first = await db.selectFrom('registrations').select(['id', 'persons']).where('event_id', '=', event.id).where('status', '=', 'waiting').orderBy('created_at').orderBy('id').executeTakeFirst();
      let movedUp = null;
      if (first && (event.capacity === null || (await personsWith(db, event.id, 'registered')) + first.persons <= event.capacity)) {
        await db.updateTable('registrations').set({ status: 'registered' }).where('id', '=', first.id).execute();
        // An audit entry of its own: who moved up, when, by whose cancellation.
        const auditKey = services.state.keys?.audit;
        if (auditKey) {
          await appendAudit(db, { method: 'registrations.moveUp', userId: requireSession(ctx).userId, entityType: 'registration', entityId: first.id, outcome: 'ok' }, services.now(), auditKey);
        }
        movedUp = await loadRegistration(db, first.id);
      }
      return { cancelled: await loadRegistration(db, id), movedUp };
    },
  });
}
