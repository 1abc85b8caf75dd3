import type { Kysely } from 'kysely';

/**
 * Who works with a family. In the main database on purpose: reception sees
 * that a family has an open case and who the caseworker is, never content.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_assignments')
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('lead', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('since', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_assignments_pk', ['family_id', 'user_id'])
    .execute();
  await db.schema.createIndex('case_assignments_user').on('case_assignments').column('user_id').execute();
}
