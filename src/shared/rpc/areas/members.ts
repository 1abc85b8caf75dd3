import { z } from 'zod';
import { ENGAGEMENT_KINDS } from '../../domain/lists';
import { COORDINATOR_ONLY, OFFICE_STAFF } from '../../roles';
import { defineMethod } from '../define';
import { optionalText } from '../fields';
import { memberInputSchema, memberSchema, refineBirthDate } from './families';

/** A member added or corrected after intake: the intake's member fields, plus the family and, for a move, the date. */
export const saveMemberInputSchema = memberInputSchema
  .extend({
    familyId: z.string(),
    /** The date the member left the household (kept in the history); null brings them back. */
    movedOutAt: z.string().date({ message: 'validation:date' }).nullable().optional(),
    /** The version the correction was made from; without it the save is taken as it is (older callers). */
    version: z.number().int().optional(),
  })
  .strict()
  .superRefine((member, ctx) => refineBirthDate(member, ctx));
export type SaveMemberInput = z.input<typeof saveMemberInputSchema>;

const day = z.string().date('validation:date');

/** One engagement of a member (Mitmachen): what, from when, until when (open while it lasts). */
export const engagementInputSchema = z
  .object({
    kind: z.enum(ENGAGEMENT_KINDS),
    from: day,
    to: day.nullable().optional(),
    note: optionalText(300),
  })
  .strict()
  .refine((e) => !e.to || e.to >= e.from, { path: ['to'], message: 'validation:end_before_start' });
export type EngagementInput = z.input<typeof engagementInputSchema>;

export const engagementSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  kind: z.enum(ENGAGEMENT_KINDS),
  from: z.string(),
  to: z.string().nullable(),
  note: z.string().nullable(),
});
export type Engagement = z.infer<typeof engagementSchema>;

export const memberMethods = {
  /** Adds a member (no id) or corrects one (with its id); search and duplicate keys follow at once. */
  'members.save': defineMethod({
    input: saveMemberInputSchema,
    output: memberSchema,
    roles: OFFICE_STAFF,
    writes: true,
  }),
  /** Removes a member entered by mistake (a member who moved out is marked, not removed). */
  'members.remove': defineMethod({
    input: z.object({ id: z.string() }).strict(),
    output: z.object({ ok: z.literal(true) }),
    roles: COORDINATOR_ONLY,
    writes: true,
  }),
  /** A member's engagements as the form shows them, saved whole (the list replaces the stored one). */
  'engagements.save': defineMethod({
    input: z.object({ familyId: z.string(), memberId: z.string(), engagements: z.array(engagementInputSchema).max(50) }).strict(),
    output: z.object({ items: z.array(engagementSchema) }),
    roles: OFFICE_STAFF,
    writes: true,
  }),
  /** A family's engagements, every member's, oldest first. */
  'engagements.list': defineMethod({
    input: z.object({ familyId: z.string() }).strict(),
    output: z.object({ items: z.array(engagementSchema) }),
    roles: OFFICE_STAFF,
    writes: false,
  }),
};
