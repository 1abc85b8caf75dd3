import { z } from 'zod';
import { DOCUMENT_LANGUAGES, LANGUAGES, REFERRAL_KINDS, REFERRAL_REASONS, REFERRAL_STATUS } from '../../domain/lists';
import { CASEWORK, OFFICE_STAFF } from '../../roles';
import { defineMethod } from '../define';
import { optionalText, text } from '../fields';

export const referralInputSchema = z
  .object({
    familyId: z.string(),
    memberIds: z.array(z.string()).max(20).optional(),
    kind: z.enum(REFERRAL_KINDS),
    language: z.enum(LANGUAGES).optional(),
    reason: z.enum(REFERRAL_REASONS),
    /** For an external service: which (counselling centre, language course, authority). */
    externalService: optionalText(160),
    appointmentAt: z.string().datetime({ offset: true, message: 'validation:date_time' }),
    place: text(160).min(1, { message: 'validation:required' }),
    durationMin: z.number({ message: 'validation:number' }).int().min(5, { message: 'validation:duration' }).max(600, { message: 'validation:duration' }),
    /** The appointment is at the family's home: only then does the assignment sheet carry the address. */
    atHome: z.boolean().optional(),
  })
  .strict()
  .refine((r) => r.kind !== 'interpreting' || r.language !== undefined, { path: ['language'], message: 'validation:interpreting_language' })
  .refine((r) => r.kind !== 'external' || r.externalService !== undefined, { path: ['externalService'], message: 'validation:required' });

export const referralSchema = z.object({
  id: z.string(),
  familyId: z.string(),
  familyName: z.string(),
  memberIds: z.array(z.string()),
  kind: z.enum(REFERRAL_KINDS),
  language: z.string().nullable(),
  reason: z.enum(REFERRAL_REASONS),
  externalService: z.string().nullable(),
  appointmentAt: z.string(),
  place: z.string(),
  durationMin: z.number(),
  atHome: z.boolean(),
  status: z.enum(REFERRAL_STATUS),
  volunteerId: z.string().nullable(),
  volunteerName: z.string().nullable(),
  hours: z.number().nullable(),
  feedback: z.string().nullable(),
  helped: z.boolean().nullable(),
  followUp: z.boolean().nullable(),
  version: z.number(),
  /** Every step with who and when; a done step keeps its hours (comments and hours only for RECORD_RULES.referralDetails). */
  steps: z.array(z.object({ from: z.string().nullable(), to: z.string(), at: z.string(), byName: z.string().nullable(), volunteerId: z.string().nullable(), comment: z.string().nullable(), hours: z.number().nullable() })),
});
export type Referral = z.infer<typeof referralSchema>;

export const referralSheetSchema = z.object({
  id: z.string(),
  kind: z.enum(REFERRAL_KINDS),
  reason: z.enum(REFERRAL_REASONS),
  externalService: z.string().nullable(),
  language: z.string().nullable(),
  appointmentAt: z.string(),
  durationMin: z.number(),
  place: z.string(),
  /** Only for an appointment at the family's home. */
  address: z.string().nullable(),
  contactFirstName: z.string(),
  volunteerFirstName: z.string().nullable(),
  volunteerLastName: z.string().nullable(),
  officeName: z.string(),
  officeContact: z.string(),
  /** The family's document language, if the confirmation exists in it (null: German only). */
  familyLanguage: z.enum(DOCUMENT_LANGUAGES).nullable(),
});
export type ReferralSheet = z.infer<typeof referralSheetSchema>;

/** One reason for or against a suggestion: a code the UI says in words, with its details. */
export const matchReasonSchema = z.object({
  code: z.enum(['speaks', 'no_language', 'available', 'not_available', 'absent', 'busy', 'district', 'qualified', 'recent_assignments']),
  positive: z.boolean(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type MatchReason = z.infer<typeof matchReasonSchema>;

export const referralMethods = {
  'referrals.create': defineMethod({
    input: referralInputSchema,
    output: referralSchema,
    roles: OFFICE_STAFF,
    writes: true,
  }),
  /**
   * Moves a referral on: requested → offered (a volunteer asked) → confirmed
   * → done (with hours) / cancelled / no_show; back to requested (declined,
   * or reopened with a reason); withdrawn by a coordinator with a comment.
   */
  'referrals.transition': defineMethod({
    input: z
      .object({
        id: z.string(),
        version: z.number().int(),
        to: z.enum(REFERRAL_STATUS),
        volunteerId: z.string().optional(),
        hours: z.number({ message: 'validation:number' }).min(0, { message: 'validation:hours_day' }).max(24, { message: 'validation:hours_day' }).optional(),
        comment: optionalText(1000),
        /** When done: did it help, is a follow-up needed. */
        helped: z.boolean().optional(),
        followUp: z.boolean().optional(),
      })
      .strict(),
    output: referralSchema,
    // Brokering is case work; reception creates the requests.
    roles: CASEWORK,
    writes: true,
  }),
  'referrals.get': defineMethod({
    input: z.object({ id: z.string() }).strict(),
    output: referralSchema,
    roles: OFFICE_STAFF,
    writes: false,
  }),
  /** Volunteers for a referral, best first, each with its reasons. */
  'referrals.match': defineMethod({
    input: z.object({ referralId: z.string() }).strict(),
    output: z.object({ items: z.array(z.object({ volunteerId: z.string(), firstName: z.string(), lastName: z.string(), score: z.number(), reasons: z.array(matchReasonSchema) })) }),
    roles: OFFICE_STAFF,
    writes: false,
  }),
  /**
   * Referrals by appointment, filtered; `dueWithinHours` gives the reminders:
   * appointments from now within that many hours not yet confirmed.
   */
  'referrals.list': defineMethod({
    input: z
      .object({
        status: z.enum(REFERRAL_STATUS).optional(),
        statuses: z.array(z.enum(REFERRAL_STATUS)).max(7).optional(),
        familyId: z.string().optional(),
        volunteerId: z.string().optional(),
        kind: z.enum(REFERRAL_KINDS).optional(),
        reason: z.enum(REFERRAL_REASONS).optional(),
        language: z.enum(LANGUAGES).optional(),
        /** Appointments from this day on (YYYY-MM-DD, local). */
        from: z.string().date('validation:date').optional(),
        to: z.string().date('validation:date').optional(),
        dueWithinHours: z.number().int().min(1).max(24 * 14).optional(),
        /** Newest appointment first (the list); otherwise soonest first (the board, reminders). */
        newestFirst: z.boolean().optional(),
      })
      .strict()
      .optional(),
    output: z.object({ items: z.array(referralSchema) }),
    roles: OFFICE_STAFF,
    writes: false,
  }),
  /**
   * What the printed sheets may carry, and nothing more: for the volunteer's
   * assignment sheet the contact's first name, language, time, place and
   * purpose, the office's phone — the address only for an appointment at
   * home; for the family's confirmation their document language. Only with
   * the family's consent to pass data to volunteers.
   */
  'referrals.sheet': defineMethod({
    input: z.object({ id: z.string() }).strict(),
    output: referralSheetSchema,
    roles: OFFICE_STAFF,
    writes: false,
    audit: 'read',
  }),
};
