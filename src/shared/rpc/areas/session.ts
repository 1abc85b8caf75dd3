import { z } from 'zod';
import { passwordDiffersFromUsername, passwordSchema } from '../../passwords';
import { ALL_ROLES, roleSchema } from '../../roles';
import { defineMethod } from '../define';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, { message: 'validation:username_too_short' })
  .max(40, { message: 'validation:too_long' })
  .regex(/^[a-z0-9][a-z0-9._-]*$/, { message: 'validation:username_chars' });

export const displayNameSchema = z.string().trim().min(1, { message: 'validation:required' }).max(80, { message: 'validation:too_long' });

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});

export const sessionStateSchema = z.enum(['setup', 'locked', 'unlocked']);

/**
 * What a coordinator must see after logging in: someone used the recovery
 * key; the key file was changed outside the app; the database is older than
 * the last one this PC saw (a copy or backup put in its place).
 */
export const sessionNoticeSchema = z.object({
  kind: z.enum(['recovered', 'keyfile_changed', 'rolled_back', 'pages_damaged']),
  at: z.string().nullable(),
  userName: z.string().nullable(),
});
export type SessionNotice = z.infer<typeof sessionNoticeSchema>;

const statusSchema = z.object({
  state: sessionStateSchema,
  user: sessionUserSchema.optional(),
  officeName: z.string().optional(),
  mustChangePassword: z.boolean().optional(),
  /** Logged in on this PC alone while the office hub does not answer: only the counter works until it does. */
  offline: z.boolean().optional(),
  /** Inactivity before the core locks itself, so the UI can send heartbeats often enough. */
  autoLockSeconds: z.number().optional(),
  notices: z.array(sessionNoticeSchema).optional(),
});

/** A login answer: who is in, and whether a temporary password must be changed first. */
const loginResultSchema = z.object({
  user: sessionUserSchema,
  mustChangePassword: z.boolean(),
});

/** Adds "not the username" to an object with `username` and a password field. */
function refinePassword<T extends z.ZodObject<{ username: z.ZodType<string> } & Record<string, z.ZodType>>>(schema: T, field: string) {
  return schema.superRefine((value, ctx) => {
    const v = value as Record<string, unknown>;
    if (typeof v[field] === 'string' && typeof v.username === 'string' && !passwordDiffersFromUsername(v[field] as string, v.username)) {
      ctx.addIssue({ code: 'custom', path: [field], message: 'validation:password_contains_username' });
    }
  });
}

export const setupInputSchema = refinePassword(
  z
    .object({
      officeName: z.string().trim().min(2, { message: 'validation:too_short' }).max(120, { message: 'validation:too_long' }),
      officeLocation: z.string().trim().max(120, { message: 'validation:too_long' }).optional(),
      displayName: displayNameSchema,
      username: usernameSchema,
      password: passwordSchema,
    })
    .strict(),
  'password',
);

export const loginInputSchema = z
  .object({ username: z.string().trim().toLowerCase().min(1).max(80), password: z.string().min(1).max(200) })
  .strict();

export const recoverInputSchema = refinePassword(
  z
    .object({
      recoveryKey: z.string().trim().min(20, { message: 'validation:recovery_key_format' }).max(80),
      username: usernameSchema,
      newPassword: passwordSchema,
    })
    .strict(),
  'newPassword',
);

export const changePasswordInputSchema = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema })
  .strict();

export const sessionMethods = {
  /** Where the app stands: first run, locked, or someone logged in. */
  'session.status': defineMethod({
    input: z.object({}).strict().optional(),
    output: statusSchema,
    roles: ALL_ROLES,
    writes: false,
    whenLocked: true,
  }),
  /** First run: office, first coordinator, and the recovery key shown once. */
  'session.setup': defineMethod({
    input: setupInputSchema,
    output: z.object({ recoveryKey: z.string(), user: sessionUserSchema }),
    roles: ALL_ROLES,
    writes: true,
    whenLocked: true,
  }),
  'session.login': defineMethod({
    input: loginInputSchema,
    output: loginResultSchema,
    roles: ALL_ROLES,
    writes: true,
    whenLocked: true,
  }),
  /** Closes the database and wipes the key; also used for "switch user". */
  'session.lock': defineMethod({
    input: z.object({}).strict().optional(),
    output: z.object({ state: z.literal('locked') }),
    roles: ALL_ROLES,
    writes: false,
    whenLocked: true,
  }),
  /** Keeps the session from auto-locking while the person is working. */
  'session.heartbeat': defineMethod({
    input: z.object({}).strict().optional(),
    output: z.object({ autoLockSeconds: z.number() }),
    roles: ALL_ROLES,
    writes: false,
  }),
  /** Sets a new password with the printed recovery key. */
  'session.recover': defineMethod({
    input: recoverInputSchema,
    output: loginResultSchema,
    roles: ALL_ROLES,
    writes: true,
    whenLocked: true,
  }),
  /** A new key pair for the new password; a coordinator's change replaces the office's keys at once, a staff member's at the next coordinator login. */
  'session.changePassword': defineMethod({
    input: changePasswordInputSchema,
    output: z.object({ ok: z.literal(true) }),
    roles: ALL_ROLES,
    writes: true,
    ownTransaction: true,
  }),
  /**
   * Issues a new recovery key (shown once, to print); the old one opens
   * nothing from this moment on (the keys are replaced). Asks for the
   * coordinator's password again.
   */
  'session.replaceRecoveryKey': defineMethod({
    input: z.object({ password: z.string().min(1).max(200) }).strict(),
    output: z.object({ recoveryKey: z.string() }),
    roles: ['coordinator'],
    writes: true,
    ownTransaction: true,
  }),
  /** The coordinator goes on with a database older than the one this PC saw last (the notice stays in the audit log). */
  'session.acceptRollback': defineMethod({
    input: z.object({}).strict().optional(),
    output: z.object({ ok: z.literal(true) }),
    roles: ['coordinator'],
    writes: true,
  }),
  /**
   * When the database is damaged or foreign: checks the credentials, then
   * replaces it with the newest backup that passes its checks (the damaged file
   * is kept aside, never deleted).
   */
  'session.restoreLatestBackup': defineMethod({
    input: loginInputSchema,
    output: loginResultSchema.extend({ restoredFrom: z.string() }),
    roles: ['coordinator'],
    writes: true,
    whenLocked: true,
  }),
};
