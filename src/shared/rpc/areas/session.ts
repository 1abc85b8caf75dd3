import { z } from 'zod';
import { ALL_ROLES, roleSchema } from '../../roles';
import { defineMethod } from '../define';

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionStateSchema = z.enum(['setup', 'locked', 'unlocked']);
export type SessionState = z.infer<typeof sessionStateSchema>;

export const sessionMethods = {
  /** Where the app stands: first run, locked, or someone logged in. */
  'session.status': defineMethod({
    input: z.object({}).strict().optional(),
    output: z.object({
      state: sessionStateSchema,
      user: sessionUserSchema.optional(),
      officeName: z.string().optional(),
    }),
    roles: ALL_ROLES,
    writes: false,
    whenLocked: true,
  }),
};
