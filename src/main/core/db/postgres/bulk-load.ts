/**
 * Loading a whole office into the hub at once (a PC's data, made the hub's):
 * one transaction, in which references and triggers wait — the rows come from
 * a database that checked them already, so their order does not matter, and
 * no other PC is told of each row.
 */
import { sql } from 'kysely';
import { DERIVED_TABLE } from '../dialect';
import type { Db, Tx } from '../schema';

export async function bulkLoad<T>(db: Db, work: (trx: Tx) => Promise<T>, options: { lock: boolean } = { lock: false }): Promise<T> {
  return db.transaction().execute(async (trx) => {
    // The hub's owner is its superuser: only it may set this, only for this transaction.
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    if (options.lock) {
      // Every table of the office, search index included: other PCs' writes wait until the commit.
      const all = await sql<{ schema: string; name: string }>`SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_schema IN ('public', 'casework') AND table_type = 'BASE TABLE' ORDER BY 1, 2`.execute(trx);
      await sql`LOCK TABLE ${sql.join(all.rows.map((t) => sql.id(t.schema, t.name)))} IN ACCESS EXCLUSIVE MODE`.execute(trx);
    }
    return work(trx);
  });
}

/** The office's tables (public and casework) as Dialect.tableNames names them. */
export async function hubTableNames(db: Db): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    SELECT CASE WHEN table_schema = 'public' THEN table_name ELSE table_schema || '.' || table_name END AS name
    FROM information_schema.tables WHERE table_schema IN ('public', 'casework') AND table_type = 'BASE TABLE'`.execute(db);
  return rows.rows.map((r) => r.name).filter((name) => !DERIVED_TABLE.test(name));
}
