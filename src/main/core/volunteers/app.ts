import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import type { VolunteerValues } from '../../../shared/rpc/areas/volunteers';
import type { Contract } from '../../../shared/rpc/contract';
import { requireDb } from '../db/require';
import type { Tx, VolunteersTable } from '../db/schema';
import { foldName } from '../families/normalize';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { localDay } from '../../../shared/dates';
import { startVolunteering } from '../members/engagements';
import { volunteerHours } from './hours';
import { relinkAttendedTrainings, setTrainingVolunteer, trainingVolunteers } from './trainings';
import { findVolunteer, toLookup, toVolunteer, trainingsOf } from './rows';

const invalid = (path: (string | number)[], message: string) => new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path, message }] });

/** Districts and the former family member must exist: a typo'd id is refused, never stored. */
async function checkReferences(db: Tx, input: VolunteerValues): Promise<void> {
  const districts = [...new Set(input.districtIds)];
  if (districts.length > 0) {
    const found = await db.selectFrom('districts').select('id').where('id', 'in', districts).execute();
    if (found.length !== districts.length) throw invalid(['districtIds'], 'validation:district_unknown');
  }
  if (input.memberId && !(await db.selectFrom('members').select('id').where('id', '=', input.memberId).executeTakeFirst())) {
    throw invalid(['memberId'], 'validation:member_unknown');
  }
}

/**
 * The row's columns from a save. Status, absences and consents left out of
 * an update keep what is stored (a caller that does not know them must not
 * re-activate a paused volunteer or wipe their absences).
 */
function columns(input: VolunteerValues, now: string, current?: VolunteersTable) {
  return {
    first_name: input.firstName,
    last_name: input.lastName,
    phone: input.phone ?? null,
    email: input.email ?? null,
    street: input.street ?? null,
    postal_code: input.postalCode ?? null,
    city: input.city ?? null,
    roles: JSON.stringify([...new Set(input.roles)]),
    languages: JSON.stringify(input.languages),
    district_ids: JSON.stringify([...new Set(input.districtIds)]),
    availability: JSON.stringify(input.availability),
    absences: input.absences ? JSON.stringify(input.absences) : (current?.absences ?? '[]'),
    consents: input.consents ? JSON.stringify(input.consents) : (current?.consents ?? '[]'),
    confidentiality_on: input.confidentialityOn ?? null,
    status: input.status ?? current?.status ?? 'active',
    member_id: input.memberId ?? current?.member_id ?? null,
    notes: input.notes ?? null,
    updated_at: now,
  };
}

/**
 * The `volunteers.*` area: the pool of lay interpreters, Lotsen and Paten.
 * Coordinators manage it; caseworkers and reception look up who fits and see
 * no address or contact data (RECORD_RULES.volunteerDetails).
 */
export function registerVolunteersApp(registry: Registry<Contract>, services: CoreServices): void {
  registry.register('volunteers', {
    'volunteers.save': async (input, ctx) => {
      const db = requireDb(ctx);
      await checkReferences(db, input);
      const now = services.now().toISOString();
      let id = input.id;
      let linkedBefore: string | null = null;
      if (id) {
        const current = await findVolunteer(db, id);
        linkedBefore = current.member_id;
        const result = await db
          .updateTable('volunteers')
          .set({ ...columns(input, now, current), version: current.version + 1 })
          .where('id', '=', id)
          .where('version', '=', input.version ?? current.version)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) throw new DomainError('CONFLICT', 'errors:volunteer_changed');
      } else {
        id = randomUUID();
        await db.insertInto('volunteers').values({ id, ...columns(input, now), created_at: now, version: 1 }).execute();
      }
      // Trainings are saved with the record, as the form shows them (a list left out keeps the stored one).
      if (input.trainings) {
        await db.deleteFrom('volunteer_trainings').where('volunteer_id', '=', id).execute();
        if (input.trainings.length > 0) {
          await db
            .insertInto('volunteer_trainings')
            .values(input.trainings.map((t) => ({ id: randomUUID(), volunteer_id: id!, title: t.title, date: t.date, hours: t.hours, certificate: t.certificate ? 1 : 0, qualification: t.qualification ? 1 : 0 })))
            .execute();
        }
        await relinkAttendedTrainings(db, id);
      }
      // A family member who becomes a volunteer: their participation at the office starts today (Mitmachen).
      if (input.memberId && input.memberId !== linkedBefore && (await startVolunteering(db, input.memberId, localDay(services.now()), now))) ctx.changed('engagement');
      ctx.audit('volunteer', id);
      const row = await findVolunteer(db, id);
      return toVolunteer(row, (await trainingsOf(db, [id])).get(id) ?? []);
    },

    'volunteers.list': async (input, ctx) => {
      const db = requireDb(ctx);
      let q = db.selectFrom('volunteers').selectAll().orderBy('last_name').orderBy('first_name');
      if (input?.status) q = q.where('status', '=', input.status);
      const needle = input?.query ? foldName(input.query) : '';
      // A pool of hundreds: the list filters (JSON columns) are applied here, not in SQL.
      const rows = (await q.execute()).filter(
        (row) =>
          (!input?.role || (JSON.parse(row.roles) as string[]).includes(input.role)) &&
          (!input?.language || (JSON.parse(row.languages) as { code: string }[]).some((l) => l.code === input.language)) &&
          (!needle || foldName(`${row.first_name} ${row.last_name}`).includes(needle)),
      );
      const trainings = await trainingsOf(db, rows.map((r) => r.id));
      const full = ctx.can('volunteerDetails');
      return { items: rows.map((row) => (full ? toVolunteer : toLookup)(row, trainings.get(row.id) ?? [])) };
    },

    'volunteers.hours': async ({ from, to, volunteerId }, ctx) => volunteerHours(requireDb(ctx), from, to, volunteerId),

    'trainings.volunteers': async ({ eventId }, ctx) => ({ items: await trainingVolunteers(requireDb(ctx), eventId) }),

    'trainings.setVolunteer': async (input, ctx) => {
      await setTrainingVolunteer(requireDb(ctx), input, services.now().toISOString());
      ctx.changed('event');
      ctx.audit('volunteer', input.volunteerId);
      return { ok: true as const };
    },

    'volunteers.get': async ({ id }, ctx) => {
      const db = requireDb(ctx);
      const row = await findVolunteer(db, id);
      const trainings = (await trainingsOf(db, [id])).get(id) ?? [];
      return ctx.can('volunteerDetails') ? toVolunteer(row, trainings) : toLookup(row, trainings);
    },
  });
}
