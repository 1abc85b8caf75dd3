import { z } from 'zod';
import { COORDINATOR_ONLY } from '../../roles';
import { defineMethod } from '../define';

export const backupInfoSchema = z.object({
  name: z.string(),
  createdAt: z.string(),
  reason: z.enum(['manual', 'daily', 'migration', 'restore']),
  sizeBytes: z.number(),
  /** The backup holds case work too (made in a session that holds the casework key). */
  casework: z.boolean(),
});
export type BackupInfo = z.infer<typeof backupInfoSchema>;

export const backupStatusSchema = z.object({
  /** False on the office hub's PostgreSQL, which is backed up on the hub itself. */
  available: z.boolean(),
  lastBackupAt: z.string().nullable(),
  /** True when the newest backup is older than a week, or there is none. */
  stale: z.boolean(),
  dir: z.string(),
  keep: z.number().int(),
});

export const backupMethods = {
  'backup.status': defineMethod({
    input: z.object({}).strict().optional(),
    output: backupStatusSchema,
    roles: COORDINATOR_ONLY,
    writes: false,
  }),
  'backup.list': defineMethod({
    input: z.object({}).strict().optional(),
    output: z.object({ items: z.array(backupInfoSchema) }),
    roles: COORDINATOR_ONLY,
    writes: false,
  }),
  'backup.create': defineMethod({
    input: z.object({}).strict().optional(),
    output: backupInfoSchema,
    roles: COORDINATOR_ONLY,
    writes: true,
    ownTransaction: true,
  }),
  /** Checks the backup (opens, integrity, schema) and only then replaces the live file. */
  'backup.restore': defineMethod({
    input: z.object({ name: z.string().regex(/^m3desk-[0-9]{8}-[0-9]{6}(-[0-9]+)?-[a-z]+\.db$/) }).strict(),
    output: z.object({ restoredFrom: z.string() }),
    roles: COORDINATOR_ONLY,
    writes: true,
    ownTransaction: true,
  }),
};
