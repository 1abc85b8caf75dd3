/**
 * The reach report's smaller reads (events, referrals, volunteers,
 * engagements): Kysely only, so they run on SQLite and PostgreSQL alike.
 * The large ones (families, persons, contacts, check-ins) are in reads.ts.
 */
import type { ReportFilters } from '../../../shared/rpc/areas/reports';
import type { Tx } from '../db/schema';
import type { Period } from './period';
import { eventsIn } from './reads';

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
  appointmentAt: string;
}

const n = (v: unknown) => Number(v ?? 0);

/** Contacts count unless the report is about one event type (a contact has none). */
export const countsContacts = (f: ReportFilters) => !f.eventType;

function referralsIn(db: Tx, p: Period, f: ReportFilters) {
  let q = db.selectFrom('referrals').where('appointment_at', '>=', p.start).where('appointment_at', '<', p.end);
  if (f.staffId) q = q.where('created_by', '=', f.staffId);
  return q;
}

/** Referrals count unless the report is about one field of action or event type (a referral has neither). */
export const countsReferrals = (f: ReportFilters) => !f.eventType && !f.fieldOfAction;

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
  const rows = await referralsIn(db, p, f).select(['family_id', 'member_ids', 'kind', 'language', 'reason', 'status', 'volunteer_id', 'appointment_at']).execute();
  return rows.map((r) => ({
    familyId: r.family_id,
    memberIds: JSON.parse(r.member_ids) as string[],
    kind: r.kind,
    language: r.language,
    reason: r.reason,
    status: r.status,
    volunteerId: r.volunteer_id,
    appointmentAt: r.appointment_at,
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

