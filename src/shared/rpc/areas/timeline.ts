import { z } from 'zod';
import { OFFICE_STAFF } from '../../roles';
import { defineMethod } from '../define';

/** What a family's timeline holds; notes and plan changes only for those who hold case work. */
export const TIMELINE_KINDS = ['contact', 'consent', 'note', 'plan'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const timelineEntrySchema = z.object({
  kind: z.enum(TIMELINE_KINDS),
  id: z.string(),
  /** ISO time (or day) it happened; the list is newest first. */
  at: z.string(),
  fieldOfAction: z.number().nullable(),
  /** A code for the screen to translate: contact type, note kind, consent purpose, plan change. */
  what: z.string(),
  /** A short text: a contact's note, a goal's description; null for a note one may not read. */
  text: z.string().nullable(),
  byName: z.string().nullable(),
  confidential: z.boolean(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const timelineMethods = {
  'timeline.list': defineMethod({
    input: z
      .object({
        familyId: z.string(),
        kinds: z.array(z.enum(TIMELINE_KINDS)).max(4).optional(),
        fieldOfAction: z.number().int().min(1).max(3).optional(),
        /** The `next` of the page before. */
        cursor: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(100).optional(),
      })
      .strict(),
    output: z.object({ items: z.array(timelineEntrySchema), next: z.string().nullable() }),
    roles: OFFICE_STAFF,
    writes: false,
    audit: 'read',
  }),
};
