import { z } from 'zod';
import { ALL_ROLES } from '../../roles';
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
