import type { Attendee } from '../../../shared/rpc/areas/events';
import type { Contract } from '../../../shared/rpc/contract';
import { familiesWithConsent } from '../consents/rules';
import { requireDb } from '../db/require';
import type { Tx } from '../db/schema';
import type { Registry } from '../rpc/registry';
import { attendanceFile } from './attendance-file';
import { countsOf, findEvent, toEvent } from './rows';

/** Who was checked in to an event, by family and then as the household is sorted. */
export async function attendeesOf(db: Tx, eventId: string): Promise<Attendee[]> {
  const rows = await db
    .selectFrom('checkins as c')
    .innerJoin('members as m', 'm.id', 'c.person_id')
    .innerJoin('families as f', 'f.id', 'c.family_id')
    .select(['c.person_id', 'c.family_id', 'c.walk_in', 'c.at', 'c.checked_out_at', 'm.first_name', 'm.last_name', 'f.display_name', 'f.code'])
    .where('c.event_id', '=', eventId)
    .orderBy('f.name_fold')
    .orderBy('f.id')
    .orderBy('m.sort')
    .execute();
  const photos = await familiesWithConsent(db, [...new Set(rows.map((r) => r.family_id))], 'photos');
  return rows.map((r) => ({
    personId: r.person_id,
    firstName: r.first_name,
    lastName: r.last_name,
    familyName: r.display_name,
    familyCode: r.code,
    photoConsent: photos.has(r.family_id),
    walkIn: r.walk_in === 1,
    at: r.at,
    checkedOutAt: r.checked_out_at,
  }));
}

/** The `attendance.*` area: the attendance list to print, and its export for coordinators. */
export function registerAttendanceApp(registry: Registry<Contract>): void {
  registry.register('attendance', {
    'attendance.list': async ({ eventId }, ctx) => {
      const db = requireDb(ctx);
      const event = await findEvent(db, eventId);
      return { event: toEvent(event), attendees: await attendeesOf(db, eventId), counts: await countsOf(db, event) };
    },

    'attendance.export': async ({ eventId, format, language }, ctx) => {
      const db = requireDb(ctx);
      const event = await findEvent(db, eventId);
      const file = await attendanceFile(format, language, toEvent(event), await attendeesOf(db, eventId), await countsOf(db, event));
      // Names leave the encrypted store: the audit log says who took them, of which event.
      ctx.audit('event', eventId);
      return file;
    },
  });
}
