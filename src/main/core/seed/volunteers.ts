/**
 * A volunteer pool for seeded offices (the bench, `npm run seed`): 500
 * volunteers with languages, districts, weekly slots and trainings, and
 * 20,000 past referrals of seeded families over two years — most done, some
 * cancelled — plus open requests in the coming two weeks to match.
 */
import { randomUUID } from 'node:crypto';
import { LANGUAGES, REFERRAL_REASONS } from '../../../shared/domain/lists';
import type { Db, ReferralsTable, VolunteersTable } from '../db/schema';
import type { Rng } from './random';

const BATCH = 400;
const FIRST = ['Selam', 'Olga', 'Ahmad', 'Fatma', 'Maria', 'Yusuf', 'Elena', 'Amina', 'Peter', 'Nadia', 'Hassan', 'Irina', 'Sabine', 'Mehmet', 'Leyla'];
const LAST = ['Tesfay', 'Petrenko', 'Rahimi', 'Demir', 'Huber', 'Kaya', 'Popescu', 'Haddad', 'Wagner', 'Sidorova', 'Ali', 'Berisha', 'Schmid', 'Yıldız', 'Nowak'];

export interface VolunteerSeedSummary {
  volunteers: number;
  referrals: number;
  /** Requested referrals with appointments in the coming two weeks (what matching ranks for). */
  openReferralIds: string[];
}

async function insertAll(db: Db, table: 'volunteers' | 'referrals', rows: (VolunteersTable | ReferralsTable)[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) await db.insertInto(table).values(rows.slice(start, start + BATCH) as never).execute();
}

export async function seedVolunteers(db: Db, rng: Rng, now: Date, counts = { volunteers: 500, referrals: 20_000, open: 100 }): Promise<VolunteerSeedSummary> {
  const at = now.toISOString();
  const districts = (await db.selectFrom('districts').select('id').execute()).map((d) => d.id);
  const families = (await db.selectFrom('families').select('id').orderBy('id').limit(20_000).execute()).map((f) => f.id);
  const volunteers: VolunteersTable[] = Array.from({ length: counts.volunteers }, (_, i) => {
    const languages = [{ code: LANGUAGES[rng.int(1, LANGUAGES.length - 1)]!, level: 'native' }, { code: 'de', level: rng.pick(['fluent', 'basic'] as const) }];
    if (rng.chance(0.3)) languages.push({ code: rng.pick(LANGUAGES), level: rng.pick(['native', 'fluent', 'basic'] as const) });
    const slots = Array.from({ length: rng.int(1, 4) }, () => {
      const from = rng.int(8, 16);
      return { weekday: rng.int(1, 6), from: `${String(from).padStart(2, '0')}:00`, to: `${String(from + rng.int(2, 4)).padStart(2, '0')}:00` };
    });
    return {
      id: randomUUID(),
      first_name: FIRST[i % FIRST.length]!,
      last_name: `${LAST[(i * 7) % LAST.length]!}-${i + 1}`,
      phone: null,
      email: null,
      street: null,
      postal_code: null,
      city: null,
      roles: JSON.stringify(rng.chance(0.6) ? ['interpreter'] : rng.chance(0.5) ? ['lotse', 'interpreter'] : ['pate']),
      languages: JSON.stringify(languages),
      district_ids: JSON.stringify(districts.length > 0 ? [rng.pick(districts)] : []),
      availability: JSON.stringify(slots),
      absences: JSON.stringify(rng.chance(0.1) ? [{ from: at.slice(0, 10), to: new Date(now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10) }] : []),
      confidentiality_on: '2024-01-15',
      status: rng.chance(0.9) ? 'active' : 'paused',
      member_id: null,
      notes: null,
      consents: JSON.stringify([{ purpose: 'data_storage', given: true, date: '2024-01-15' }]),
      created_at: at,
      updated_at: at,
      version: 1,
    };
  });
  await insertAll(db, 'volunteers', volunteers);
  const trainings = volunteers.filter(() => rng.chance(0.4)).map((v) => ({ id: randomUUID(), volunteer_id: v.id, title: 'M³-Qualifizierung Laiendolmetschen', date: '2024-03-14', hours: 24, certificate: 1, qualification: 1 }));
  for (let start = 0; start < trainings.length; start += BATCH) await db.insertInto('volunteer_trainings').values(trainings.slice(start, start + BATCH)).execute();

  const referral = (appointment: Date, status: string, volunteer: VolunteersTable | null): ReferralsTable => {
    const language = volunteer ? (JSON.parse(volunteer.languages) as { code: string }[])[0]!.code : rng.pick(LANGUAGES);
    return {
      id: randomUUID(),
      family_id: rng.pick(families),
      member_ids: '[]',
      kind: 'interpreting',
      language,
      reason: rng.pick(REFERRAL_REASONS),
      external_service: null,
      appointment_at: appointment.toISOString(),
      place: 'Grundschule',
      duration_min: rng.pick([45, 60, 90, 120]),
      at_home: 0,
      helped: status === 'done' ? 1 : null,
      follow_up: null,
      status,
      volunteer_id: volunteer?.id ?? null,
      hours: status === 'done' ? rng.pick([1, 1.5, 2, 2.5]) : null,
      feedback: null,
      created_at: at,
      created_by: null,
      updated_at: at,
      version: 3,
    };
  };
  const hour = (d: Date) => {
    d.setHours(rng.int(8, 17), rng.pick([0, 30]), 0, 0);
    return d;
  };
  const past: ReferralsTable[] = Array.from({ length: counts.referrals }, () =>
    referral(hour(new Date(now.getTime() - rng.int(1, 730) * 86_400_000)), rng.chance(0.85) ? 'done' : rng.pick(['cancelled', 'no_show']), rng.pick(volunteers)),
  );
  // Some of the coming weeks already booked: matching weighs them as "busy".
  const booked = Array.from({ length: 200 }, () => referral(hour(new Date(now.getTime() + rng.int(1, 14) * 86_400_000)), 'confirmed', rng.pick(volunteers)));
  const open = Array.from({ length: counts.open }, () => referral(hour(new Date(now.getTime() + rng.int(1, 14) * 86_400_000)), 'requested', null));
  await insertAll(db, 'referrals', [...past, ...booked, ...open]);
  return { volunteers: volunteers.length, referrals: past.length + booked.length + open.length, openReferralIds: open.map((r) => r.id) };
}
