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
 * and un-ticking it takes that entry back.
 */
export async function setTrainingVolunteer(db: Tx, input: { eventId: string; volunteerId: string; registered: boolean; attended?: boolean }, now: string): Promise<void> {
  const event = await db.selectFrom('events').select(['id', 'type', 'title', 'date', 'start_time', 'end_time', 'status']).where('id', '=', input.eventId).executeTakeFirst();
  if (!event) throw new DomainError('NOT_FOUND', 'errors:event_not_found');
  if (event.type !== 'volunteer_training') throw new DomainError('CONFLICT', 'errors:not_a_training');
  if (!(await db.selectFrom('volunteers').select('id').where('id', '=', input.volunteerId).executeTakeFirst())) throw new DomainError('NOT_FOUND', 'errors:volunteer_not_found');
  const existing = await db.selectFrom('event_volunteers').selectAll().where('event_id', '=', event.id).where('volunteer_id', '=', input.volunteerId).executeTakeFirst();
  const attended = input.registered && (input.attended ?? existing?.attended === 1);
  if (!input.registered) await db.deleteFrom('event_volunteers').where('event_id', '=', event.id).where('volunteer_id', '=', input.volunteerId).execute();
  else if (existing) await db.updateTable('event_volunteers').set({ attended: attended ? 1 : 0 }).where('event_id', '=', event.id).where('volunteer_id', '=', input.volunteerId).execute();
  else {
    if (event.status === 'cancelled') throw new DomainError('CONFLICT', 'errors:event_cancelled');
    await db.insertInto('event_volunteers').values({ event_id: event.id, volunteer_id: input.volunteerId, attended: attended ? 1 : 0, created_at: now }).execute();
  }
  const wasAttended = existing?.attended === 1;
  if (attended === wasAttended) return;
  // The training entry is found again by title and date (the volunteer form saves trainings whole).
  await db.deleteFrom('volunteer_trainings').where('volunteer_id', '=', input.volunteerId).where('title', '=', event.title).where('date', '=', event.date).execute();
  if (attended) {
    await db
      .insertInto('volunteer_trainings')
      .values({ id: randomUUID(), volunteer_id: input.volunteerId, title: event.title, date: event.date, hours: hoursBetween(event.start_time, event.end_time), certificate: 0, qualification: 0 })
      .execute();
  }
}
