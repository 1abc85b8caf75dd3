import { z } from 'zod';
import { ALL_ROLES } from '../../roles';
import { defineMethod } from '../define';

const formKeySchema = z.string().min(1).max(100).regex(/^[a-z0-9.:_-]+$/i);

/** Unsaved form input, kept encrypted per user so an auto-lock loses nothing. */
export const draftSchema = z.object({ formKey: z.string(), data: z.record(z.string(), z.unknown()), updatedAt: z.string() });
export type Draft = z.infer<typeof draftSchema>;

export const draftMethods = {
  'drafts.save': defineMethod({
    input: z.object({ formKey: formKeySchema, data: z.record(z.string(), z.unknown()) }).strict(),
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
