import type { Kysely } from 'kysely';

/**
 * A version per member, as families have one: two people correcting the same
 * person at once — the second is told, nothing is overwritten unseen.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('members')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
