import { DomainError } from '../../../shared/errors';
import type { Tx } from '../db/schema';
import { resortMembers } from '../members/rows';
import { reindexFamily } from './intake';
import { lockFamily } from './lock';
import { holdEvent } from '../events/registrations';
import type { FamilySearchIndex } from './search-index';

/**
 * Moves the members, contacts, consents, attendances, registrations,
 * referrals and engagements of one family into another and removes the first. Both families are held first (in a fixed order, so two
 * merges never wait on each other): a contact or consent written meanwhile
 * for the merged family, even on another PC, is moved with it, never lost.
 */
export async function mergeFamilies(db: Tx, search: FamilySearchIndex, keepId: string, mergeId: string, now: Date): Promise<{ freedEvents: string[] }> {
  if (keepId === mergeId) throw new DomainError('CONFLICT', 'errors:merge_same');
  for (const id of [keepId, mergeId].sort()) {
    if (!(await lockFamily(db, id))) throw new DomainError('NOT_FOUND');
  }
  // Then the events both are registered for (in id order, before anything touches check-ins or report
  // buckets: the order a registration and a check-in take too). With both families held, no other PC
  // adds such an event meanwhile.
  const shared = await openInBoth(db, keepId, mergeId).select('m.event_id').distinct().orderBy('m.event_id').execute();
  for (const { event_id } of shared) await holdEvent(db, event_id);
  await db.updateTable('contacts').set({ family_id: keepId }).where('family_id', '=', mergeId).execute();
  await db.updateTable('consents').set({ family_id: keepId }).where('family_id', '=', mergeId).execute();
  await keepMembersAnswers(db, keepId, mergeId);
  await db.updateTable('members').set({ family_id: keepId }).where('family_id', '=', mergeId).execute();
  // Events: attendance moves with the persons; registrations move too, and where both families are
  // registered for one event the household keeps one (the same people registered twice).
  await db.updateTable('checkins').set({ family_id: keepId }).where('family_id', '=', mergeId).execute();
  const freed = await dropDoubleRegistrations(db, keepId, mergeId);
  await db.updateTable('registrations').set({ family_id: keepId }).where('family_id', '=', mergeId).execute();
  // Referrals (with their steps and hours) and what the members take part in go with the household.
  await db.updateTable('referrals').set({ family_id: keepId }).where('family_id', '=', mergeId).execute();
  await db.updateTable('member_engagements').set({ family_id: keepId }).where('family_id', '=', mergeId).execute();
  await resortMembers(db, keepId);
  await search.remove(db, mergeId);
  await db.deleteFrom('families').where('id', '=', mergeId).execute();
  await db
    .updateTable('families')
    .set((eb) => ({
      version: eb('version', '+', 1),
      updated_at: now.toISOString(),
      last_contact_at: eb.selectFrom('contacts').select((c) => c.fn.max('contacts.occurred_at').as('newest')).whereRef('contacts.family_id', '=', 'families.id'),
    }))
    .where('id', '=', keepId)
    .execute();
  await reindexFamily(db, search, keepId);
  return { freedEvents: freed };
}

/** The merged family's (m) and the kept family's (k) open registrations for the same events. */
function openInBoth(db: Tx, keepId: string, mergeId: string) {
  return db
    .selectFrom('registrations as m')
    .innerJoin('registrations as k', (join) => join.onRef('k.event_id', '=', 'm.event_id'))
    .where('m.family_id', '=', mergeId)
    .where('k.family_id', '=', keepId)
    .where('m.status', '!=', 'cancelled')
    .where('k.status', '!=', 'cancelled');
}

/**
 * Where both families hold an open registration for one event, removes one of
 * them and answers the events where a place was given up (waiting families may
 * move up there). Kept: a place over a waiting one; of two places the one for
 * more persons (the kept family's when equal); of two waiting the earlier.
 * (The events are held already, see mergeFamilies.)
 */
async function dropDoubleRegistrations(db: Tx, keepId: string, mergeId: string): Promise<string[]> {
  const both = await openInBoth(db, keepId, mergeId)
    .select(['m.event_id as eventId', 'm.id as mergedId', 'm.status as mergedStatus', 'm.persons as mergedPersons', 'm.created_at as mergedAt', 'k.id as keptId', 'k.status as keptStatus', 'k.persons as keptPersons', 'k.created_at as keptAt'])
    .orderBy('m.event_id')
    .execute();
  const freed: string[] = [];
  for (const pair of both) {
    const keepMerged =
      pair.keptStatus !== pair.mergedStatus ? pair.mergedStatus === 'registered' : pair.keptStatus === 'registered' ? pair.mergedPersons > pair.keptPersons : pair.mergedAt < pair.keptAt;
    await db.deleteFrom('registrations').where('id', '=', keepMerged ? pair.keptId : pair.mergedId).execute();
    if (pair.keptStatus === 'registered' && pair.mergedStatus === 'registered') freed.push(pair.eventId);
  }
  return freed;
}

/**
 * A member who answered "as the family" would take the kept family's answer
 * after the move: where their own family had a stated answer (yes/no) that
 * differs, it becomes the member's own, so nobody's answer changes by a merge.
 * "not stated" is no answer to keep: the kept family's then holds.
 */
async function keepMembersAnswers(db: Tx, keepId: string, mergeId: string): Promise<void> {
  const answers = (id: string) => db.selectFrom('families').select(['migration_background', 'immigration_history']).where('id', '=', id).executeTakeFirstOrThrow();
  const [keep, merged] = await Promise.all([answers(keepId), answers(mergeId)]);
  if (merged.migration_background !== 'not_stated' && merged.migration_background !== keep.migration_background) {
    await db.updateTable('members').set({ migration_background: merged.migration_background }).where('family_id', '=', mergeId).where('migration_background', 'is', null).execute();
  }
  if (merged.immigration_history !== 'not_stated' && merged.immigration_history !== keep.immigration_history) {
    await db.updateTable('members').set({ immigration_history: merged.immigration_history }).where('family_id', '=', mergeId).where('immigration_history', 'is', null).execute();
  }
}
