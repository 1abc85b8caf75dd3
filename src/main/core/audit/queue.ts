import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { z } from 'zod';
import type { Tx } from '../db/schema';
import type { AuditRecord } from '../rpc/dispatcher';
import { appendAudit } from './chain';

const entrySchema = z.object({
  at: z.string(),
  method: z.string(),
  userId: z.string().nullable(),
  outcome: z.string(),
});

/**
 * What happens while the database is closed (failed logins, a throttled
 * attempt) is written here, one JSON line each — a method, an outcome, a user
 * id when the name belongs to an account, never the name typed — and appended
 * to the audit chain at the next unlock.
 */
export class AuditQueue {
  constructor(private readonly file: string) {}

  add(record: { method: string; userId: string | null; outcome: string }, at: Date): void {
    try {
      appendFileSync(this.file, `${JSON.stringify({ at: at.toISOString(), ...record })}\n`, { mode: 0o600 });
    } catch {
      // Best effort: a full disk must not stop the login screen from answering.
    }
  }

  /** Appends the queued entries in order, each with its own time; clear() once the transaction committed. */
  async appendTo(db: Tx, key: Buffer): Promise<number> {
    if (!existsSync(this.file)) return 0;
    const lines = readFileSync(this.file, 'utf8').split('\n').filter(Boolean);
    let added = 0;
    for (const line of lines) {
      let entry;
      try {
        entry = entrySchema.parse(JSON.parse(line));
      } catch {
        continue;
      }
      const record: AuditRecord = { method: entry.method, userId: entry.userId, entityType: null, entityId: null, outcome: entry.outcome };
      await appendAudit(db, record, new Date(entry.at), key);
      added += 1;
    }
    return added;
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
