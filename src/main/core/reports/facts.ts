/**
 * The reads behind the reach report: every large table is grouped in the
 * database (a year's contacts and check-ins never cross into JavaScript row
 * by row); what comes back is per family, per person or per group. Kysely
 * only, so the same reads run on SQLite and PostgreSQL.
 */
import type { ExpressionBuilder } from 'kysely';
import type { ReportFilters } from '../../../shared/rpc/areas/reports';
import type { Tx } from '../db/schema';
import type { Period } from './period';

export interface FamilyFacts {
  createdAt: string;
  districtId: string | null;
  languages: string[];
  background: string;
  history: string;
}

export interface PersonFacts {
  familyId: string;
  birthYear: number | null;
  gender: string;
  background: string | null;
  history: string | null;
  movedOutAt: string | null;
}

export interface ReferralFacts {
  familyId: string;
  memberIds: string[];
  kind: string;
  language: string | null;
  reason: string;
  status: string;
  volunteerId: string | null;
}

const n = (v: unknown) => Number(v ?? 0);

/** Contacts count unless the report is about one event type (a contact has none). */
export const countsContacts = (f: ReportFilters) => !f.eventType;

function contactsIn(db: Tx, p: Period, f: ReportFilters) {
  let q = db.selectFrom('contacts').where('occurred_at', '>=', p.start).where('occurred_at', '<', p.end);
  if (f.fieldOfAction) q = q.where('field_of_action', '=', f.fieldOfAction);
  if (f.staffId) q = q.where('staff_id', '=', f.staffId);
  return q;
}

function eventsIn(db: Tx, p: Period, f: ReportFilters) {
  let q = db.selectFrom('events as e').where('e.date', '>=', p.from).where('e.date', '<=', p.to).where('e.status', '!=', 'cancelled');
  if (f.fieldOfAction) q = q.where('e.field_of_action', '=', f.fieldOfAction);
  if (f.eventType) q = q.where('e.type', '=', f.eventType);
  if (f.staffId) q = q.where('e.created_by', '=', f.staffId);
  return q;
}

function referralsIn(db: Tx, p: Period, f: ReportFilters) {
  let q = db.selectFrom('referrals').where('appointment_at', '>=', p.start).where('appointment_at', '<', p.end);
  if (f.staffId) q = q.where('created_by', '=', f.staffId);
  return q;
}

/** Referrals count unless the report is about one field of action or event type (a referral has neither). */
export const countsReferrals = (f: ReportFilters) => !f.eventType && !f.fieldOfAction;

export async function loadFamilies(db: Tx): Promise<Map<string, FamilyFacts>> {
  const rows = await db.selectFrom('families').select(['id', 'created_at', 'district_id', 'languages', 'migration_background', 'immigration_history']).execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { createdAt: r.created_at, districtId: r.district_id, languages: JSON.parse(r.languages) as string[], background: r.migration_background, history: r.immigration_history },
    ]),
  );
}

export async function loadPersons(db: Tx): Promise<Map<string, PersonFacts>> {
  const rows = await db.selectFrom('members').select(['id', 'family_id', 'birth_year', 'gender', 'migration_background', 'immigration_history', 'moved_out_at']).execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { familyId: r.family_id, birthYear: r.birth_year, gender: r.gender ?? 'not_stated', background: r.migration_background, history: r.immigration_history, movedOutAt: r.moved_out_at },
    ]),
  );
}

/** Families with a contact in the period, and how many contacts each had. */
export async function contactFamilies(db: Tx, p: Period, f: ReportFilters): Promise<Map<string, number>> {
  if (!countsContacts(f)) return new Map();
  const rows = await contactsIn(db, p, f)
    .select((eb) => ['family_id', eb.fn.countAll().as('n')])
    .groupBy('family_id')
    .execute();
  return new Map(rows.map((r) => [r.family_id, n(r.n)]));
}

/** Contacts grouped by type, field of action and topic list (a few hundred groups at most). */
export async function contactGroups(db: Tx, p: Period, f: ReportFilters) {
  if (!countsContacts(f)) return [];
  const rows = await contactsIn(db, p, f)
    .select((eb) => ['type', 'field_of_action', 'topics', eb.fn.countAll().as('n')])
    .groupBy(['type', 'field_of_action', 'topics'])
    .execute();
  return rows.map((r) => ({ type: r.type, field: r.field_of_action, topics: JSON.parse(r.topics) as string[], count: n(r.n) }));
}

/** Distinct families with a contact per field of action (a family may be in several). */
export async function contactFamiliesByField(db: Tx, p: Period, f: ReportFilters) {
  if (!countsContacts(f)) return [];
  const rows = await contactsIn(db, p, f)
    .select((eb) => ['field_of_action', eb.fn.count('family_id').distinct().as('n')])
    .groupBy('field_of_action')
    .execute();
  return rows.map((r) => ({ field: r.field_of_action, families: n(r.n) }));
}

/** Check-ins of the period's events per person, with the events' type and field. */
export async function attendance(db: Tx, p: Period, f: ReportFilters) {
  const rows = await eventsIn(db, p, f)
    .innerJoin('checkins as c', 'c.event_id', 'e.id')
    .select((eb) => ['c.person_id', 'c.family_id', 'e.type', 'e.field_of_action', eb.fn.countAll().as('n')])
    .groupBy(['c.person_id', 'c.family_id', 'e.type', 'e.field_of_action'])
    .execute();
  return rows.map((r) => ({ personId: r.person_id, familyId: r.family_id, type: r.type, field: r.field_of_action, count: n(r.n) }));
}

/** Events held per type and field of action. */
export async function eventGroups(db: Tx, p: Period, f: ReportFilters) {
  const rows = await eventsIn(db, p, f)
    .select((eb) => ['e.type', 'e.field_of_action', eb.fn.countAll().as('n')])
    .groupBy(['e.type', 'e.field_of_action'])
    .execute();
  return rows.map((r) => ({ type: r.type, field: r.field_of_action, events: n(r.n) }));
}

export async function anonymousCounts(db: Tx, p: Period, f: ReportFilters) {
  const row = await eventsIn(db, p, f)
    .innerJoin('anonymous_attendance as a', 'a.event_id', 'e.id')
    .select((eb) => [eb.fn.sum<number>('a.adults').as('adults'), eb.fn.sum<number>('a.children').as('children')])
    .executeTakeFirst();
  return { adults: n(row?.adults), children: n(row?.children) };
}

export async function referrals(db: Tx, p: Period, f: ReportFilters): Promise<ReferralFacts[]> {
  if (!countsReferrals(f)) return [];
  const rows = await referralsIn(db, p, f).select(['family_id', 'member_ids', 'kind', 'language', 'reason', 'status', 'volunteer_id']).execute();
  return rows.map((r) => ({
    familyId: r.family_id,
    memberIds: JSON.parse(r.member_ids) as string[],
    kind: r.kind,
    language: r.language,
    reason: r.reason,
    status: r.status,
    volunteerId: r.volunteer_id,
  }));
}

/** Volunteer hours of done referrals in the period. */
export async function volunteerHours(db: Tx, p: Period, f: ReportFilters): Promise<number> {
  if (!countsReferrals(f)) return 0;
  const row = await referralsIn(db, p, f)
    .where('status', '=', 'done')
    .select((eb) => eb.fn.sum<number>('hours').as('h'))
    .executeTakeFirst();
  return Math.round(n(row?.h) * 100) / 100;
}

/** Trainings held (volunteer-training events) and the volunteers who attended one or recorded a training in the period. */
export async function trainings(db: Tx, p: Period, f: ReportFilters) {
  const held = await eventsIn(db, p, { ...f, eventType: 'volunteer_training' })
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  const trained = await db
    .selectFrom('volunteer_trainings')
    .where('date', '>=', p.from)
    .where('date', '<=', p.to)
    .select((eb) => eb.fn.count('volunteer_id').distinct().as('n'))
    .executeTakeFirst();
  return { held: f.eventType && f.eventType !== 'volunteer_training' ? 0 : n(held?.n), trained: n(trained?.n) };
}

/**
 * Who in the period started taking part: a member's engagement begun in the
 * period, a volunteer record made from a member, a lay-interpreter
 * qualification recorded for such a volunteer.
 */
export async function participationStarts(db: Tx, p: Period) {
  const engagements = await db
    .selectFrom('member_engagements')
    .where('started_on', '>=', p.from)
    .where('started_on', '<=', p.to)
    .select(['member_id', 'family_id', 'kind'])
    .execute();
  const volunteers = await db
    .selectFrom('volunteers')
    .where('member_id', 'is not', null)
    .where('created_at', '>=', p.start)
    .where('created_at', '<', p.end)
    .select(['member_id'])
    .execute();
  const qualified = await db
    .selectFrom('volunteer_trainings as t')
    .innerJoin('volunteers as v', 'v.id', 't.volunteer_id')
    .where('v.member_id', 'is not', null)
    .where('t.qualification', '=', 1)
    .where('t.date', '>=', p.from)
    .where('t.date', '<=', p.to)
    .select(['v.member_id'])
    .execute();
  return { engagements, volunteers: volunteers.map((v) => v.member_id!), qualified: qualified.map((q) => q.member_id!) };
}

/**
 * Families reached in each month of the period (any contact, check-in or
 * referral) and everything they took part in: one pass, each row's month
 * found by comparing it with the months' starts (local midnights, so a
 * contact at 00:30 on the 1st is in its own month, not the one before).
 */
export async function monthReach(db: Tx, p: Period, months: readonly Period[], f: ReportFilters) {
  const index = <C extends string>(eb: ExpressionBuilder<never, never>, column: C, bound: (m: Period) => string) => {
    if (months.length < 2) return eb.lit(0);
    let c = eb.case().when(eb.ref(column as never), '<', eb.val(bound(months[1]!)) as never).then(0);
    for (let i = 2; i < months.length; i += 1) c = c.when(eb.ref(column as never), '<', eb.val(bound(months[i]!)) as never).then(i - 1);
    return c.else(months.length - 1).end();
  };
  let sources = eventsIn(db, p, f)
    .innerJoin('checkins as c', 'c.event_id', 'e.id')
    .select((eb) => ['c.family_id as family_id', index(eb as never, 'e.date', (m) => m.from).as('m')]);
  if (countsContacts(f)) sources = sources.unionAll(contactsIn(db, p, f).select((eb) => ['family_id', index(eb as never, 'occurred_at', (m) => m.start).as('m')]));
  if (countsReferrals(f)) sources = sources.unionAll(referralsIn(db, p, f).select((eb) => ['family_id', index(eb as never, 'appointment_at', (m) => m.start).as('m')]));
  let q = db.selectFrom(sources.as('s'));
  if (f.districtId || f.language) {
    let families = db.selectFrom('families').select('id');
    if (f.districtId) families = families.where('district_id', '=', f.districtId);
    // The languages are a JSON array of codes: a code in quotes matches it exactly.
    if (f.language) families = families.where('languages', 'like', `%"${f.language}"%`);
    q = q.where('s.family_id', 'in', families);
  }
  const rows = await q
    .select((eb) => ['s.m', eb.fn.count('s.family_id').distinct().as('families'), eb.fn.countAll().as('n')])
    .groupBy('s.m')
    .execute();
  const found = new Map(rows.map((r) => [Number(r.m), { families: n(r.families), participations: n(r.n) }]));
  return months.map((m, i) => ({ month: m.from.slice(0, 7), ...(found.get(i) ?? { families: 0, participations: 0 }) }));
}
