import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import type { Tx } from '../db/schema';

/** Hours between two HH:MM times of one day. */
const hoursBetween = (start: string, end: string) => {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return Math.max(0, minutes(end) - minutes(start)) / 60;
};

export async function trainingVolunteers(db: Tx, eventId: string) {
  const rows = await db
    .selectFrom('event_volunteers as ev')
    .innerJoin('volunteers as v', 'v.id', 'ev.volunteer_id')
    .select(['ev.volunteer_id', 'ev.attended', 'v.first_name', 'v.last_name'])
    .where('ev.event_id', '=', eventId)
    .orderBy('v.last_name')
    .orderBy('v.first_name')
    .execute();
  return rows.map((r) => ({ volunteerId: r.volunteer_id, firstName: r.first_name, lastName: r.last_name, attended: r.attended === 1 }));
}

/**
 * A volunteer on or off a training's list; attending writes the training
 * into their record (what the certificate of engagement and matching read),
 * and un-ticking it takes that entry back (by its id: an entry typed in by
 * hand with the same title and date stays).
 */
export async function setTrainingVolunteer(db: Tx, input: { eventId: string; volunteerId: string; registered: boolean; attended?: boolean }, now: string): Promise<void> {
  const event = await db.selectFrom('events').select(['id', 'type', 'title', 'date', 'start_time', 'end_time', 'status']).where('id', '=', input.eventId).executeTakeFirst();
  if (!event) throw new DomainError('NOT_FOUND', 'errors:event_not_found');
  if (event.type !== 'volunteer_training') throw new DomainError('CONFLICT', 'errors:not_a_training');
  if (!(await db.selectFrom('volunteers').select('id').where('id', '=', input.volunteerId).executeTakeFirst())) throw new DomainError('NOT_FOUND', 'errors:volunteer_not_found');
  const existing = await db.selectFrom('event_volunteers').selectAll().where('event_id', '=', event.id).where('volunteer_id', '=', input.volunteerId).executeTakeFirst();
  const attended = input.registered && (input.attended ?? existing?.attended === 1);
  // A cancelled training takes no new names and no attendance (it did not take place).
  if (event.status === 'cancelled' && input.registered && (!existing || attended)) throw new DomainError('CONFLICT', 'errors:event_cancelled');
  const wasAttended = existing?.attended === 1;
  let trainingId = existing?.training_id ?? null;
  if (attended !== wasAttended) {
    // Only the entry this training wrote is taken back: one the coordinator typed in stays.
    if (trainingId) await db.deleteFrom('volunteer_trainings').where('id', '=', trainingId).where('volunteer_id', '=', input.volunteerId).execute();
    trainingId = null;
    if (attended) {
      trainingId = randomUUID();
      await db
        .insertInto('volunteer_trainings')
        .values({ id: trainingId, volunteer_id: input.volunteerId, title: event.title, date: event.date, hours: hoursBetween(event.start_time, event.end_time), certificate: 0, qualification: 0 })
        .execute();
    }
    // The record changed: a volunteer form opened before this is refused on save, not silently overwriting it.
    await db.updateTable('volunteers').set((eb) => ({ version: eb('version', '+', 1), updated_at: now })).where('id', '=', input.volunteerId).execute();
  }
  if (!input.registered) await db.deleteFrom('event_volunteers').where('event_id', '=', event.id).where('volunteer_id', '=', input.volunteerId).execute();
  else if (existing) await db.updateTable('event_volunteers').set({ attended: attended ? 1 : 0, training_id: trainingId }).where('event_id', '=', event.id).where('volunteer_id', '=', input.volunteerId).execute();
  else await db.insertInto('event_volunteers').values({ event_id: event.id, volunteer_id: input.volunteerId, attended: attended ? 1 : 0, training_id: trainingId, created_at: now }).execute();
}

/**
 * After the volunteer form saved the trainings anew (new ids): each attended
 * training points at its entry again, found by the event's title and date;
 * one the coordinator removed in the form is no longer linked.
 */
export async function relinkAttendedTrainings(db: Tx, volunteerId: string): Promise<void> {
  const links = await db
    .selectFrom('event_volunteers as ev')
    .innerJoin('events as e', 'e.id', 'ev.event_id')
    .select(['ev.event_id', 'e.title', 'e.date'])
    .where('ev.volunteer_id', '=', volunteerId)
    .where('ev.training_id', 'is not', null)
    .execute();
  for (const link of links) {
    // Attending writes entries without certificate or qualification: those first, if one was also typed in by hand.
    const entry = await db
      .selectFrom('volunteer_trainings')
      .select('id')
      .where('volunteer_id', '=', volunteerId)
      .where('title', '=', link.title)
      .where('date', '=', link.date)
      .orderBy('certificate')
      .orderBy('qualification')
      .executeTakeFirst();
    await db
      .updateTable('event_volunteers')
      .set({ training_id: entry?.id ?? null })
      .where('event_id', '=', link.event_id)
      .where('volunteer_id', '=', volunteerId)
      .execute();
  }
}
