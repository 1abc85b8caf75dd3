/**
 * Events for seeded offices (the bench): two years of weekly events in
 * several series with about 200,000 attendances of seeded families, and
 * today's Elterncafé with 300 people in already and 100 families registered,
 * where the bench's counter checks in.
 */
import { randomUUID } from 'node:crypto';
import { EVENT_TYPES } from '../../../shared/domain/lists';
import { localDay } from '../../../shared/dates';
import type { CheckinsTable, Db, EventsTable, RegistrationsTable } from '../db/schema';
import type { Rng } from './random';

export const TODAY_EVENT_TITLE = 'Bench-Elterncafé';
const WEEKS = 104;
const SERIES = 20;
/** Families per past event (about three persons each): 20 × 104 × 32 × 3 ≈ 200,000 attendances. */
const FAMILIES_PER_EVENT = 32;
const BATCH = 500;

export interface EventSeedSummary {
  events: number;
  attendances: number;
  todayEventId: string;
}

async function insertAll<T extends 'events' | 'registrations' | 'checkins'>(db: Db, table: T, rows: (T extends 'events' ? EventsTable : T extends 'registrations' ? RegistrationsTable : CheckinsTable)[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    await db.insertInto(table).values(rows.slice(start, start + BATCH) as never).execute();
  }
}

export async function seedEvents(db: Db, rng: Rng, now: Date, onProgress?: (message: string) => void): Promise<EventSeedSummary> {
  const members = await db.selectFrom('members').select(['id', 'family_id']).where('moved_out_at', 'is', null).execute();
  const households = new Map<string, string[]>();
  for (const m of members) households.set(m.family_id, [...(households.get(m.family_id) ?? []), m.id]);
  const familyIds = [...households.keys()];
  const at = now.toISOString();
  const event = (date: string, title: string, seriesId: string | null, type: string, capacity: number | null): EventsTable => ({
    id: randomUUID(),
    series_id: seriesId,
    title,
    hosts: null,
    type,
    field_of_action: rng.int(1, 3),
    date,
    start_time: '15:00',
    end_time: '17:00',
    place: 'Familienstützpunkt',
    capacity,
    languages: '[]',
    interpreter: 0,
    description: null,
    status: 'planned',
    cancel_reason: null,
    created_at: at,
    updated_at: at,
    created_by: null,
    version: 1,
  });
  const checkins = (eventId: string, families: string[], time: string): CheckinsTable[] =>
    families.flatMap((familyId) => {
      const batch = randomUUID();
      return (households.get(familyId) ?? []).map((personId) => ({ id: randomUUID(), event_id: eventId, person_id: personId, family_id: familyId, batch, at: time, by_user: null, walk_in: 0, checked_out_at: null }));
    });
  const pickFamilies = (n: number) => {
    const chosen = new Set<string>();
    while (chosen.size < n) chosen.add(familyIds[rng.int(0, familyIds.length - 1)]!);
    return [...chosen];
  };

  let events = 0;
  let attendances = 0;
  for (let s = 0; s < SERIES; s++) {
    const seriesId = randomUUID();
    const type = EVENT_TYPES[s % EVENT_TYPES.length]!;
    const rows: EventsTable[] = [];
    const attended: CheckinsTable[] = [];
    for (let w = WEEKS; w >= 1; w--) {
      const date = localDay(new Date(now.getTime() - (w * 7 - (s % 7)) * 86_400_000));
      const row = event(date, `Reihe ${s + 1}: ${type}`, seriesId, type, 60);
      rows.push(row);
      attended.push(...checkins(row.id, pickFamilies(FAMILIES_PER_EVENT), `${date}T14:10:00.000Z`));
    }
    await db.transaction().execute(async (trx) => {
      await insertAll(trx, 'events', rows);
      await insertAll(trx, 'checkins', attended);
    });
    events += rows.length;
    attendances += attended.length;
    onProgress?.(`events: series ${s + 1}/${SERIES} (${attendances} attendances)`);
  }

  // Today's event at the counter: 100 families registered, 300 persons in.
  const today = event(localDay(now), TODAY_EVENT_TITLE, null, 'parent_cafe', 600);
  const registered = pickFamilies(100);
  // 100 households of three: 300 persons in.
  const present = familyIds.filter((id) => households.get(id)?.length === 3).slice(0, 100);
  const registrations: RegistrationsTable[] = registered.map((familyId) => ({
    id: randomUUID(),
    event_id: today.id,
    family_id: familyId,
    member_ids: '[]',
    persons: households.get(familyId)?.length ?? 1,
    status: 'registered',
    created_at: at,
    created_by: null,
    cancelled_at: null,
  }));
  const inToday = checkins(today.id, present, at);
  await db.transaction().execute(async (trx) => {
    await insertAll(trx, 'events', [today]);
    await insertAll(trx, 'registrations', registrations);
    await insertAll(trx, 'checkins', inToday);
  });
  return { events: events + 1, attendances: attendances + inToday.length, todayEventId: today.id };
}
