import { DOCUMENT_LANGUAGES, type DocumentLanguage } from '../../../shared/domain/lists';
import { DomainError } from '../../../shared/errors';
import type { ReferralSheet } from '../../../shared/rpc/areas/referrals';
import { requireConsent } from '../consents/rules';
import type { Tx } from '../db/schema';
import { readSettings } from '../settings/store';

/** Steps at which an appointment has been handed to a volunteer (or, for an external service, arranged). */
const HANDED_ON = ['offered', 'confirmed', 'done'];

/**
 * What the assignment sheet and the family's confirmation may carry — built
 * here, not in the screen, so nothing more ever leaves: a first name, no case
 * notes, the address only for an appointment at the family's home.
 */
export async function referralSheet(db: Tx, id: string): Promise<ReferralSheet> {
  const r = await db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new DomainError('NOT_FOUND', 'errors:referral_not_found');
  if (!HANDED_ON.includes(r.status)) throw new DomainError('CONFLICT', 'errors:referral_sheet_not_yet');
  // The sheet goes to a volunteer: only with the family's consent (it may have been withdrawn since the offer).
  if (r.kind !== 'external') await requireConsent(db, r.family_id, 'volunteer_sharing');
  const family = await db.selectFrom('families').select(['street', 'postal_code', 'city', 'preferred_language']).where('id', '=', r.family_id).executeTakeFirstOrThrow();
  const chosen = JSON.parse(r.member_ids) as string[];
  const members = await db.selectFrom('members').select(['id', 'first_name', 'role']).where('family_id', '=', r.family_id).where('moved_out_at', 'is', null).orderBy('sort').execute();
  // The person the volunteer meets: the first member named on the referral, else the household's first adult.
  const contact = members.find((m) => chosen.includes(m.id)) ?? members.find((m) => m.role !== 'child') ?? members[0];
  const volunteer = r.volunteer_id ? await db.selectFrom('volunteers').select(['first_name', 'last_name']).where('id', '=', r.volunteer_id).executeTakeFirst() : undefined;
  const settings = await readSettings(db);
  const preferred = family.preferred_language;
  return {
    id: r.id,
    kind: r.kind as ReferralSheet['kind'],
    reason: r.reason as ReferralSheet['reason'],
    externalService: r.external_service,
    language: r.language,
    appointmentAt: r.appointment_at,
    durationMin: r.duration_min,
    place: r.place,
    address: r.at_home ? [family.street, [family.postal_code, family.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || null : null,
    contactFirstName: contact?.first_name ?? '',
    volunteerFirstName: volunteer?.first_name ?? null,
    volunteerLastName: volunteer?.last_name ?? null,
    officeName: settings.officeName,
    officeContact: settings.officeContact,
    familyLanguage: preferred && preferred !== 'de' && (DOCUMENT_LANGUAGES as readonly string[]).includes(preferred) ? (preferred as DocumentLanguage) : null,
  };
}
