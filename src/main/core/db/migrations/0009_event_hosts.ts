import type { Kysely } from 'kysely';

/** Who hosts an event (names as the office writes them), printed on the attendance list. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('events').addColumn('hosts', 'text').execute();
}
