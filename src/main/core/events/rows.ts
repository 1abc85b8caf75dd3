import { DomainError } from '../../../shared/errors';
import type { Counts, Event, Registration } from '../../../shared/rpc/areas/events';
import type { EventsTable, RegistrationsTable, Tx } from '../db/schema';

export function toEvent(row: EventsTable): Event {
  return {
    id: row.id,
    seriesId: row.series_id,
    title: row.title,
    type: row.type as Event['type'],
    fieldOfAction: row.field_of_action,
    date: row.date,
    start: row.start_time,
    end: row.end_time,
    place: row.place,
    hosts: row.hosts ?? null,
    capacity: row.capacity,
    languages: JSON.parse(row.languages) as string[],
    interpreter: row.interpreter === 1,
    description: row.description,
    status: row.status as Event['status'],
    cancelReason: row.cancel_reason,
    version: row.version,
  };
}

export function toRegistration(row: RegistrationsTable & { display_name: string; code: string }): Registration {
  return {
    id: row.id,
    eventId: row.event_id,
    familyId: row.family_id,
    familyName: row.display_name,
    familyCode: row.code,
    memberIds: JSON.parse(row.member_ids) as string[],
    persons: row.persons,
    status: row.status as Registration['status'],
    createdAt: row.created_at,
  };
}

export async function findEvent(db: Tx, id: string): Promise<EventsTable> {
  const row = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'errors:event_not_found');
  return row;
}

/** Registrations with their family's name and code. */
export function registrationRows(db: Tx) {
  return db.selectFrom('registrations as r').innerJoin('families as f', 'f.id', 'r.family_id').selectAll('r').select(['f.display_name', 'f.code']);
}

export async function loadRegistration(db: Tx, id: string): Promise<Registration> {
  const row = await registrationRows(db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'errors:registration_not_found');
  return toRegistration(row);
}

/** Persons registered (or waiting) for an event. */
export async function personsWith(db: Tx, eventId: string, status: 'registered' | 'waiting'): Promise<number> {
  const row = await db
    .selectFrom('registrations')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('persons'), eb.lit(0)).as('n'))
    .where('event_id', '=', eventId)
    .where('status', '=', status)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The live counters of an event: present, registered, waiting, walk-ins, anonymous, places left. */
export async function countsOf(db: Tx, event: Pick<EventsTable, 'id' | 'capacity'>): Promise<Counts> {
  const checkins = await db
    .selectFrom('checkins')
    .select((eb) => [eb.fn.countAll<number>().as('present'), eb.fn.coalesce(eb.fn.sum<number>('walk_in'), eb.lit(0)).as('walk_ins')])
    .where('event_id', '=', event.id)
    .executeTakeFirst();
  const anonymous = await db
    .selectFrom('anonymous_attendance')
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('adults'), eb.lit(0)).as('adults'), eb.fn.coalesce(eb.fn.sum<number>('children'), eb.lit(0)).as('children')])
    .where('event_id', '=', event.id)
    .executeTakeFirst();
  // Registered and waiting persons in one grouped read.
  const byStatus = await db
    .selectFrom('registrations')
    .select((eb) => ['status', eb.fn.sum<number>('persons').as('n')])
    .where('event_id', '=', event.id)
    .where('status', '!=', 'cancelled')
    .groupBy('status')
    .execute();
  const registered = Number(byStatus.find((r) => r.status === 'registered')?.n ?? 0);
  const waiting = Number(byStatus.find((r) => r.status === 'waiting')?.n ?? 0);
  const adults = Number(anonymous?.adults ?? 0);
  const children = Number(anonymous?.children ?? 0);
  const walkIns = Number(checkins?.walk_ins ?? 0);
  return {
    present: Number(checkins?.present ?? 0),
    registered,
    waiting,
    walkIns,
    anonymous: { adults, children, total: adults + children },
    capacityLeft: event.capacity === null ? null : Math.max(0, event.capacity - registered - walkIns - adults - children),
  };
}
