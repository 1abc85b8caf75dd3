import { z } from 'zod';
import { passwordDiffersFromUsername, passwordSchema } from '../../passwords';
import { ALL_ROLES, COORDINATOR_ONLY, roleSchema } from '../../roles';
import { defineMethod } from '../define';
import { displayNameSchema, usernameSchema } from './session';

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const createUserInputSchema = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema,
    role: roleSchema,
    temporaryPassword: passwordSchema,
  })
  .strict()
  .superRefine((value, ctx) => {
    if (!passwordDiffersFromUsername(value.temporaryPassword, value.username)) {
      ctx.addIssue({ code: 'custom', path: ['temporaryPassword'], message: 'validation:password_contains_username' });
    }
  });

export const userMethods = {
  'users.list': defineMethod({
    input: z.object({ includeInactive: z.boolean().optional() }).strict().optional(),
    output: z.object({ items: z.array(userSchema) }),
    roles: COORDINATOR_ONLY,
    writes: false,
  }),
  'users.create': defineMethod({
    input: createUserInputSchema,
    output: userSchema,
    roles: COORDINATOR_ONLY,
    writes: true,
  }),
  'users.update': defineMethod({
    input: z.object({ id: z.string().uuid(), displayName: displayNameSchema.optional(), role: roleSchema.optional() }).strict(),
    output: userSchema,
    roles: COORDINATOR_ONLY,
    writes: true,
  }),
  'users.resetPassword': defineMethod({
    input: z.object({ id: z.string().uuid(), temporaryPassword: passwordSchema }).strict(),
    output: userSchema,
    roles: COORDINATOR_ONLY,
    writes: true,
  }),
  'users.deactivate': defineMethod({
    input: z.object({ id: z.string().uuid() }).strict(),
    output: userSchema,
    roles: COORDINATOR_ONLY,
    writes: true,
  }),
  /** Every staff member may read their own account. */
  'users.me': defineMethod({
    input: z.object({}).strict().optional(),
    output: userSchema,
    roles: ALL_ROLES,
    writes: false,
  }),
};
