import { z } from 'zod';
import { ALL_ROLES, COORDINATOR_ONLY } from '../../roles';
import { defineMethod } from '../define';

export const settingsSchema = z.object({
  officeName: z.string(),
  officeLocation: z.string(),
  /** Phone, e-mail and opening hours for families: printed on the consent form. */
  officeContact: z.string(),
  /** Years after the last contact when a family's data is deleted: printed on the consent form. */
  retentionYears: z.number().int(),
  /** Inactivity before auto-lock, in minutes (a quarter minute at least, for tests and demos). */
  autoLockMinutes: z.number(),
  /** Where backups go; empty means the data folder's "backups". */
  backupDir: z.string(),
  backupKeep: z.number().int(),
  /** The project's name and the funding line, printed on everything for the funder (attendance lists, reports). */
  projectName: z.string(),
  fundingLine: z.string(),
  /** The central project's age public key: packages for it are encrypted to this (empty: not configured). */
  centralRecipient: z.string(),
  /** Aggregate cells from 1 up to below this leave the office suppressed (German statistical offices: 3). */
  suppressionThreshold: z.number().int(),
  /** An HTTPS address the central package is sent to (empty: only to a file). */
  exportEndpoint: z.string(),
  /** Whether the central project's pseudonym key is configured (the key itself is never read back). */
  pseudonymKeySet: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsUpdateSchema = z
  .object({
    officeName: z.string().trim().min(2, { message: 'validation:too_short' }).max(120, { message: 'validation:too_long' }),
    officeLocation: z.string().trim().max(120, { message: 'validation:too_long' }),
    officeContact: z.string().trim().max(300, { message: 'validation:too_long' }),
    retentionYears: z.number({ message: 'validation:number' }).int({ message: 'validation:retention_range' }).min(1, { message: 'validation:retention_range' }).max(10, { message: 'validation:retention_range' }),
    autoLockMinutes: z.number({ message: 'validation:number' }).min(0.25, { message: 'validation:autolock_range' }).max(240, { message: 'validation:autolock_range' }),
    backupDir: z.string().trim().max(500, { message: 'validation:too_long' }),
    backupKeep: z.number({ message: 'validation:number' }).int().min(1, { message: 'validation:backup_keep_range' }).max(365, { message: 'validation:backup_keep_range' }),
    projectName: z.string().trim().min(2, { message: 'validation:too_short' }).max(120, { message: 'validation:too_long' }),
    fundingLine: z.string().trim().min(10, { message: 'validation:too_short' }).max(500, { message: 'validation:too_long' }),
    centralRecipient: z
      .string()
      .trim()
      .regex(/^(age1[02-9ac-hj-np-z]{58})?$/, { message: 'validation:age_recipient' }),
    suppressionThreshold: z.number({ message: 'validation:number' }).int().min(2, { message: 'validation:threshold_range' }).max(20, { message: 'validation:threshold_range' }),
    exportEndpoint: z
      .string()
      .trim()
      .max(500, { message: 'validation:too_long' })
      .regex(/^(https:\/\/\S+)?$/, { message: 'validation:https_url' }),
    /** The key the central project gives every office for the family pseudonym: 64 hex digits (empty clears it). */
    pseudonymKey: z
      .string()
      .trim()
      .regex(/^([0-9a-fA-F]{64})?$/, { message: 'validation:pseudonym_key' }),
  })
  .partial()
  .strict();

export const settingsMethods = {
  'settings.get': defineMethod({
    input: z.object({}).strict().optional(),
    output: settingsSchema,
    roles: ALL_ROLES,
    writes: false,
  }),
  'settings.update': defineMethod({
    input: settingsUpdateSchema,
    output: settingsSchema,
    roles: COORDINATOR_ONLY,
    writes: true,
  }),
};
