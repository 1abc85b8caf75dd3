import { randomUUID } from 'node:crypto';
import { dayAfter } from '../../../shared/dates';
import { DomainError } from '../../../shared/errors';
import type { Contract } from '../../../shared/rpc/contract';
import { requireConsent } from '../consents/rules';
import { requireDb, requireSession } from '../db/require';
import type { ReferralsTable, Tx } from '../db/schema';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { loadReferral, loadReferrals } from './rows';
import { CLOSED, NEXT, type ReferralStatus } from './transitions';
import { loadCandidates } from './candidates';
import { rankVolunteers, type Need } from './match';
import { addressKey, isConflict, type Household } from './conflict';
import { referralSheet } from './sheet';

const invalid = (path: string, message: string) => new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: [path], message }] });

const ROLE_FOR: Record<string, string> = { interpreting: 'interpreter', lotse: 'lotse', pate: 'pate' };

/** The family's members and address, for the conflict-of-interest check. */
export async function householdOf(db: Tx, familyId: string): Promise<Household & { districtId: string | null }> {
  const family = await db.selectFrom('families').select(['street', 'postal_code', 'district_id']).where('id', '=', familyId).executeTakeFirstOrThrow();
  const members = await db.selectFrom('members').select('id').where('family_id', '=', familyId).execute();
  return { memberIds: new Set(members.map((m) => m.id)), addressKey: addressKey(family.street, family.postal_code), districtId: family.district_id };
}

/**
 * Before anything about a family goes to a volunteer: the family's consent to
 * pass data to volunteers (the refusal names it), an active volunteer with
 * the role (and, to interpret, the language), and no conflict of interest (a
 * member of the family, or living at its address).
 */
async function checkVolunteer(db: Tx, referral: ReferralsTable, volunteerId: string): Promise<void> {
  const volunteer = await db.selectFrom('volunteers').select(['id', 'status', 'member_id', 'roles', 'languages', 'street', 'postal_code']).where('id', '=', volunteerId).executeTakeFirst();
  if (!volunteer) throw new DomainError('NOT_FOUND', 'errors:volunteer_not_found');
  if (volunteer.status !== 'active') throw new DomainError('CONFLICT', 'errors:volunteer_not_active');
  await requireConsent(db, referral.family_id, 'volunteer_sharing');
  const role = ROLE_FOR[referral.kind];
  const speaks = !referral.language || referral.kind !== 'interpreting' || (JSON.parse(volunteer.languages) as { code: string }[]).some((l) => l.code === referral.language);
  if ((role && !(JSON.parse(volunteer.roles) as string[]).includes(role)) || !speaks) throw new DomainError('CONFLICT', 'errors:volunteer_not_suitable');
  if (isConflict({ memberId: volunteer.member_id, addressKey: addressKey(volunteer.street, volunteer.postal_code) }, await householdOf(db, referral.family_id))) {
    throw new DomainError('CONFLICT', 'errors:volunteer_conflict_of_interest');
  }
}

/** The `referrals.*` area: a family's need brokered to a volunteer or a service, step by step. */
export function registerReferralsApp(registry: Registry<Contract>, services: CoreServices): void {
  registry.register('referrals', {
    'referrals.create': async (input, ctx) => {
      const db = requireDb(ctx);
      if (!(await db.selectFrom('families').select('id').where('id', '=', input.familyId).executeTakeFirst())) throw new DomainError('NOT_FOUND', 'errors:family_not_found');
      await requireConsent(db, input.familyId, 'data_storage');
      const members = [...new Set(input.memberIds ?? [])];
      if (members.length > 0) {
        const found = await db.selectFrom('members').select('id').where('family_id', '=', input.familyId).where('id', 'in', members).execute();
        if (found.length !== members.length) throw invalid('memberIds', 'validation:participant_unknown');
      }
      const id = randomUUID();
      const now = services.now().toISOString();
      const userId = requireSession(ctx).userId;
      await db
        .insertInto('referrals')
        .values({
          id,
          family_id: input.familyId,
          member_ids: JSON.stringify(members),
          kind: input.kind,
          language: input.language ?? null,
          reason: input.reason,
          external_service: input.externalService ?? null,
          appointment_at: new Date(input.appointmentAt).toISOString(),
          place: input.place,
          duration_min: input.durationMin,
          at_home: input.atHome ? 1 : 0,
          helped: null,
          follow_up: null,
          status: 'requested',
          volunteer_id: null,
          hours: null,
          feedback: null,
          created_at: now,
          created_by: userId,
          updated_at: now,
          version: 1,
        })
        .execute();
      await db.insertInto('referral_steps').values({ id: randomUUID(), referral_id: id, from_status: null, to_status: 'requested', at: now, by_user: userId, volunteer_id: null, comment: null, hours: null }).execute();
      ctx.audit('referral', id);
      return loadReferral(db, id, ctx.can('referralDetails'));
    },

    'referrals.transition': async ({ id, version, to, volunteerId, hours, comment, helped, followUp }, ctx) => {
      const db = requireDb(ctx);
      const session = requireSession(ctx);
      const current = await db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirst();
      if (!current) throw new DomainError('NOT_FOUND', 'errors:referral_not_found');
      if (current.version !== version) throw new DomainError('CONFLICT', 'errors:referral_changed');
      const from = current.status as ReferralStatus;
      if (!NEXT[from].includes(to)) throw new DomainError('CONFLICT', 'errors:referral_step_not_allowed', { from, to });
      if (to === 'withdrawn' && session.role !== 'coordinator') throw new DomainError('FORBIDDEN');
      if ((to === 'withdrawn' || (to === 'requested' && CLOSED.includes(from))) && !comment) throw invalid('comment', 'validation:reason_required');
      const withVolunteer = current.kind !== 'external';
      let volunteer = current.volunteer_id;
      if (to === 'offered' && withVolunteer) {
        if (!volunteerId) throw invalid('volunteerId', 'validation:volunteer_required');
        await checkVolunteer(db, current, volunteerId);
        volunteer = volunteerId;
      }
      // Confirming hands the appointment to the volunteer: the consent is checked again (it may have been withdrawn meanwhile).
      if (to === 'confirmed' && withVolunteer) await checkVolunteer(db, current, volunteer!);
      if (to === 'requested') volunteer = null;
      if (to === 'done' && withVolunteer && hours === undefined) throw invalid('hours', 'validation:hours_required');
      const now = services.now().toISOString();
      const updated = await db
        .updateTable('referrals')
        .set({
          status: to,
          volunteer_id: volunteer,
          hours: to === 'done' ? (hours ?? null) : to === 'requested' ? null : current.hours,
          feedback: to === 'done' ? (comment ?? null) : to === 'requested' ? null : current.feedback,
          helped: to === 'done' ? (helped === undefined ? null : Number(helped)) : to === 'requested' ? null : current.helped,
          follow_up: to === 'done' ? (followUp === undefined ? null : Number(followUp)) : to === 'requested' ? null : current.follow_up,
          updated_at: now,
          version: version + 1,
        })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      // Another PC moved it on between the read and this write: nothing is written, the step is not recorded.
      if (Number(updated.numUpdatedRows) === 0) throw new DomainError('CONFLICT', 'errors:referral_changed');
      await db
        .insertInto('referral_steps')
        .values({ id: randomUUID(), referral_id: id, from_status: from, to_status: to, at: now, by_user: session.userId, volunteer_id: volunteer, comment: comment ?? null, hours: to === 'done' ? (hours ?? null) : null })
        .execute();
      ctx.audit('referral', id);
      return loadReferral(db, id, ctx.can('referralDetails'));
    },

    'referrals.match': async ({ referralId }, ctx) => {
      const db = requireDb(ctx);
      const referral = await db.selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirst();
      if (!referral) throw new DomainError('NOT_FOUND', 'errors:referral_not_found');
      const start = new Date(referral.appointment_at);
      const household = await householdOf(db, referral.family_id);
      return {
        items: rankVolunteers(
          {
            kind: referral.kind as Need['kind'],
            language: referral.language,
            start,
            durationMin: referral.duration_min,
            districtId: household.districtId,
            household,
          },
          await loadCandidates(db, start, referral.id),
        ),
      };
    },

    'referrals.list': async (input, ctx) => {
      const { dueWithinHours, from, to, ...filter } = input ?? {};
      const bounds: { after?: string; before?: string; open?: boolean } = {};
      if (from) bounds.after = new Date(`${from}T00:00:00`).toISOString();
      if (to) bounds.before = dayAfter(to).toISOString();
      if (dueWithinHours) {
        // Reminders: appointments from now on within the window that nobody has confirmed yet.
        const now = services.now().getTime();
        bounds.after = new Date(now).toISOString();
        bounds.before = new Date(now + dueWithinHours * 3_600_000).toISOString();
        bounds.open = true;
      }
      return { items: await loadReferrals(requireDb(ctx), { ...filter, ...bounds, details: ctx.can('referralDetails') }) };
    },

    'referrals.get': async ({ id }, ctx) => loadReferral(requireDb(ctx), id, ctx.can('referralDetails')),

    'referrals.sheet': async ({ id }, ctx) => {
      const sheet = await referralSheet(requireDb(ctx), id);
      ctx.audit('referral', id);
      return sheet;
    },
  });
}
