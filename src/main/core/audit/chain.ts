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

/**
 * Appends one entry, linked to the previous entry's hash. The chain head is
 * updated first: that locks its row until the transaction ends (PostgreSQL)
 * or takes the write lock (SQLite), so two writers append one after the
 * other and never both link to the same predecessor.
 */
export async function appendAudit(db: Tx, record: AuditRecord, now: Date = new Date()): Promise<void> {
  const head = await db
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const row: ChainFields = {
    at: now.toISOString(),
    user_id: record.userId,
    method: record.method,
    entity_type: record.entityType,
    entity_id: record.entityId,
    outcome: record.outcome,
  };
  const hash = linkHash(head.hash, row);
  await db.insertInto('audit_log').values({ id: head.seq, ...row, prev_hash: head.hash, hash }).execute();
  await db.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
}

/**
 * Walks the chain in order. An altered row fails its own hash; a removed row
 * breaks the next row's link; removed newest rows no longer match the chain
 * head. Returns the first broken entry's id.
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
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || head.seq !== afterId || head.hash !== prev) return { ok: false, checked, firstBrokenId: afterId + 1 };
  return { ok: true, checked, firstBrokenId: null };
}
