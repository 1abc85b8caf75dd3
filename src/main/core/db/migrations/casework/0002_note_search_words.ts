import type { Kysely } from 'kysely';
import type { DialectMigrations } from '../../dialect';

/** The note search index's second version where a dialect has one (PostgreSQL: a word table instead of trigrams). */
export async function up(db: Kysely<unknown>, dialect: DialectMigrations): Promise<void> {
  await dialect.noteSearchWords(db);
}
