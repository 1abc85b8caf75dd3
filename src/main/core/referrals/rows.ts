import { DomainError } from '../../../shared/errors';
import type { Referral } from '../../../shared/rpc/areas/referrals';
import type { Tx } from '../db/schema';

/** One referral with its family's name, its volunteer's name and its steps. */
export interface ReferralFilter {
  id?: string;
  status?: string;
  familyId?: string;
  volunteerId?: string;
  kind?: string;
  reason?: string;
  language?: string;
  /** Appointments at or after / before these moments (ISO). */
  after?: string;
  before?: string;
  /** Only those not yet confirmed (requested or offered). */
  open?: boolean;
  statuses?: string[];
  newestFirst?: boolean;
  /** Hours, feedback and step comments (RECORD_RULES.referralDetails); without, they come back empty. */
  details?: boolean;
}

/** Hours as entered (quarter hours): PostgreSQL's REAL would hand back 1.2999999523 for 1.3. */
const hoursOf = (value: number | null) => (value === null ? null : Math.round(Number(value) * 100) / 100);

export async function loadReferrals(db: Tx, filter: ReferralFilter): Promise<Referral[]> {
  let q = db
    .selectFrom('referrals as r')
    .innerJoin('families as f', 'f.id', 'r.family_id')
    .leftJoin('volunteers as v', 'v.id', 'r.volunteer_id')
    .selectAll('r')
    .select(['f.display_name', 'v.first_name as v_first', 'v.last_name as v_last'])
    .orderBy('r.appointment_at', filter.newestFirst ? 'desc' : 'asc')
    .orderBy('r.id');
  if (filter.id) q = q.where('r.id', '=', filter.id);
  if (filter.status) q = q.where('r.status', '=', filter.status);
  if (filter.familyId) q = q.where('r.family_id', '=', filter.familyId);
  if (filter.volunteerId) q = q.where('r.volunteer_id', '=', filter.volunteerId);
  if (filter.kind) q = q.where('r.kind', '=', filter.kind);
  if (filter.reason) q = q.where('r.reason', '=', filter.reason);
  if (filter.language) q = q.where('r.language', '=', filter.language);
  if (filter.after) q = q.where('r.appointment_at', '>=', filter.after);
  if (filter.before) q = q.where('r.appointment_at', '<', filter.before);
  if (filter.open) q = q.where('r.status', 'in', ['requested', 'offered']);
  if (filter.statuses && filter.statuses.length > 0) q = q.where('r.status', 'in', filter.statuses);
  const rows = await q.limit(500).execute();
  if (rows.length === 0) return [];
  const details = filter.details === true;
  const steps = await db
    .selectFrom('referral_steps as s')
    .leftJoin('users as u', 'u.id', 's.by_user')
    .select(['s.referral_id', 's.from_status', 's.to_status', 's.at', 's.volunteer_id', 's.comment', 's.hours', 'u.display_name'])
    .where('s.referral_id', 'in', rows.map((r) => r.id))
    .orderBy('s.at')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    familyId: r.family_id,
    familyName: r.display_name,
    memberIds: JSON.parse(r.member_ids) as string[],
    kind: r.kind as Referral['kind'],
    language: r.language,
    reason: r.reason as Referral['reason'],
    externalService: r.external_service,
    appointmentAt: r.appointment_at,
    place: r.place,
    durationMin: r.duration_min,
    atHome: r.at_home === 1,
    status: r.status as Referral['status'],
    volunteerId: r.volunteer_id,
    volunteerName: r.v_first ? `${r.v_first} ${r.v_last ?? ''}`.trim() : null,
    hours: details ? hoursOf(r.hours) : null,
    feedback: details ? r.feedback : null,
    helped: details && r.helped !== null ? r.helped === 1 : null,
    followUp: details && r.follow_up !== null ? r.follow_up === 1 : null,
    version: r.version,
    steps: steps
      .filter((s) => s.referral_id === r.id)
      .map((s) => ({ from: s.from_status, to: s.to_status, at: s.at, byName: s.display_name ?? null, volunteerId: s.volunteer_id, comment: details ? s.comment : null, hours: details ? hoursOf(s.hours) : null })),
  }));
}

export async function loadReferral(db: Tx, id: string, details: boolean): Promise<Referral> {
  const [referral] = await loadReferrals(db, { id, details });
  if (!referral) throw new DomainError('NOT_FOUND', 'errors:referral_not_found');
  return referral;
}
