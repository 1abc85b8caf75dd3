import type { Kysely } from 'kysely';
import type { DialectMigrations } from '../dialect';

/** The family search's sound-alike keys matched as whole words where a dialect needs an index of its own for that (PostgreSQL). */
export async function up(db: Kysely<unknown>, dialect: DialectMigrations): Promise<void> {
  await dialect.familySearchKeys(db);
}
