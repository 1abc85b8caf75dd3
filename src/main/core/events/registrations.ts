import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { DomainError } from '../../../shared/errors';
import type { Contract } from '../../../shared/rpc/contract';
import { appendAudit } from '../audit/chain';
import { requireConsent } from '../consents/rules';
import { requireDb, requireSession } from '../db/require';
import type { Tx } from '../db/schema';
import type { Registration } from '../../../shared/rpc/areas/events';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { findEvent, loadRegistration, personsWith } from './rows';
import { lockFamily } from '../families/lock';
import { stamp } from './stamp';

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
 * Holds the event's row for the rest of the transaction (PostgreSQL: a row
 * lock; SQLite: the write lock): registrations and move-ups of one event run
 * one after the other, also on two PCs of the hub. (A family is held before
 * its events, as a merge does: the same order everywhere.)
 */
export async function holdEvent(db: Tx, id: string): Promise<void> {
  await db.updateTable('events').set((eb) => ({ version: eb.ref('version') })).where('id', '=', id).execute();
}

/**
 * Moves waiting families up, in the order they registered, while places are
 * free: a household too large for what is free waits on, and the next one
 * that fits moves ahead of it (shown to the user; each move audited).
 */
export async function moveUpWaiting(db: Tx, eventId: string, services: CoreServices, userId: string): Promise<Registration[]> {
  // Two cancellations at the same moment (two PCs) move up one after the other, each counting the other's;
  // the capacity is read once the event is held (another PC may just have changed it).
  await holdEvent(db, eventId);
  const { capacity } = await findEvent(db, eventId);
  const waiting = await db.selectFrom('registrations').select(['id', 'persons']).where('event_id', '=', eventId).where('status', '=', 'waiting').orderBy('created_at').orderBy('id').execute();
  let free = capacity === null ? Number.POSITIVE_INFINITY : capacity - (await personsWith(db, eventId, 'registered'));
  const moved: Registration[] = [];
  for (const next of waiting) {
    if (next.persons > free) continue;
    free -= next.persons;
    await db.updateTable('registrations').set({ status: 'registered' }).where('id', '=', next.id).execute();
    // An audit entry of its own: who moved up, when, by whose change.
    const auditKey = services.state.keys?.audit;
    if (auditKey) await appendAudit(db, { method: 'registrations.moveUp', userId, entityType: 'registration', entityId: next.id, outcome: 'ok' }, services.now(), auditKey);
    moved.push(await loadRegistration(db, next.id));
  }
  return moved;
}

/**
 * The `registrations.*` area: families register in advance; beyond the
 * capacity they wait, and a cancellation moves the first waiting family up.
 */
export function registerRegistrationsApp(registry: Registry<Contract>, services: CoreServices): void {
  registry.register('registrations', {
    'registrations.add': async ({ eventId, familyId, memberIds }, ctx) => {
      const db = requireDb(ctx);
      // Registrations for one event one after the other, also from two PCs of the hub: the places counted
      // below are still free when this one is written (never more registered than the capacity).
      // The family held first (a merge that removes it meanwhile comes before or after this, never across it).
      if (!(await lockFamily(db, familyId))) throw new DomainError('NOT_FOUND', 'errors:family_not_found');
      await holdEvent(db, eventId);
      const event = await findEvent(db, eventId);
      if (event.status === 'cancelled') throw new DomainError('CONFLICT', 'errors:event_cancelled');
      // Like everything about a family: only with its consent to storing its data.
      await requireConsent(db, familyId, 'data_storage');
      const open = await db.selectFrom('registrations').select('id').where('event_id', '=', eventId).where('family_id', '=', familyId).where('status', '!=', 'cancelled').executeTakeFirst();
      if (open) throw new DomainError('CONFLICT', 'errors:already_registered');
      const members = await householdOf(db, familyId, memberIds);
      const registered = await personsWith(db, eventId, 'registered');
      // Beyond the capacity: onto the waiting list. (Whoever waits does not fit into what is free: moves up run after every change.)
      const full = event.capacity !== null && registered + members.length > event.capacity;
      const id = randomUUID();
      const inserted = await db
        .insertInto('registrations')
        .values({
          id,
          event_id: eventId,
          family_id: familyId,
          member_ids: JSON.stringify(memberIds && memberIds.length > 0 ? members : []),
          persons: members.length,
          status: full ? 'waiting' : 'registered',
          created_at: stamp(services.now()),
          created_by: requireSession(ctx).userId,
          cancelled_at: null,
        })
        // Another PC registered the family at the same moment (one open registration per family and event, migration 0017).
        .onConflict((oc) => oc.columns(['event_id', 'family_id']).where(sql.ref('status'), '!=', sql.lit('cancelled')).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new DomainError('CONFLICT', 'errors:already_registered');
      ctx.audit('registration', id);
      return loadRegistration(db, id);
    },

    'registrations.cancel': async ({ id }, ctx) => {
      const db = requireDb(ctx);
      const current = await loadRegistration(db, id);
      if (current.status === 'cancelled') throw new DomainError('CONFLICT', 'errors:registration_cancelled');
      // The event first, as every change of its registrations holds it (one order everywhere).
      await holdEvent(db, current.eventId);
      await db.updateTable('registrations').set({ status: 'cancelled', cancelled_at: services.now().toISOString() }).where('id', '=', id).execute();
      ctx.audit('registration', id);
      // Those who wait move up while their households fit into the places now free.
      const movedUpAll = await moveUpWaiting(db, current.eventId, services, requireSession(ctx).userId);
      return { cancelled: await loadRegistration(db, id), movedUp: movedUpAll[0] ?? null, movedUpAll };
    },
  });
}
