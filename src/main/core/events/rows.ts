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
  // One statement, each counter a subquery: two round trips to the hub fewer at every check-in.
  const sum = (table: 'checkins' | 'anonymous_attendance' | 'registrations', column: 'walk_in' | 'adults' | 'children' | 'persons', status?: string) =>
    db
      .selectFrom(table)
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>(column), eb.lit(0)).as('n'))
      .where('event_id', '=', event.id)
      .$if(status !== undefined, (q) => q.where('status', '=', status!));
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('checkins').select((c) => c.fn.countAll<number>().as('n')).where('event_id', '=', event.id).as('present'),
      sum('checkins', 'walk_in').as('walk_ins'),
      sum('anonymous_attendance', 'adults').as('adults'),
      sum('anonymous_attendance', 'children').as('children'),
      sum('registrations', 'persons', 'registered').as('registered'),
      sum('registrations', 'persons', 'waiting').as('waiting'),
    ])
    .executeTakeFirstOrThrow();
  const registered = Number(row.registered);
  const waiting = Number(row.waiting);
  const adults = Number(row.adults);
  const children = Number(row.children);
  const walkIns = Number(row.walk_ins);
  return {
    present: Number(row.present),
    registered,
    waiting,
    walkIns,
    anonymous: { adults, children, total: adults + children },
    capacityLeft: event.capacity === null ? null : Math.max(0, event.capacity - registered - walkIns - adults - children),
  };
}
