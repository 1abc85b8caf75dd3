import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { z } from 'zod';
import type { Tx } from '../db/schema';
import type { AuditRecord } from '../rpc/dispatcher';
import { appendAudit } from './chain';

/**
 * The file lies unencrypted in the data folder: only what the lock screen
 * itself queues is taken over — failed or refused logins, recoveries and
 * restores — so an edited file cannot put other entries (e.g. a "recovery
 * key used") into the chain.
 */
const entrySchema = z.object({
  at: z.iso.datetime(),
  method: z.enum(['session.login', 'session.recover', 'session.restoreLatestBackup']),
  userId: z.uuid().nullable(),
  outcome: z.enum(['AUTH_FAILED', 'TEMPORARY_EXPIRED']),
});

export type QueuedMethod = z.infer<typeof entrySchema>['method'];

/** More would be an attack on the login's speed, not a record of it. */
const MAX_ENTRIES = 1000;

/**
 * What happens while the database is closed (failed logins, a throttled
 * attempt) is written here, one JSON line each — a method, an outcome, a user
 * id when the name belongs to an account, never the name typed — and appended
 * to the audit chain at the next unlock.
 */
export class AuditQueue {
  constructor(private readonly file: string) {}

  add(record: { method: QueuedMethod; userId: string | null; outcome: z.infer<typeof entrySchema>['outcome'] }, at: Date): void {
    try {
      appendFileSync(this.file, `${JSON.stringify({ at: at.toISOString(), ...record })}\n`, { mode: 0o600 });
    } catch {
      // Best effort: a full disk must not stop the login screen from answering.
    }
  }

  /**
   * Appends the queued entries in order, each with its own time (never later
   * than `now`); clear() once the transaction committed.
   */
  async appendTo(db: Tx, key: Buffer, now: Date): Promise<number> {
    if (!existsSync(this.file)) return 0;
    const lines = readFileSync(this.file, 'utf8').split('\n').filter(Boolean).slice(-MAX_ENTRIES);
    let added = 0;
    for (const line of lines) {
      let entry;
      try {
        entry = entrySchema.parse(JSON.parse(line));
      } catch {
        continue;
      }
      const record: AuditRecord = { method: entry.method, userId: entry.userId, entityType: null, entityId: null, outcome: entry.outcome };
      const at = new Date(Math.min(Date.parse(entry.at), now.getTime()));
      await appendAudit(db, record, at, key);
      added += 1;
    }
    return added;
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
