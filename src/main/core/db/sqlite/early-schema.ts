/**
 * Migration 0003 on SQLite: data folders made by the first development
 * versions, before migrations 0001 and 0002 were rewritten to run on
 * PostgreSQL too, still carry the old schema under the same migration names.
 * This brings them to the current one without losing anything: the audit
 * chain's head is built from its newest entry, and each family keeps its
 * search document's rowid. (The old `families.search_rowid` column stays; it
 * has a UNIQUE constraint, which SQLite cannot drop in place, and nothing reads it.)
 */
import { sql, type Kysely } from 'kysely';
import { createAuditHead } from '../migrations/audit-head';
import { createSearchRowids } from './family-search';

export async function upgradeEarlySchema(db: Kysely<unknown>): Promise<void> {
  const tables = new Set((await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db)).rows.map((r) => r.name));
  if (!tables.has('audit_head')) {
    const last = await sql<{ id: number; hash: string }>`SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`.execute(db);
    const newest = last.rows[0];
    await createAuditHead(db, newest?.id ?? 0, newest?.hash);
  }
  if (!tables.has('family_search_rowids')) {
    await createSearchRowids(db);
    await sql`INSERT INTO family_search_rowids (rowid, family_id) SELECT search_rowid, id FROM families WHERE search_rowid IS NOT NULL`.execute(db);
  }
}
