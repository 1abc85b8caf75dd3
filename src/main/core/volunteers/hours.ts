import type { z } from 'zod';
import { dayAfter } from '../../../shared/dates';
import { REFERRAL_REASONS } from '../../../shared/domain/lists';
import type { volunteerMethods } from '../../../shared/rpc/areas/volunteers';
import type { Tx } from '../db/schema';

type Hours = z.input<(typeof volunteerMethods)['volunteers.hours']['output']>;
type Tally = { assignments: number; hours: number };

const add = (map: Map<string, Tally>, key: string, hours: number) => {
  const t = map.get(key) ?? { assignments: 0, hours: 0 };
  t.assignments += 1;
  t.hours += hours;
  map.set(key, t);
};
/** Hours as people add them up: to two decimals, without float dust (0.1 + 0.2). */
const round = (n: number) => Math.round(n * 100) / 100;
const month = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

/**
 * Hours of done referrals with appointments between two local days: per
 * volunteer and month, per language and per reason. One read; a year of an
 * office is a few thousand rows.
 */
export async function volunteerHours(db: Tx, from: string, to: string, volunteerId?: string): Promise<Hours> {
  const start = new Date(`${from}T00:00:00`).toISOString();
  const end = dayAfter(to).toISOString();
  let q = db
    .selectFrom('referrals as r')
    .innerJoin('volunteers as v', 'v.id', 'r.volunteer_id')
    .select(['r.volunteer_id', 'r.language', 'r.reason', 'r.hours', 'r.appointment_at', 'v.first_name', 'v.last_name'])
    .where('r.status', '=', 'done')
    .where('r.appointment_at', '>=', start)
    .where('r.appointment_at', '<', end);
  if (volunteerId) q = q.where('r.volunteer_id', '=', volunteerId);
  const rows = await q.execute();

  const people = new Map<string, { firstName: string; lastName: string; total: Tally; months: Map<string, Tally> }>();
  const languages = new Map<string, Tally>();
  const reasons = new Map<string, Tally>();
  for (const r of rows) {
    const hours = Number(r.hours ?? 0);
    const person = people.get(r.volunteer_id!) ?? { firstName: r.first_name, lastName: r.last_name, total: { assignments: 0, hours: 0 }, months: new Map() };
    person.total.assignments += 1;
    person.total.hours += hours;
    add(person.months, month(r.appointment_at), hours);
    people.set(r.volunteer_id!, person);
    add(languages, r.language ?? '', hours);
    add(reasons, r.reason, hours);
  }
  return {
    volunteers: [...people]
      .map(([id, p]) => ({
        volunteerId: id,
        firstName: p.firstName,
        lastName: p.lastName,
        assignments: p.total.assignments,
        hours: round(p.total.hours),
        months: [...p.months].sort(([a], [b]) => a.localeCompare(b)).map(([m, t]) => ({ month: m, assignments: t.assignments, hours: round(t.hours) })),
      }))
      .sort((a, b) => b.hours - a.hours || a.lastName.localeCompare(b.lastName)),
    languages: [...languages].map(([language, t]) => ({ language: language || null, assignments: t.assignments, hours: round(t.hours) })).sort((a, b) => b.assignments - a.assignments),
    // Every reason, also those with none: the funder's table has a row for each.
    reasons: REFERRAL_REASONS.map((reason) => ({ reason, assignments: reasons.get(reason)?.assignments ?? 0, hours: round(reasons.get(reason)?.hours ?? 0) })),
  };
}
