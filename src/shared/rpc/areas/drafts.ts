import { z } from 'zod';
import { ALL_ROLES } from '../../roles';
import { defineMethod } from '../define';

/**
 * Drafts of case work (form keys with these prefixes) are kept in the
 * case-work store, where no reception or host password reaches their text.
 * The renderer builds the keys with `caseworkDraftKey`; a key that looks like
 * case work but lacks the prefix is refused, so a typo cannot put note text in
 * the office database, and one of another shape is refused too.
 */
export const CASEWORK_DRAFT_PREFIXES = ['note.', 'plan.'] as const;
export const caseworkDraftKey = {
  newNote: (familyId: string) => `note.new.${familyId}`,
  editNote: (familyId: string, noteId: string) => `note.edit.${familyId}.${noteId}`,
  plan: (familyId: string) => `plan.${familyId}`,
};
export const isCaseworkDraft = (formKey: string) => CASEWORK_DRAFT_PREFIXES.some((p) => formKey.startsWith(p));
/** The only shapes a case-work key takes (ids hold no dot): a note's deletion finds its edit's draft by it. */
const CASEWORK_KEY = /^(?:note\.new\.[A-Za-z0-9-]+|note\.edit\.[A-Za-z0-9-]+\.([A-Za-z0-9-]+)|plan\.[A-Za-z0-9-]+)$/;
/** The note a draft edits, or null. */
export const editedNoteId = (formKey: string): string | null => CASEWORK_KEY.exec(formKey)?.[1] ?? null;

const formKeySchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9.:_-]+$/i)
  .refine((key) => CASEWORK_KEY.test(key) || !/^(notes?|plans?|cases?|casework)\W/i.test(key), { message: 'validation:invalid' });

/** A draft is what one form holds: 256 KiB is far more than any form, far less than a flood. */
export const DRAFT_MAX_BYTES = 256 * 1024;
/** Drafts kept per person; the oldest goes when a new form starts one beyond it. */
export const DRAFTS_PER_USER = 20;

/** Unsaved form input, kept encrypted per user so an auto-lock loses nothing. */
export const draftSchema = z.object({ formKey: z.string(), data: z.record(z.string(), z.unknown()), updatedAt: z.string() });
export type Draft = z.infer<typeof draftSchema>;

export const draftMethods = {
  'drafts.save': defineMethod({
    input: z
      .object({ formKey: formKeySchema, data: z.record(z.string(), z.unknown()) })
      .strict()
      .refine((draft) => new TextEncoder().encode(JSON.stringify(draft.data)).length <= DRAFT_MAX_BYTES, {
        path: ['data'],
        message: 'validation:draft_too_large',
      }),
    output: z.object({ updatedAt: z.string() }),
    roles: ALL_ROLES,
    writes: true,
    audit: 'none',
  }),
  'drafts.list': defineMethod({
    input: z.object({}).strict().optional(),
    output: z.object({ items: z.array(draftSchema) }),
    roles: ALL_ROLES,
    writes: false,
  }),
  'drafts.discard': defineMethod({
    input: z.object({ formKey: formKeySchema }).strict(),
    output: z.object({ discarded: z.boolean() }),
    roles: ALL_ROLES,
    writes: true,
    audit: 'none',
  }),
};
