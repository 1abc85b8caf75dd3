import { z } from 'zod';
import { ACCESS_ROUTES, FAMILY_STATUS, GENDERS, LANGUAGES, MEMBER_ROLES, MIGRATION_BACKGROUND } from '../../domain/lists';
import { ALL_ROLES, COORDINATOR_ONLY, OFFICE_STAFF } from '../../roles';
import { defineMethod } from '../define';
import { optional, optionalText, text } from '../fields';
import { consentInputSchema, consentSchema } from './consents';
import { contactFieldsSchema, contactSchema } from './contacts';
const thisYear = new Date().getFullYear();

/** A person's own answer (Destatis definitions, self-declared); null or absent: the family's answer holds. */
const ownAnswer = z.enum(MIGRATION_BACKGROUND).nullable().optional();

export const memberInputSchema = z.object({
  id: z.string().uuid().optional(),
  firstName: text(80).min(1, { message: 'validation:required' }),
  lastName: text(80).min(1, { message: 'validation:required' }),
  birthYear: z
    .number({ message: 'validation:birth_year' })
    .int({ message: 'validation:birth_year' })
    .min(1900, { message: 'validation:birth_year' })
    .max(thisYear, { message: 'validation:birth_year' }),
  birthDate: optional(z.string().date({ message: 'validation:date' })),
  role: z.enum(MEMBER_ROLES),
  gender: optional(z.enum(GENDERS)),
  school: optionalText(120),
  migrationBackground: ownAnswer,
  immigrationHistory: ownAnswer,
});
export type MemberInput = z.input<typeof memberInputSchema>;

/** A full birth date decides the birth year: the two never disagree (statistics count by year). */
export function refineBirthDate(member: { birthYear?: number; birthDate?: string | null }, ctx: z.RefinementCtx, path: (string | number)[] = []): void {
  if (member.birthDate && member.birthYear !== undefined && Number(member.birthDate.slice(0, 4)) !== member.birthYear) {
    ctx.addIssue({ code: 'custom', path: [...path, 'birthYear'], message: 'validation:birth_year_date' });
  }
}

export const phoneSchema = optional(
  z
    .string()
    .trim()
    .max(40, { message: 'validation:too_long' })
    .regex(/^[+0-9 ()/-]*$/, { message: 'validation:phone' }),
);

export const familyFieldsSchema = z.object({
  displayName: text(120).min(1, { message: 'validation:required' }),
  street: optionalText(120),
  postalCode: optional(z.string().trim().regex(/^\d{5}$/, { message: 'validation:postal_code' })),
  city: optionalText(80),
  districtId: z.string().optional().nullable(),
  phone: phoneSchema,
  email: optional(z.string().trim().email({ message: 'validation:email' }).max(200, { message: 'validation:too_long' })),
  languages: z.array(z.enum(LANGUAGES)).max(10),
  preferredLanguage: z.enum(LANGUAGES).optional().nullable(),
  interpreterNeeded: z.boolean(),
  interpreterLanguage: z.enum(LANGUAGES).optional().nullable(),
  accessRoute: z.enum(ACCESS_ROUTES),
  migrationBackground: z.enum(MIGRATION_BACKGROUND),
  /** Einwanderungsgeschichte (Destatis, since 2023); absent on an update: the stored answer stays. */
  immigrationHistory: z.enum(MIGRATION_BACKGROUND).optional(),
  notes: optionalText(2000),
});
export type FamilyFields = z.input<typeof familyFieldsSchema>;

/** An interpreter is needed for a language: which one must be said. */
function refineInterpreter(value: { interpreterNeeded: boolean; interpreterLanguage?: string | null }, ctx: z.RefinementCtx): void {
  if (value.interpreterNeeded && !value.interpreterLanguage) {
    ctx.addIssue({ code: 'custom', path: ['interpreterLanguage'], message: 'validation:interpreter_language' });
  }
}

export const createFamilyInputSchema = familyFieldsSchema
  .extend({
    immigrationHistory: z.enum(MIGRATION_BACKGROUND).default('not_stated'),
    members: z.array(memberInputSchema).min(1, { message: 'validation:members_required' }).max(20),
    consents: z.array(consentInputSchema).max(20),
    /** A first contact, logged with the intake (the visit that brought them). */
    contact: contactFieldsSchema.optional(),
  })
  .superRefine((value, ctx) => {
    refineInterpreter(value, ctx);
    value.members.forEach((member, i) => refineBirthDate(member, ctx, ['members', i]));
  });
export type CreateFamilyInput = z.input<typeof createFamilyInputSchema>;

export const memberSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  birthYear: z.number(),
  birthDate: z.string().nullable(),
  role: z.enum(MEMBER_ROLES),
  gender: z.enum(GENDERS).nullable(),
  school: z.string().nullable(),
  /** When the member left the household; null while they live in it. */
  movedOutAt: z.string().nullable(),
  /** The person's own answers; null: the family's. */
  migrationBackground: z.enum(MIGRATION_BACKGROUND).nullable(),
  immigrationHistory: z.enum(MIGRATION_BACKGROUND).nullable(),
  /** Sent back with a correction: a save over a newer one is refused (CONFLICT). */
  version: z.number(),
});
export type Member = z.infer<typeof memberSchema>;

/** A family as office staff see it on its page. */
export const familySchema = z.object({
  view: z.literal('full'),
  id: z.string(),
  code: z.string(),
  displayName: z.string(),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  districtId: z.string().nullable(),
  districtName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  languages: z.array(z.string()),
  preferredLanguage: z.string().nullable(),
  interpreterNeeded: z.boolean(),
  interpreterLanguage: z.string().nullable(),
  accessRoute: z.string(),
  migrationBackground: z.enum(MIGRATION_BACKGROUND),
  immigrationHistory: z.enum(MIGRATION_BACKGROUND),
  status: z.enum(FAMILY_STATUS),
  statusReason: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  lastContactAt: z.string().nullable(),
  version: z.number(),
  members: z.array(memberSchema),
  consents: z.array(consentSchema),
  contacts: z.array(contactSchema),
  /** Who works with the family (an open case): names only, never case content; the lead first. */
  caseworkers: z.array(z.object({ userId: z.string(), displayName: z.string(), lead: z.boolean() })),
});
export type Family = z.infer<typeof familySchema>;

/** What an event host sees of a family: enough to check its members in (RECORD_RULES.familyDetails). */
export const familyCheckinSchema = z.object({
  view: z.literal('checkin'),
  id: z.string(),
  code: z.string(),
  displayName: z.string(),
  status: z.enum(FAMILY_STATUS),
  members: z.array(z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), birthYear: z.number(), role: z.enum(MEMBER_ROLES) })),
  /** Whether photos at events are allowed: the host must know, nothing else of the consents. */
  photoConsent: z.boolean(),
});
export type FamilyCheckin = z.infer<typeof familyCheckinSchema>;

/** A search hit: enough to tell two families apart at the counter. */
export const familyHitSchema = z.object({
  id: z.string(),
  code: z.string(),
  displayName: z.string(),
  districtName: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(FAMILY_STATUS),
  members: z.array(z.object({ firstName: z.string(), lastName: z.string(), birthYear: z.number(), role: z.enum(MEMBER_ROLES) })),
});
export type FamilyHit = z.infer<typeof familyHitSchema>;

export const duplicateQuerySchema = z.object({
  displayName: z.string().trim().max(120),
  members: z.array(z.object({ firstName: z.string().max(80), lastName: z.string().max(80), birthYear: z.number().int().optional() })).max(20),
  phone: z.string().max(40).optional(),
  street: z.string().max(120).optional(),
});

/** What the family list can be narrowed to (all optional; dates are yyyy-mm-dd, inclusive). */
export const familyListFiltersSchema = z
  .object({
    status: z.enum(FAMILY_STATUS).optional(),
    districtId: z.string().max(64).optional(),
    language: z.enum(LANGUAGES).optional(),
    migrationBackground: z.enum(MIGRATION_BACKGROUND).optional(),
    interpreterNeeded: z.boolean().optional(),
    lastContactAfter: z.string().date().optional(),
    lastContactBefore: z.string().date().optional(),
    registeredFrom: z.string().date().optional(),
    registeredTo: z.string().date().optional(),
  })
  .strict();
export type FamilyListFilters = z.infer<typeof familyListFiltersSchema>;

export const FAMILY_LIST_SORTS = ['name', 'lastContact', 'registered'] as const;
export const familyListSortSchema = z.object({ by: z.enum(FAMILY_LIST_SORTS), dir: z.enum(['asc', 'desc']) }).strict();
export type FamilyListSort = z.infer<typeof familyListSortSchema>;

/** One row of the family list. */
export const familyRowSchema = z.object({
  id: z.string(),
  code: z.string(),
  displayName: z.string(),
  districtName: z.string().nullable(),
  status: z.enum(FAMILY_STATUS),
  languages: z.array(z.string()),
  interpreterNeeded: z.boolean(),
  migrationBackground: z.enum(MIGRATION_BACKGROUND),
  immigrationHistory: z.enum(MIGRATION_BACKGROUND),
  members: z.number().int(),
  createdAt: z.string(),
  lastContactAt: z.string().nullable(),
});
export type FamilyRow = z.infer<typeof familyRowSchema>;

export const familyMethods = {
  /** Search as you type; each search leaves a trace (who, when — never what was typed). */
  'families.search': defineMethod({
    input: z.object({ query: z.string().max(100), limit: z.number().int().min(1).max(50).optional() }).strict(),
    output: z.object({ items: z.array(familyHitSchema) }),
    roles: OFFICE_STAFF,
    writes: false,
    audit: 'read',
  }),
  /** A family's page; a host gets only the check-in view. Reading it leaves a trace in the audit log. */
  'families.get': defineMethod({
    input: z.object({ id: z.string() }).strict(),
    output: z.discriminatedUnion('view', [familySchema, familyCheckinSchema]),
    roles: ALL_ROLES,
    writes: false,
    audit: 'read',
  }),
  'families.create': defineMethod({
    input: createFamilyInputSchema,
    output: z.object({ id: z.string(), code: z.string() }),
    roles: OFFICE_STAFF,
    writes: true,
  }),
  /**
   * Saves the household fields if nobody saved in between (version); else
   * CONFLICT with the values saved meanwhile in `details.current`.
   */
  'families.update': defineMethod({
    input: familyFieldsSchema
      .extend({ id: z.string(), version: z.number().int(), status: z.enum(FAMILY_STATUS), statusReason: optionalText(200) })
      .strict()
      .superRefine((value, ctx) => {
        refineInterpreter(value, ctx);
        // A closed family says why (moved away, support finished): the list and reports show it.
        if (value.status === 'closed' && !value.statusReason) {
          ctx.addIssue({ code: 'custom', path: ['statusReason'], message: 'validation:status_reason' });
        }
      }),
    output: z.object({ version: z.number() }),
    roles: OFFICE_STAFF,
    writes: true,
  }),
  'families.duplicates': defineMethod({
    input: duplicateQuerySchema,
    output: z.object({ items: z.array(familyHitSchema.extend({ reasons: z.array(z.string()) })) }),
    roles: OFFICE_STAFF,
    writes: false,
  }),
  /** All families, filtered and sorted, a page at a time (the Familien area); each page leaves a trace like a search. */
  'families.list': defineMethod({
    input: z
      .object({
        filters: familyListFiltersSchema.optional(),
        sort: familyListSortSchema.optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    output: z.object({ items: z.array(familyRowSchema), total: z.number().int() }),
    roles: OFFICE_STAFF,
    writes: false,
    audit: 'read',
  }),
  /** Every family of a filtered list, for a CSV file; coordinators only, and it leaves a trace. */
  'families.exportList': defineMethod({
    input: z.object({ filters: familyListFiltersSchema.optional(), sort: familyListSortSchema.optional() }).strict(),
    output: z.object({ items: z.array(familyRowSchema) }),
    roles: COORDINATOR_ONLY,
    writes: false,
    audit: 'read',
  }),
  /** Moves members, contacts and consents of one family into another, then removes it. */
  'families.merge': defineMethod({
    input: z.object({ keepId: z.string(), mergeId: z.string() }).strict(),
    output: z.object({ id: z.string() }),
    roles: COORDINATOR_ONLY,
    writes: true,
  }),
};
