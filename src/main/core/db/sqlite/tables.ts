/** The office's tables in the PC's file and its attached case-work file (see Dialect.tableNames). */
import { sql } from 'kysely';
import { DERIVED_TABLE } from '../dialect';
import type { Db } from '../schema';

export async function sqliteTableNames(db: Db): Promise<string[]> {
  const names: string[] = [];
  for (const schema of ['main', 'casework']) {
    const attached = await sql<{ name: string }>`SELECT name FROM pragma_database_list WHERE name = ${schema}`.execute(db);
    if (attached.rows.length === 0) continue;
    const rows = await sql<{ name: string }>`SELECT name FROM ${sql.id(schema, 'sqlite_master')} WHERE type = 'table'`.execute(db);
    for (const { name } of rows.rows) {
      if (name.startsWith('sqlite_') || DERIVED_TABLE.test(name)) continue;
      names.push(schema === 'main' ? name : `casework.${name}`);
    }
  }
  return names;
}
