import { z } from 'zod';
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

/** The core makes the temporary password (seven words, about 70 bits, valid for a week): nobody picks a weak one. */
export const createUserInputSchema = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema,
    role: roleSchema,
  })
  .strict();

/** An account with the temporary password just issued for it, shown once to the coordinator. */
export const userWithTemporarySchema = userSchema.extend({ temporaryPassword: z.string(), temporaryUntil: z.string() });
export type UserWithTemporary = z.infer<typeof userWithTemporarySchema>;

export const userMethods = {
  'users.list': defineMethod({
    input: z.object({ includeInactive: z.boolean().optional() }).strict().optional(),
    output: z.object({ items: z.array(userSchema) }),
    roles: COORDINATOR_ONLY,
    writes: false,
  }),
  /** The account and its identity in the key file; the core issues the temporary password. */
  'users.create': defineMethod({
    input: createUserInputSchema,
    output: userWithTemporarySchema,
    roles: COORDINATOR_ONLY,
    writes: true,
    ownTransaction: true,
  }),
  /** A new role comes with a new temporary password (the password opens what the role holds). */
  'users.update': defineMethod({
    input: z.object({ id: z.string().uuid(), displayName: displayNameSchema.optional(), role: roleSchema.optional() }).strict(),
    output: userSchema.extend({ temporaryPassword: z.string().optional(), temporaryUntil: z.string().optional() }),
    roles: COORDINATOR_ONLY,
    writes: true,
    // It may replace the office's keys, which closes and reopens the database.
    ownTransaction: true,
  }),
  'users.resetPassword': defineMethod({
    input: z.object({ id: z.string().uuid() }).strict(),
    output: userWithTemporarySchema,
    roles: COORDINATOR_ONLY,
    writes: true,
    ownTransaction: true,
  }),
  'users.deactivate': defineMethod({
    input: z.object({ id: z.string().uuid() }).strict(),
    output: userSchema,
    roles: COORDINATOR_ONLY,
    writes: true,
    ownTransaction: true,
  }),
  /** Every staff member may read their own account. */
  'users.me': defineMethod({
    input: z.object({}).strict().optional(),
    output: userSchema,
    roles: ALL_ROLES,
    writes: false,
  }),
};
