import { z } from 'zod';
import { COORDINATOR_ONLY, OFFICE_STAFF } from '../../roles';
import { defineMethod } from '../define';
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
};
