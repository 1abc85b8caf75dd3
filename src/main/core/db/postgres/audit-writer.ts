/**
 * The audit chain on the office hub in two statements instead of three: the
 * entry and the head's new hash in one (a data-modifying WITH), and a read's
 * lazy commit set by the statement that takes the number — every statement
 * is a round trip over the office network.
 */
import { sql } from 'kysely';
import type { AuditWriter } from '../../audit/chain';

export const postgresAuditWriter: AuditWriter = {
  async next(db, lazy) {
    // synchronous_commit off for this transaction only (set_config's third argument: local): a crash of the
    // server can lose the last fraction of a second of such commits, never a committed write of data, and the
    // database stays consistent (PostgreSQL's documentation, "Asynchronous Commit").
    const lazyCommit = lazy ? sql`, set_config('synchronous_commit', 'off', true) AS lazy` : sql``;
    const row = await sql<{ seq: number; hash: string }>`UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash${lazyCommit}`.execute(db);
    const head = row.rows[0];
    if (!head) throw new Error('audit_head missing');
    return { seq: Number(head.seq), hash: head.hash };
  },
  async link(db, e) {
    await sql`WITH entry AS (
        INSERT INTO audit_log (id, at, user_id, method, entity_type, entity_id, outcome, prev_hash, hash)
        VALUES (${e.id}, ${e.at}, ${e.user_id}, ${e.method}, ${e.entity_type}, ${e.entity_id}, ${e.outcome}, ${e.prev_hash}, ${e.hash})
      )
      UPDATE audit_head SET hash = ${e.hash} WHERE id = 1`.execute(db);
  },
};
