import type { Family, FamilyCheckin, FamilyHit } from '../../../shared/rpc/areas/families';
import { DomainError } from '../../../shared/errors';
import { toContact } from '../contacts/rows';
import { toConsent } from '../consents/rows';
import { hasConsent } from '../consents/rules';
import type { Tx } from '../db/schema';
import { toMember } from '../members/rows';

type Role = FamilyHit['members'][number]['role'];

/** What every view of a member shows: name, birth year, role in the household. */
function memberBasics(m: { first_name: string; last_name: string; birth_year: number; role: string }): FamilyHit['members'][number] {
  return { firstName: m.first_name, lastName: m.last_name, birthYear: m.birth_year, role: m.role as Role };
}

/** Search hits in the given order, with members (parents first, then children by age). */
export async function loadHits(db: Tx, ids: string[]): Promise<FamilyHit[]> {
  if (ids.length === 0) return [];
  const families = await db
    .selectFrom('families as f')
    .leftJoin('districts as d', 'd.id', 'f.district_id')
    .select(['f.id', 'f.code', 'f.display_name', 'd.name as district_name', 'f.phone', 'f.status'])
    .where('f.id', 'in', ids)
    .execute();
  const members = await db
    .selectFrom('members')
    .select(['family_id', 'first_name', 'last_name', 'birth_year', 'role'])
    .where('family_id', 'in', ids)
    // The household as it is today (a member who moved out still finds the family, but is not listed).
    .where('moved_out_at', 'is', null)
    .orderBy('family_id')
    .orderBy('sort')
    .execute();
  const byFamily = new Map<string, FamilyHit['members']>();
  for (const m of members) {
    const list = byFamily.get(m.family_id) ?? [];
    list.push(memberBasics(m));
    byFamily.set(m.family_id, list);
  }
  const byId = new Map(families.map((f) => [f.id, f]));
  return ids
    .map((id) => byId.get(id))
    .filter((f): f is NonNullable<typeof f> => f !== undefined)
    .map((f) => ({
      id: f.id,
      code: f.code,
      displayName: f.display_name,
      districtName: f.district_name ?? null,
      phone: f.phone,
      status: f.status as FamilyHit['status'],
      members: byFamily.get(f.id) ?? [],
    }));
}

/** One family with everything its page shows. */
export async function loadFamily(db: Tx, id: string): Promise<Family> {
  const f = await db
    .selectFrom('families as f')
    .leftJoin('districts as d', 'd.id', 'f.district_id')
    .selectAll('f')
    .select('d.name as district_name')
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!f) throw new DomainError('NOT_FOUND');
  const [members, consents, contacts, caseworkers] = await Promise.all([
    db.selectFrom('members').selectAll().where('family_id', '=', id).orderBy('sort').execute(),
    db
      .selectFrom('consents as c')
      .leftJoin('users as u', 'u.id', 'c.recorded_by')
      .selectAll('c')
      .select('u.display_name as recorder')
      .where('c.family_id', '=', id)
      // Newest recorded first, the same order hasConsent decides by.
      .orderBy('c.recorded_at', 'desc')
      .orderBy('c.id', 'desc')
      .execute(),
    db
      .selectFrom('contacts as c')
      .leftJoin('users as u', 'u.id', 'c.staff_id')
      .selectAll('c')
      .select('u.display_name as staff_name')
      .where('c.family_id', '=', id)
      .orderBy('c.occurred_at', 'desc')
      .limit(200)
      .execute(),
    db
      .selectFrom('case_assignments as a')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .select(['a.user_id', 'a.lead', 'u.display_name'])
      .where('a.family_id', '=', id)
      .orderBy('a.lead', 'desc')
      .orderBy('u.display_name')
      .execute(),
  ]);
  return {
    view: 'full',
    id: f.id,
    code: f.code,
    displayName: f.display_name,
    street: f.street,
    postalCode: f.postal_code,
    city: f.city,
    districtId: f.district_id,
    districtName: f.district_name ?? null,
    phone: f.phone,
    email: f.email,
    languages: JSON.parse(f.languages) as string[],
    preferredLanguage: f.preferred_language,
    interpreterNeeded: f.interpreter_needed === 1,
    interpreterLanguage: f.interpreter_language,
    accessRoute: f.access_route,
    migrationBackground: f.migration_background as Family['migrationBackground'],
    immigrationHistory: f.immigration_history as Family['immigrationHistory'],
    status: f.status as Family['status'],
    statusReason: f.status_reason,
    notes: f.notes,
    createdAt: f.created_at,
    lastContactAt: f.last_contact_at,
    version: f.version,
    members: members.map(toMember),
    consents: consents.map((c) => toConsent(c, c.recorder ?? null)),
    contacts: contacts.map(({ staff_name, ...c }) => toContact(c, staff_name ?? null)),
    caseworkers: caseworkers.map((c) => ({ userId: c.user_id, displayName: c.display_name, lead: c.lead === 1 })),
  };
}

/** What check-in needs of a family and nothing more: names, members, the family code. */
export async function loadCheckinView(db: Tx, id: string): Promise<FamilyCheckin> {
  const f = await db.selectFrom('families').select(['id', 'code', 'display_name', 'status']).where('id', '=', id).executeTakeFirst();
  if (!f) throw new DomainError('NOT_FOUND');
  const members = await db
    .selectFrom('members')
    .select(['id', 'first_name', 'last_name', 'birth_year', 'role'])
    .where('family_id', '=', id)
    // A host checks in who lives in the household now; who moved out is not theirs to see.
    .where('moved_out_at', 'is', null)
    .orderBy('sort')
    .execute();
  return {
    view: 'checkin',
    id: f.id,
    code: f.code,
    displayName: f.display_name,
    status: f.status as FamilyCheckin['status'],
    members: members.map((m) => ({ id: m.id, ...memberBasics(m) })),
    photoConsent: await hasConsent(db, id, 'photos'),
  };
}
