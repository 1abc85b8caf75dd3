import type { Volunteer, VolunteerLookup } from '../../../shared/rpc/areas/volunteers';
import { DomainError } from '../../../shared/errors';
import type { Tx, VolunteersTable, VolunteerTrainingsTable } from '../db/schema';

const json = <T>(text: string): T => JSON.parse(text) as T;

/** The lookup view: what caseworkers and reception see to find who fits. */
export function toLookup(row: VolunteersTable, trainings: readonly VolunteerTrainingsTable[]): VolunteerLookup {
  return {
    view: 'lookup',
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    roles: json(row.roles),
    languages: json(row.languages),
    districtIds: json(row.district_ids),
    availability: json(row.availability),
    absences: json(row.absences),
    status: row.status as VolunteerLookup['status'],
    trainings: trainings.map((t) => ({ title: t.title, date: t.date, qualification: t.qualification === 1 })),
  };
}

/** The whole record, for coordinators. */
export function toVolunteer(row: VolunteersTable, trainings: readonly VolunteerTrainingsTable[]): Volunteer {
  return {
    ...toLookup(row, trainings),
    view: 'full',
    phone: row.phone,
    email: row.email,
    street: row.street,
    postalCode: row.postal_code,
    city: row.city,
    // Rounded: PostgreSQL's REAL hands 1.3 back as 1.2999999523.
    trainings: trainings.map((t) => ({ id: t.id, title: t.title, date: t.date, hours: Math.round(Number(t.hours) * 100) / 100, certificate: t.certificate === 1, qualification: t.qualification === 1 })),
    confidentialityOn: row.confidentiality_on,
    consents: json(row.consents),
    memberId: row.member_id,
    notes: row.notes,
    version: row.version,
  };
}

/** Trainings of the given volunteers, by volunteer, newest first. */
export async function trainingsOf(db: Tx, ids: readonly string[]): Promise<Map<string, VolunteerTrainingsTable[]>> {
  const out = new Map<string, VolunteerTrainingsTable[]>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('volunteer_trainings').selectAll().where('volunteer_id', 'in', [...ids]).orderBy('date', 'desc').execute();
  for (const row of rows) out.set(row.volunteer_id, [...(out.get(row.volunteer_id) ?? []), row]);
  return out;
}

export async function findVolunteer(db: Tx, id: string): Promise<VolunteersTable> {
  const row = await db.selectFrom('volunteers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'errors:volunteer_not_found');
  return row;
}
