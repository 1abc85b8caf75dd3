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
    // server can lose the last fraction of a second of such commits, and the database stays consistent
    // (PostgreSQL's documentation, "Asynchronous Commit"). Only where the transaction has written nothing
    // before (no transaction id yet, checked before the head's update takes one — MATERIALIZED: inlined, the
    // check ran after it): data never commits lazily, even from a read whose handler wrote.
    const row = lazy
      ? await sql<{ seq: number; hash: string }>`WITH clean AS MATERIALIZED (SELECT pg_current_xact_id_if_assigned() IS NULL AS yes)
          UPDATE audit_head SET seq = seq + 1 FROM clean WHERE id = 1
          RETURNING seq, hash, CASE WHEN clean.yes THEN set_config('synchronous_commit', 'off', true) END AS lazy`.execute(db)
      : await sql<{ seq: number; hash: string }>`UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash`.execute(db);
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
  async durableHead(db) {
    // A lazy commit is visible before it is on disk. Rewriting the head row (unchanged) in a transaction of
    // its own commits synchronously: that flushes the log up to it, every lazy commit seen here included.
    return db.transaction().execute(async (trx) => {
      const row = await sql<{ seq: number; hash: string }>`UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash`.execute(trx);
      const head = row.rows[0];
      if (!head) throw new Error('audit_head missing');
      return { seq: Number(head.seq), hash: head.hash };
    });
  },
};
