import type { Tx } from '../db/schema';
import { addressKey } from './conflict';
import type { Candidate } from './match';

const DAY = 86_400_000;

/**
 * The active pool as matching needs it: languages, slots, absences, the
 * qualification, bookings around the appointment and assignments of the
 * last 90 days — three reads, whatever the pool's size.
 */
export async function loadCandidates(db: Tx, around: Date, exceptReferralId: string): Promise<Candidate[]> {
  const volunteers = await db.selectFrom('volunteers').selectAll().where('status', '=', 'active').execute();
  const qualified = new Set((await db.selectFrom('volunteer_trainings').select('volunteer_id').where('qualification', '=', 1).execute()).map((t) => t.volunteer_id));
  const since = new Date(around.getTime() - 90 * DAY).toISOString();
  const until = new Date(around.getTime() + DAY).toISOString();
  const assignments = await db
    .selectFrom('referrals')
    .select(['id', 'volunteer_id', 'status', 'appointment_at', 'duration_min'])
    .where('volunteer_id', 'is not', null)
    .where('status', 'in', ['offered', 'confirmed', 'done'])
    .where('appointment_at', '>=', since)
    .where('appointment_at', '<', until)
    .execute();
  const booked = new Map<string, [number, number][]>();
  const recent = new Map<string, number>();
  for (const a of assignments) {
    if (a.id === exceptReferralId || !a.volunteer_id) continue;
    const start = new Date(a.appointment_at).getTime();
    if (a.status !== 'done') booked.set(a.volunteer_id, [...(booked.get(a.volunteer_id) ?? []), [start, start + a.duration_min * 60_000]]);
    if (a.status !== 'offered' && start < around.getTime()) recent.set(a.volunteer_id, (recent.get(a.volunteer_id) ?? 0) + 1);
  }
  return volunteers.map((v) => ({
    id: v.id,
    firstName: v.first_name,
    lastName: v.last_name,
    roles: JSON.parse(v.roles) as string[],
    languages: JSON.parse(v.languages) as Candidate['languages'],
    districtIds: JSON.parse(v.district_ids) as string[],
    availability: JSON.parse(v.availability) as Candidate['availability'],
    absences: JSON.parse(v.absences) as Candidate['absences'],
    qualified: qualified.has(v.id),
    memberId: v.member_id,
    addressKey: addressKey(v.street, v.postal_code),
    booked: booked.get(v.id) ?? [],
    recent: recent.get(v.id) ?? 0,
  }));
}
