import { createHmac } from 'node:crypto';
import { AUDIT_GENESIS as GENESIS } from '../db/migrations/audit-head';
import type { AuditLogTable, Db, Tx } from '../db/schema';
import type { AuditRecord } from '../rpc/dispatcher';

/** The columns a link's hash covers. */
type ChainFields = Pick<AuditLogTable, 'at' | 'user_id' | 'method' | 'entity_type' | 'entity_id' | 'outcome'>;

/**
 * The link of one entry: HMAC-SHA-256 under the office's audit key over the
 * previous link and the entry. Someone with the database file but without a
 * key cannot write a link that verifies (DESIGN.md: an audit trail a file
 * thief cannot rewrite).
 */
export function linkHash(prev: string, row: ChainFields, key: Buffer): string {
  return createHmac('sha256', key)
    .update(prev)
    .update('|')
    .update(JSON.stringify([row.at, row.user_id, row.method, row.entity_type, row.entity_id, row.outcome]))
    .digest('hex');
}

/** One entry as the audit log stores it. */
export type AuditLink = ChainFields & { id: number; prev_hash: string; hash: string };

/**
 * How a database writes a link: the chain head is updated first — that locks
 * its row until the transaction ends (PostgreSQL) or takes the write lock
 * (SQLite), so two writers append one after the other and never both link to
 * the same predecessor — then the entry is written and the head moved to it.
 * A dialect may do this in fewer round trips (the office hub: every statement
 * crosses the network).
 */
export interface AuditWriter {
  /**
   * Locks the head and takes the next number. `lazy`: the transaction writes
   * nothing but this entry (a read's), so its commit need not wait for the
   * disk (Dialect.auditWriter says what that costs on its database).
   */
  next(db: Tx, lazy: boolean): Promise<{ seq: number; hash: string }>;
  /** Writes the entry and moves the head to it. */
  link(db: Tx, entry: AuditLink): Promise<void>;
  /**
   * The head as it is on disk, for the anchor (which must never be ahead of
   * the database): needed where a lazy commit is visible before it is
   * durable; else the head is read as it is.
   */
  durableHead?(db: Db): Promise<{ seq: number; hash: string }>;
}

/** The portable writer: three statements, on either database. */
export const kyselyAuditWriter: AuditWriter = {
  next: (db) =>
    db
      .updateTable('audit_head')
      .set((eb) => ({ seq: eb('seq', '+', 1) }))
      .where('id', '=', 1)
      .returning(['seq', 'hash'])
      .executeTakeFirstOrThrow(),
  async link(db, entry) {
    await db.insertInto('audit_log').values(entry).execute();
    await db.updateTable('audit_head').set({ hash: entry.hash }).where('id', '=', 1).execute();
  },
};

/** Appends one entry, linked to the previous entry's hash (see AuditWriter). */
export async function appendAudit(db: Tx, record: AuditRecord, now: Date, key: Buffer, options: { writer?: AuditWriter; lazy?: boolean } = {}): Promise<void> {
  const writer = options.writer ?? kyselyAuditWriter;
  const head = await writer.next(db, options.lazy ?? false);
  const row: ChainFields = {
    at: now.toISOString(),
    user_id: record.userId,
    method: record.method,
    entity_type: record.entityType,
    entity_id: record.entityId,
    outcome: record.outcome,
  };
  await writer.link(db, { id: head.seq, ...row, prev_hash: head.hash, hash: linkHash(head.hash, row, key) });
}

/**
 * Walks the chain in order up to the chain head. An altered row fails its own
 * hash; a removed row breaks the next row's link; removed newest rows leave
 * the head pointing past the last entry. The head is read first: every entry
 * up to it has committed (appending locks the head), so entries other PCs add
 * meanwhile are neither missed nor mistaken for damage. Returns the first
 * broken entry's number.
 */
export async function verifyAudit(db: Tx, key: Buffer): Promise<{ ok: boolean; checked: number; firstBrokenId: number | null }> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head) return { ok: false, checked: 0, firstBrokenId: 1 };
  let prev = GENESIS;
  let expected = 1;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>=', expected)
      .where('id', '<=', head.seq)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.id !== expected || row.prev_hash !== prev || linkHash(prev, row, key) !== row.hash) return { ok: false, checked: expected - 1, firstBrokenId: expected };
      prev = row.hash;
      expected += 1;
    }
  }
  if (expected - 1 !== head.seq || prev !== head.hash) return { ok: false, checked: expected - 1, firstBrokenId: expected };
  return { ok: true, checked: head.seq, firstBrokenId: null };
}

/** The chain's newest entry, as kept outside the data folder to notice an older copy put in its place. */
export async function auditHead(db: Tx): Promise<{ seq: number; hash: string }> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: head.seq, hash: head.hash };
}

/** The link stored for entry `seq`, or null when the chain has no such entry. */
export async function linkAt(db: Tx, seq: number): Promise<string | null> {
  const row = await db.selectFrom('audit_log').select('hash').where('id', '=', seq).executeTakeFirst();
  return row?.hash ?? null;
}

/**
 * Whether this audit key wrote the chain's newest link: an audit key replaced
 * in the key file (sealed to everyone's public keys by someone who does not
 * know the real one) would sign every new entry with a key its author knows.
 */
export async function keySignsHead(db: Tx, key: Buffer): Promise<boolean> {
  const newest = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  return !newest || linkHash(newest.prev_hash, newest, key) === newest.hash;
}
