import type { Kysely } from 'kysely';
import type { DialectMigrations } from '../dialect';

/** Data folders of the first development versions get the current schema (see db/sqlite/early-schema.ts). */
export async function up(db: Kysely<unknown>, dialect: DialectMigrations): Promise<void> {
  await dialect.upgradeEarlySchema(db);
}
