import { DomainError } from '../../../shared/errors';
import type { DialectMigrations } from './dialect';
import { MIGRATIONS, type Migration } from './migrations';
import { CASEWORK_MIGRATIONS } from './migrations/casework';
import type { Db } from './schema';

export interface MigrateOptions {
  /** The dialect's own objects for the migrations that need them. */
  dialect: DialectMigrations;
  /** Called before each pending migration on a database that already holds data. */
  beforeMigration?: (name: string) => Promise<void>;
  migrations?: readonly (readonly [string, Migration])[];
  now?: () => Date;
  /** The database is the office hub's: pending migrations are refused, not run. */
  schemaIsHubs?: boolean;
}

/** Names of the migrations already applied; none in an empty database. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables();
  if (!tables.some((table) => table.name === 'schema_migrations')) return [];
  const rows = await db.selectFrom('schema_migrations').select('name').orderBy('name').execute();
  return rows.map((r) => r.name);
}

/** Names applied on the case-work track (its own record in the case-work schema). */
async function appliedCasework(db: Db, dialect: DialectMigrations): Promise<string[]> {
  const tables = await db.introspection.getTables();
  if (tables.some((t) => t.schema === 'casework' && t.name === 'schema_migrations')) {
    const rows = await db.selectFrom('casework.schema_migrations').select('name').orderBy('name').execute();
    return rows.map((r) => r.name);
  }
  await dialect.caseworkSchema(db as never);
  await db.schema
    .withSchema('casework')
    .createTable('schema_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
  const rows = await db.selectFrom('casework.schema_migrations').select('name').orderBy('name').execute();
  return rows.map((r) => r.name);
}

/**
 * The case-work track, after the store attached it: the same rules as the
 * main list (each in its own transaction, refuse a newer store), its record
 * kept beside the tables it describes.
 */
export async function migrateCasework(db: Db, options: Omit<MigrateOptions, 'migrations'> & { migrations?: MigrateOptions['migrations'] }): Promise<string[]> {
  const all = options.migrations ?? CASEWORK_MIGRATIONS;
  const applied = await appliedCasework(db, options.dialect);
  return applyPending(db, all, applied, options, 'casework.schema_migrations');
}

/**
 * Applies pending migrations, each in its own transaction together with its
 * record, each preceded by a backup. Refuses a database that has migrations
 * this app does not know (it was written by a newer version).
 */
export async function migrate(db: Db, options: MigrateOptions): Promise<string[]> {
  const all = options.migrations ?? MIGRATIONS;
  const applied = await appliedMigrations(db);
  // Only where the record is missing: a PC of the office hub may read the schema, not change it.
  if (applied.length === 0) {
    await db.schema
      .createTable('schema_migrations')
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
  }
  return applyPending(db, all, applied, options, 'schema_migrations');
}

async function applyPending(
  db: Db,
  all: readonly (readonly [string, Migration])[],
  applied: string[],
  options: MigrateOptions,
  record: 'schema_migrations' | 'casework.schema_migrations',
): Promise<string[]> {
  const known = new Set(all.map(([name]) => name));
  if (applied.some((name) => !known.has(name))) {
    throw new DomainError('CONFLICT', 'errors:db_newer_than_app');
  }
  const done = new Set(applied);
  // A PC of the office hub never migrates the shared database: the hub does, when it runs this version.
  if (options.schemaIsHubs && all.some(([name]) => !done.has(name))) throw new DomainError('CONFLICT', 'errors:hub_needs_update');
  const ran: string[] = [];
  for (const [name, migration] of all) {
    if (done.has(name)) continue;
    if (applied.length > 0) await options.beforeMigration?.(name);
    await db.transaction().execute(async (trx) => {
      await migration.up(trx as never, options.dialect);
      await trx.insertInto(record).values({ name, applied_at: (options.now?.() ?? new Date()).toISOString() }).execute();
    });
    ran.push(name);
  }
  return ran;
}
