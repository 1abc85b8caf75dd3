import { DomainError } from '../../../shared/errors';
import type { DialectMigrations } from './dialect';
import { MIGRATIONS, type Migration } from './migrations';
import type { Db } from './schema';

export interface MigrateOptions {
  /** The dialect's own objects for the migrations that need them. */
  dialect: DialectMigrations;
  /** Called before each pending migration on a database that already holds data. */
  beforeMigration?: (name: string) => Promise<void>;
  migrations?: readonly (readonly [string, Migration])[];
  now?: () => Date;
}

/** Names of the migrations already applied; none in an empty database. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables();
  if (!tables.some((table) => table.name === 'schema_migrations')) return [];
  const rows = await db.selectFrom('schema_migrations').select('name').orderBy('name').execute();
  return rows.map((r) => r.name);
}

/**
 * Applies pending migrations, each in its own transaction together with its
 * record, each preceded by a backup. Refuses a database that has migrations
 * this app does not know (it was written by a newer version).
 */
export async function migrate(db: Db, options: MigrateOptions): Promise<string[]> {
  const all = options.migrations ?? MIGRATIONS;
  const known = new Set(all.map(([name]) => name));
  const applied = await appliedMigrations(db);
  await db.schema
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  if (applied.some((name) => !known.has(name))) {
    throw new DomainError('CONFLICT', 'errors:db_newer_than_app');
  }
  const done = new Set(applied);
  const ran: string[] = [];
  for (const [name, migration] of all) {
    if (done.has(name)) continue;
    if (applied.length > 0) await options.beforeMigration?.(name);
    await db.transaction().execute(async (trx) => {
      await migration.up(trx as never, options.dialect);
      await trx.insertInto('schema_migrations').values({ name, applied_at: (options.now?.() ?? new Date()).toISOString() }).execute();
    });
    ran.push(name);
  }
  return ran;
}
