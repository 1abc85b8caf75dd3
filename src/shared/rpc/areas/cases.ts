import { z } from 'zod';
import { CASEWORK } from '../../roles';
import { defineMethod } from '../define';

export const dueMeasureSchema = z.object({
  measureId: z.string(),
  familyId: z.string(),
  familyName: z.string(),
  description: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
});
export const dueReviewSchema = z.object({ familyId: z.string(), familyName: z.string(), nextReviewOn: z.string(), overdue: z.boolean() });
export const openCaseSchema = z.object({
  familyId: z.string(),
  familyName: z.string(),
  familyCode: z.string(),
  lead: z.boolean(),
  /** The newest contact or note (day). */
  lastContact: z.string().nullable(),
});
export const noteAccessSchema = z.object({
  id: z.string(),
  noteId: z.string(),
  familyId: z.string(),
  familyName: z.string(),
  noteOn: z.string(),
  byName: z.string().nullable(),
  at: z.string(),
  reason: z.string(),
});
export type DueMeasure = z.infer<typeof dueMeasureSchema>;
export type DueReview = z.infer<typeof dueReviewSchema>;
export type OpenCase = z.infer<typeof openCaseSchema>;
export type NoteAccess = z.infer<typeof noteAccessSchema>;

export const caseMethods = {
  /** Makes a staff member (caseworker or coordinator) work with a family; one lead per family. */
  'cases.assign': defineMethod({
    input: z.object({ familyId: z.string(), userId: z.string(), lead: z.boolean() }).strict(),
    output: z.object({ ok: z.literal(true) }),
    roles: CASEWORK,
    writes: true,
  }),
  'cases.release': defineMethod({
    input: z.object({ familyId: z.string(), userId: z.string() }).strict(),
    output: z.object({ ok: z.literal(true) }),
    roles: CASEWORK,
    writes: true,
  }),
  /** The caseworker's day: what is due, their open cases, and who opened their confidential notes. */
  'cases.today': defineMethod({
    input: z.object({}).strict().optional(),
    output: z.object({
      measures: z.array(dueMeasureSchema),
      reviews: z.array(dueReviewSchema),
      cases: z.array(openCaseSchema),
      accesses: z.array(noteAccessSchema),
    }),
    roles: CASEWORK,
    writes: false,
  }),
  /** The author has seen these break-glass readings (they leave the start screen). */
  'cases.ackAccess': defineMethod({
    input: z.object({ ids: z.array(z.string()).min(1).max(100) }).strict(),
    output: z.object({ ok: z.literal(true) }),
    roles: CASEWORK,
    writes: true,
    audit: 'none',
  }),
  /** Who may be assigned (caseworkers and coordinators), for the picker. */
  'cases.staff': defineMethod({
    input: z.object({}).strict().optional(),
    output: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string() })) }),
    roles: CASEWORK,
    writes: false,
  }),
};
