/**
 * The report's large reads, as compact rows (arrays, not objects: a year's
 * check-ins are a hundred thousand of them). The generic version is Kysely
 * and runs on both dialects (the office hub's PostgreSQL uses it); a dialect
 * may bring a faster one for its own engine (db/sqlite/report-reads.ts steers
 * SQLite to indexes that group without sorting).
 */
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { ReportFilters } from '../../../shared/rpc/areas/reports';
import type { DB, Tx } from '../db/schema';
import type { Period } from './period';

/** [id, createdAt, districtId, languages (JSON), migration background, immigration history] */
export type FamilyRow = [string, string, string | null, string, string, string];
/** [id, familyId, birthYear, gender, own migration background, own immigration history, movedOutAt] */
export type PersonRow = [string, string, number | null, string | null, string | null, string | null, string | null];
/** [familyId, contacts in the period, the indexes of the period's months with a contact] */
export type ContactFamilyRow = [string, number, number[]];
/** [type, field of action, topics (JSON), contacts] */
export type ContactKindRow = [string, number, string, number];
/** [field of action, distinct families] */
export type FieldFamiliesRow = [number, number];
/** [personId, familyId, event type, field of action, event date] */
export type CheckinRow = [string, string, string, number, string];

export interface ReportReads {
  families(): Promise<FamilyRow[]>;
  persons(): Promise<PersonRow[]>;
  contactFamilies(p: Period, months: readonly Period[], f: ReportFilters): Promise<ContactFamilyRow[]>;
  /** Contacts in each of the period's months. */
  contactMonthTotals(p: Period, months: readonly Period[], f: ReportFilters): Promise<number[]>;
  contactKinds(p: Period, f: ReportFilters): Promise<ContactKindRow[]>;
  contactFieldFamilies(p: Period, f: ReportFilters): Promise<FieldFamiliesRow[]>;
  checkins(p: Period, f: ReportFilters): Promise<CheckinRow[]>;
}

const n = (v: unknown) => Number(v ?? 0);

/** The columns of a FamilyRow and a PersonRow, and the rows from them. */
export const FAMILY_COLUMNS = ['id', 'created_at', 'district_id', 'languages', 'migration_background', 'immigration_history'] as const;
export const PERSON_COLUMNS = ['id', 'family_id', 'birth_year', 'gender', 'migration_background', 'immigration_history', 'moved_out_at'] as const;
type Family = Selectable<Pick<DB['families'], (typeof FAMILY_COLUMNS)[number]>>;
type Person = Selectable<Pick<DB['members'], (typeof PERSON_COLUMNS)[number]>>;
export const familyRow = (r: Family): FamilyRow => [r.id, r.created_at, r.district_id, r.languages, r.migration_background, r.immigration_history];
export const personRow = (r: Person): PersonRow => [r.id, r.family_id, r.birth_year, r.gender, r.migration_background, r.immigration_history, r.moved_out_at];

/** The families a district or language filter leaves in (a language is a quoted code in the JSON array). */
export function filteredFamilies(db: Tx, f: ReportFilters) {
  let q = db.selectFrom('families').select('id');
  if (f.districtId) q = q.where('district_id', '=', f.districtId);
  if (f.language) q = q.where('languages', 'like', `%"${f.language}"%`);
  return q;
}

export function contactsIn(db: Tx, p: Period, f: ReportFilters) {
  let q = db.selectFrom('contacts').where('occurred_at', '>=', p.start).where('occurred_at', '<', p.end);
  if (f.fieldOfAction) q = q.where('field_of_action', '=', f.fieldOfAction);
  if (f.staffId) q = q.where('staff_id', '=', f.staffId);
  if (f.districtId || f.language) q = q.where('family_id', 'in', filteredFamilies(db, f));
  return q;
}

export function eventsIn(db: Tx, p: Period, f: ReportFilters) {
  let q = db.selectFrom('events as e').where('e.date', '>=', p.from).where('e.date', '<=', p.to).where('e.status', '!=', 'cancelled');
  if (f.fieldOfAction) q = q.where('e.field_of_action', '=', f.fieldOfAction);
  if (f.eventType) q = q.where('e.type', '=', f.eventType);
  if (f.staffId) q = q.where('e.created_by', '=', f.staffId);
  return q;
}

/** The index of a row's month among the period's months, from its time (months start at local midnight). */
function monthIndex(eb: ExpressionBuilder<never, never>, column: string, months: readonly Period[]) {
  if (months.length < 2) return eb.lit(0);
  let c = eb.case().when(eb.ref(column as never), '<', eb.val(months[1]!.start) as never).then(0);
  for (let i = 2; i < months.length; i += 1) c = c.when(eb.ref(column as never), '<', eb.val(months[i]!.start) as never).then(i - 1);
  return c.else(months.length - 1).end();
}

export function kyselyReportReads(db: Tx): ReportReads {
  return {
    async families() {
      return (await db.selectFrom('families').select(FAMILY_COLUMNS).execute()).map(familyRow);
    },
    async persons() {
      return (await db.selectFrom('members').select(PERSON_COLUMNS).execute()).map(personRow);
    },
    async contactFamilies(p, months, f) {
      const rows = await contactsIn(db, p, f)
        .select((eb) => ['family_id', monthIndex(eb as never, 'occurred_at', months).as('m'), eb.fn.countAll().as('n')])
        .groupBy(['family_id', 'm'])
        .execute();
      const byFamily = new Map<string, ContactFamilyRow>();
      for (const r of rows) {
        const row = byFamily.get(r.family_id) ?? byFamily.set(r.family_id, [r.family_id, 0, []]).get(r.family_id)!;
        row[1] += n(r.n);
        row[2].push(n(r.m));
      }
      return [...byFamily.values()];
    },
    async contactMonthTotals(p, months, f) {
      const totals = months.map(() => 0);
      for (const [i, month] of months.entries()) {
        const row = await contactsIn(db, month, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
        totals[i] = n(row?.n);
      }
      return totals;
    },
    async contactKinds(p, f) {
      const rows = await contactsIn(db, p, f)
        .select((eb) => ['type', 'field_of_action', 'topics', eb.fn.countAll().as('n')])
        .groupBy(['type', 'field_of_action', 'topics'])
        .execute();
      return rows.map((r) => [r.type, r.field_of_action, r.topics, n(r.n)]);
    },
    async contactFieldFamilies(p, f) {
      const rows = await contactsIn(db, p, f)
        .select((eb) => ['field_of_action', eb.fn.count('family_id').distinct().as('n')])
        .groupBy('field_of_action')
        .execute();
      return rows.map((r) => [r.field_of_action, n(r.n)]);
    },
    async checkins(p, f) {
      const rows = await eventsIn(db, p, f).innerJoin('checkins as c', 'c.event_id', 'e.id').select(['c.person_id', 'c.family_id', 'e.type', 'e.field_of_action', 'e.date']).execute();
      return rows.map((r) => [r.person_id, r.family_id, r.type, r.field_of_action, r.date]);
    },
  };
}
