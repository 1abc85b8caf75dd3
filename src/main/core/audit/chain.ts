import { createHash } from 'node:crypto';
import type { AuditLogTable, Tx } from '../db/schema';
import type { AuditRecord } from '../rpc/dispatcher';

const GENESIS = '0'.repeat(64);

/** The columns a link's hash covers. */
type ChainFields = Pick<AuditLogTable, 'at' | 'user_id' | 'method' | 'entity_type' | 'entity_id' | 'outcome'>;

function linkHash(prev: string, row: ChainFields): string {
  return createHash('sha256')
    .update(prev)
    .update('|')
    .update(JSON.stringify([row.at, row.user_id, row.method, row.entity_type, row.entity_id, row.outcome]))
    .digest('hex');
}

/** Appends one entry, linked to the previous entry's hash. */
export async function appendAudit(db: Tx, record: AuditRecord, now: Date = new Date()): Promise<void> {
  const last = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prev = last?.hash ?? GENESIS;
  const row: ChainFields = {
    at: now.toISOString(),
    user_id: record.userId,
    method: record.method,
    entity_type: record.entityType,
    entity_id: record.entityId,
    outcome: record.outcome,
  };
  await db.insertInto('audit_log').values({ ...row, prev_hash: prev, hash: linkHash(prev, row) }).execute();
}

/**
 * Walks the chain in order. An altered row fails its own hash; a removed row
 * breaks the next row's link. Returns the first broken entry's id.
 */
export async function verifyAudit(db: Tx): Promise<{ ok: boolean; checked: number; firstBrokenId: number | null }> {
  let prev = GENESIS;
  let checked = 0;
  let afterId = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(5000).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.prev_hash !== prev || linkHash(prev, row) !== row.hash) return { ok: false, checked, firstBrokenId: row.id };
      prev = row.hash;
      checked += 1;
      afterId = row.id;
    }
  }
  return { ok: true, checked, firstBrokenId: null };
}
