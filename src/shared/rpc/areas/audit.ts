import { z } from 'zod';
import { COORDINATOR_ONLY } from '../../roles';
import { defineMethod } from '../define';

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  method: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  outcome: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListInputSchema = z
  .object({
    userId: z.string().optional(),
    method: z.string().max(100).optional(),
    outcome: z.enum(['ok', 'failed']).optional(),
    from: z.string().date().optional(),
    to: z.string().date().optional(),
    limit: z.number().int().min(1).max(500).optional(),
    beforeId: z.number().int().optional(),
  })
  .strict();

export const auditMethods = {
  'audit.list': defineMethod({
    input: auditListInputSchema,
    output: z.object({ items: z.array(auditEntrySchema), hasMore: z.boolean() }),
    roles: COORDINATOR_ONLY,
    writes: false,
  }),
  /** Walks the hash chain; reports the first entry whose link is broken. */
  'audit.verify': defineMethod({
    input: z.object({}).strict().optional(),
    output: z.object({ ok: z.boolean(), checked: z.number().int(), firstBrokenId: z.number().int().nullable() }),
    roles: COORDINATOR_ONLY,
    writes: false,
  }),
};
