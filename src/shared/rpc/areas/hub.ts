import { z } from 'zod';
import { ALL_ROLES, COORDINATOR_ONLY } from '../../roles';
import { defineMethod } from '../define';

/** What a replay of the counter's journal found: persons another counter had checked in meanwhile, for the host. */
export const replayReportSchema = z.object({
  at: z.string(),
  replayed: z.number().int(),
  /** Persons whose event or family record was removed while they waited. */
  dropped: z.number().int(),
  alreadyIn: z.array(z.object({ eventId: z.string(), familyName: z.string(), names: z.array(z.string()) })),
});

export const hubStatusSchema = z.object({
  /** single: this PC's own file; hub: a PC of the office hub. */
  mode: z.enum(['single', 'hub']),
  /** Whether the hub answers (always true on a single PC). */
  online: z.boolean(),
  /** Check-ins in this PC's journal, waiting for the hub. */
  pending: z.number().int(),
  lastReplay: replayReportSchema.nullable(),
});
export type HubStatus = z.infer<typeof hubStatusSchema>;

/** The hub as the app on the hub PC shows it to coordinators. */
export const hubHostSchema = z.object({
  running: z.boolean(),
  /** PCs connected now (by their address). */
  clients: z.number().int(),
  address: z.string(),
  port: z.number().int(),
  /** For the other PCs' "Join the office hub"; its enrolment token works until tokenUntil. */
  joinCode: z.string(),
  tokenUntil: z.string(),
  volume: z.enum(['encrypted', 'confirmed', 'unconfirmed', 'not_encrypted']),
  createdAt: z.string(),
  /** When this PC's own office was moved into the hub, and how much. */
  moved: z.object({ at: z.string(), tables: z.number().int(), rows: z.number().int() }).nullable(),
  lastBackupAt: z.string().nullable(),
});
export type HubHost = z.infer<typeof hubHostSchema>;

export const hubMakeInputSchema = z
  .object({
    /** The coordinator's password again: it becomes their database login on the hub. */
    password: z.string().min(1, { message: 'validation:required' }).max(200, { message: 'validation:too_long' }),
    port: z.coerce
      .number({ message: 'validation:hub_port' })
      .int({ message: 'validation:hub_port' })
      .min(1024, { message: 'validation:hub_port' })
      .max(65535, { message: 'validation:hub_port' }),
    /** The coordinator confirms the data folder lies on an encrypted volume (needed when the app cannot tell). */
    volumeConfirmed: z.boolean(),
  })
  .strict();

export const hubBackupSchema = z.object({
  name: z.string(),
  createdAt: z.string(),
  reason: z.enum(['daily', 'migration', 'manual', 'restore']),
  sizeBytes: z.number().int(),
});
export type HubBackupInfo = z.infer<typeof hubBackupSchema>;

export const hubMethods = {
  /**
   * First run on a PC of an office that has a hub: joins it with the join
   * code the coordinator gives out (instead of setting up an office of its
   * own). The core then restarts on the hub's database; staff log in with
   * their own accounts. A session.* method: it answers while nobody is logged in.
   */
  'session.joinHub': defineMethod({
    input: z.object({ code: z.string().trim().min(1, { message: 'validation:required' }).max(2000, { message: 'validation:too_long' }) }).strict(),
    output: z.object({ joined: z.literal(true) }),
    roles: ALL_ROLES,
    writes: false,
    whenLocked: true,
  }),
  /**
   * "Make this PC the office hub": a PostgreSQL server in this PC's data
   * folder, this PC's office moved into it (verified by counts and
   * checksums, the old file kept aside), and a join code for the other PCs.
   * The core then restarts on the hub; everyone logs in again.
   */
  'hub.make': defineMethod({
    input: hubMakeInputSchema,
    output: z.object({ joinCode: z.string(), tables: z.number().int(), rows: z.number().int() }),
    roles: COORDINATOR_ONLY,
    writes: false,
    ownTransaction: true,
  }),
  /** The hub this PC runs (its state, the join code); null on every other PC. */
  'hub.host': defineMethod({
    input: z.object({}).strict(),
    output: hubHostSchema.nullable(),
    roles: COORDINATOR_ONLY,
    writes: false,
  }),
  /** A new join code for the other PCs; the previous one stops working. */
  'hub.renewJoinCode': defineMethod({
    input: z.object({}).strict(),
    output: z.object({ joinCode: z.string(), tokenUntil: z.string() }),
    roles: COORDINATOR_ONLY,
    writes: true,
  }),
  /** The hub's backups, newest first (on the hub PC; empty elsewhere). */
  'hub.listBackups': defineMethod({
    input: z.object({}).strict(),
    output: z.object({ items: z.array(hubBackupSchema) }),
    roles: COORDINATOR_ONLY,
    writes: false,
  }),
  /** A backup of the hub now, checked by a restore into a temporary database before it counts. */
  'hub.backupNow': defineMethod({
    input: z.object({}).strict(),
    output: hubBackupSchema,
    roles: COORDINATOR_ONLY,
    writes: false,
    audit: 'write',
    ownTransaction: true,
  }),
  /**
   * Puts the whole office back to a hub backup (opened with this
   * coordinator's key); what is there now becomes a backup first. Every PC's
   * screens reload.
   */
  'hub.restoreBackup': defineMethod({
    input: z.object({ name: z.string().max(200) }).strict(),
    output: z.object({ restoredFrom: z.string() }),
    roles: COORDINATOR_ONLY,
    writes: true,
    ownTransaction: true,
  }),
  /** Where this PC's data lives and whether the office hub answers (the banner, the counter's list for the host). */
  'hub.status': defineMethod({
    input: z.object({}).strict(),
    output: hubStatusSchema,
    roles: ALL_ROLES,
    writes: false,
    // Answered from the core's own state: it must work while the hub does not answer.
    ownTransaction: true,
  }),
};
