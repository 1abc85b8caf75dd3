import { z } from 'zod';
import { GOAL_STATUS, MEASURE_OWNERS, MEASURE_STATUS } from '../../domain/lists';
import { CASEWORK } from '../../roles';
import { defineMethod } from '../define';
import { fieldOfActionSchema, optional, optionalText, text } from '../fields';

const day = z.string().date('validation:date');
const optionalDay = optional(day);

export const measureInputSchema = z
  .object({
    id: z.string().optional(),
    description: text(500).min(1, { message: 'validation:required' }),
    ownerKind: z.enum(MEASURE_OWNERS),
    /** A staff member who carries it out. */
    ownerUserId: optional(z.string()),
    /** A volunteer's or service's name. */
    ownerName: optionalText(120),
    dueOn: optionalDay,
    status: z.enum(MEASURE_STATUS),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.ownerKind === 'staff' && !m.ownerUserId) ctx.addIssue({ code: 'custom', path: ['ownerUserId'], message: 'validation:required' });
    if (m.ownerKind !== 'staff' && !m.ownerName) ctx.addIssue({ code: 'custom', path: ['ownerName'], message: 'validation:required' });
  });
export type MeasureInput = z.input<typeof measureInputSchema>;

export const goalInputSchema = z
  .object({
    id: z.string().optional(),
    fieldOfAction: fieldOfActionSchema,
    description: text(1000).min(1, { message: 'validation:required' }),
    startOn: day,
    targetOn: optionalDay,
    status: z.enum(GOAL_STATUS),
    measures: z.array(measureInputSchema).max(30),
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.targetOn && g.targetOn < g.startOn) ctx.addIssue({ code: 'custom', path: ['targetOn'], message: 'validation:target_before_start' });
  });
export type GoalInput = z.input<typeof goalInputSchema>;

export const measureSchema = z.object({
  id: z.string(),
  description: z.string(),
  ownerKind: z.enum(MEASURE_OWNERS),
  ownerUserId: z.string().nullable(),
  ownerName: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(MEASURE_STATUS),
});
export const goalSchema = z.object({
  id: z.string(),
  fieldOfAction: z.number(),
  description: z.string(),
  startOn: z.string(),
  targetOn: z.string().nullable(),
  status: z.enum(GOAL_STATUS),
  measures: z.array(measureSchema),
});
export const reviewSchema = z.object({
  id: z.string(),
  heldOn: z.string(),
  outcome: z.string(),
  nextReviewOn: z.string().nullable(),
  byName: z.string().nullable(),
});
export const planSchema = z.object({
  id: z.string(),
  familyId: z.string(),
  version: z.number(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
  goals: z.array(goalSchema),
  reviews: z.array(reviewSchema),
});
export type Plan = z.infer<typeof planSchema>;
export type Goal = z.infer<typeof goalSchema>;
export type Measure = z.infer<typeof measureSchema>;

export const planMethods = {
  'plans.get': defineMethod({
    input: z.object({ familyId: z.string() }).strict(),
    output: z.object({ plan: planSchema.nullable() }),
    roles: CASEWORK,
    writes: false,
    audit: 'read',
  }),
  /** The whole plan with the version read (null for a new one): a second editor is told, nothing is lost. */
  'plans.save': defineMethod({
    input: z
      .object({ familyId: z.string(), version: z.number().int().nullable(), goals: z.array(goalInputSchema).min(1, { message: 'validation:goals_required' }).max(30) })
      .strict(),
    output: planSchema,
    roles: CASEWORK,
    writes: true,
  }),
  'plans.addReview': defineMethod({
    input: z
      .object({ familyId: z.string(), heldOn: day, outcome: text(2000).min(1, { message: 'validation:required' }), nextReviewOn: optionalDay })
      .strict()
      .superRefine((r, ctx) => {
        if (r.nextReviewOn && r.nextReviewOn <= r.heldOn) ctx.addIssue({ code: 'custom', path: ['nextReviewOn'], message: 'validation:next_review_after' });
      }),
    output: planSchema,
    roles: CASEWORK,
    writes: true,
  }),
};
