import { z } from 'zod';
import { LANGUAGE_LEVELS, LANGUAGES, REFERRAL_REASONS, VOLUNTEER_CONSENTS, VOLUNTEER_ROLES, VOLUNTEER_STATUS } from '../../domain/lists';
import { COORDINATOR_ONLY, OFFICE_STAFF } from '../../roles';
import { defineMethod } from '../define';
import { optional, optionalText, text, timeOfDay } from '../fields';
import { phoneSchema } from './families';

const day = z.string().date('validation:date');

export const volunteerLanguageSchema = z.object({ code: z.enum(LANGUAGES), level: z.enum(LANGUAGE_LEVELS) }).strict();
/** A weekly time slot: weekday 1–7 from Monday, times as HH:MM. */
export const availabilitySchema = z
  .object({ weekday: z.number().int().min(1, { message: 'validation:weekday' }).max(7, { message: 'validation:weekday' }), from: timeOfDay, to: timeOfDay })
  .strict()
  .refine((a) => a.to > a.from, { path: ['to'], message: 'validation:end_before_start' });
export const absenceSchema = z
  .object({ from: day, to: day })
  .strict()
  .refine((a) => a.to >= a.from, { path: ['to'], message: 'validation:end_before_start' });
export const trainingSchema = z
  .object({
    title: text(160).min(1, { message: 'validation:required' }),
    date: day,
    hours: z.number({ message: 'validation:number' }).min(0, { message: 'validation:hours' }).max(1000, { message: 'validation:hours' }),
    certificate: z.boolean(),
    /** The M³ lay-interpreter qualification. */
    qualification: z.boolean().optional(),
  })
  .strict();

/** One of the volunteer's own consents, given or refused, with the date. */
export const volunteerConsentSchema = z.object({ purpose: z.enum(VOLUNTEER_CONSENTS), given: z.boolean(), date: day }).strict();

export const volunteerFieldsSchema = z
  .object({
    firstName: text(80).min(1, { message: 'validation:required' }),
    lastName: text(80).min(1, { message: 'validation:required' }),
    phone: phoneSchema,
    email: optional(z.string().trim().email({ message: 'validation:email' }).max(200, { message: 'validation:too_long' })),
    street: optionalText(120),
    postalCode: optional(z.string().trim().regex(/^\d{5}$/, { message: 'validation:postal_code' })),
    city: optionalText(80),
    roles: z.array(z.enum(VOLUNTEER_ROLES)).min(1, { message: 'validation:volunteer_role_required' }).max(3),
    languages: z.array(volunteerLanguageSchema).max(12),
    districtIds: z.array(z.string()).max(30),
    availability: z.array(availabilitySchema).max(40),
    absences: z.array(absenceSchema).max(50).optional(),
    trainings: z.array(trainingSchema).max(100).optional(),
    confidentialityOn: optional(day),
    consents: z.array(volunteerConsentSchema).max(10).optional(),
    /** Left out on a save: the stored status stays. */
    status: z.enum(VOLUNTEER_STATUS).optional(),
    /** The family member the volunteer once was. */
    memberId: optional(z.string()),
    notes: optionalText(2000),
  })
  .strict();
export type VolunteerFields = z.input<typeof volunteerFieldsSchema>;
/** The fields as the core receives them (parsed). */
export type VolunteerValues = z.output<typeof volunteerFieldsSchema>;

const availabilityOut = z.object({ weekday: z.number(), from: z.string(), to: z.string() });
const trainingOut = z.object({ id: z.string(), title: z.string(), date: z.string(), hours: z.number(), certificate: z.boolean(), qualification: z.boolean() });

/** What everyone who looks up who fits sees: names, roles, languages, districts, availability — no address or contact data. */
export const volunteerLookupSchema = z.object({
  view: z.literal('lookup'),
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  roles: z.array(z.enum(VOLUNTEER_ROLES)),
  languages: z.array(z.object({ code: z.string(), level: z.enum(LANGUAGE_LEVELS) })),
  districtIds: z.array(z.string()),
  availability: z.array(availabilityOut),
  absences: z.array(z.object({ from: z.string(), to: z.string() })),
  status: z.enum(VOLUNTEER_STATUS),
  /** Trainings by title and date (what matching weighs), without certificates. */
  trainings: z.array(trainingOut.pick({ title: true, date: true, qualification: true })),
});

/** The whole record, for coordinators who manage the pool. */
export const volunteerSchema = volunteerLookupSchema.extend({
  view: z.literal('full'),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  trainings: z.array(trainingOut),
  confidentialityOn: z.string().nullable(),
  consents: z.array(z.object({ purpose: z.enum(VOLUNTEER_CONSENTS), given: z.boolean(), date: z.string() })),
  memberId: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number(),
});
export type Volunteer = z.infer<typeof volunteerSchema>;
export type VolunteerLookup = z.infer<typeof volunteerLookupSchema>;

const anyView = z.discriminatedUnion('view', [volunteerSchema, volunteerLookupSchema]);

export const volunteerMethods = {
  /** Adds a volunteer, or saves one (`id` with the `version` read). Coordinators manage the pool. */
  'volunteers.save': defineMethod({
    input: volunteerFieldsSchema.extend({ id: z.string().optional(), version: z.number().int().optional() }),
    output: volunteerSchema,
    roles: COORDINATOR_ONLY,
    writes: true,
  }),
  /** The pool, filtered; coordinators get the whole records, caseworkers and reception the lookup view. */
  'volunteers.list': defineMethod({
    input: z
      .object({
        status: z.enum(VOLUNTEER_STATUS).optional(),
        role: z.enum(VOLUNTEER_ROLES).optional(),
        language: z.enum(LANGUAGES).optional(),
        query: z.string().max(100).optional(),
      })
      .strict()
      .optional(),
    output: z.object({ items: z.array(anyView) }),
    roles: OFFICE_STAFF,
    writes: false,
  }),
  /**
   * Hours of done referrals between two days (appointment dates): per
   * volunteer by month, and assignments and hours per language and per reason.
   */
  'volunteers.hours': defineMethod({
    input: z
      .object({ from: day, to: day, volunteerId: z.string().optional() })
      .strict()
      .refine((p) => p.to >= p.from, { path: ['to'], message: 'validation:end_before_start' }),
    output: z.object({
      volunteers: z.array(
        z.object({
          volunteerId: z.string(),
          firstName: z.string(),
          lastName: z.string(),
          assignments: z.number(),
          hours: z.number(),
          /** Months as YYYY-MM, oldest first, only those with hours. */
          months: z.array(z.object({ month: z.string(), assignments: z.number(), hours: z.number() })),
        }),
      ),
      languages: z.array(z.object({ language: z.string().nullable(), assignments: z.number(), hours: z.number() })),
      reasons: z.array(z.object({ reason: z.enum(REFERRAL_REASONS), assignments: z.number(), hours: z.number() })),
    }),
    roles: COORDINATOR_ONLY,
    writes: false,
  }),
  /** Volunteers registered for a training (an event of type volunteer_training), with who attended. */
  'trainings.volunteers': defineMethod({
    input: z.object({ eventId: z.string() }).strict(),
    output: z.object({ items: z.array(z.object({ volunteerId: z.string(), firstName: z.string(), lastName: z.string(), attended: z.boolean() })) }),
    roles: OFFICE_STAFF,
    writes: false,
  }),
  /**
   * Registers a volunteer for a training, or takes them off (`registered:
   * false`); `attended` records the training in their record (title, date,
   * hours of the event) or takes it back.
   */
  'trainings.setVolunteer': defineMethod({
    input: z.object({ eventId: z.string(), volunteerId: z.string(), registered: z.boolean(), attended: z.boolean().optional() }).strict(),
    output: z.object({ ok: z.literal(true) }),
    roles: COORDINATOR_ONLY,
    writes: true,
  }),
  'volunteers.get': defineMethod({
    input: z.object({ id: z.string() }).strict(),
    output: anyView,
    roles: OFFICE_STAFF,
    writes: false,
  }),
};
