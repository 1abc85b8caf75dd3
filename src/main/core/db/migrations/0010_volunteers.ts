import type { Kysely } from 'kysely';

/**
 * The volunteer pool: lay interpreters, Integrationslotsen and Familienpaten.
 * Roles, languages with a level, districts, weekly availability and absences
 * are small lists read whole for matching (a pool of hundreds), so they are
 * JSON columns; trainings are rows of their own (hours add up in reports).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('volunteers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('street', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('city', 'text')
    .addColumn('roles', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('languages', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('district_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('availability', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('absences', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('confidentiality_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    /** The family member the volunteer once was (the records stay apart, connected). */
    .addColumn('member_id', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('volunteers_name').on('volunteers').columns(['last_name', 'first_name']).execute();
  await db.schema.createIndex('volunteers_member').on('volunteers').column('member_id').execute();

  await db.schema
    .createTable('volunteer_trainings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('volunteers.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('hours', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('certificate', 'integer', (c) => c.notNull().defaultTo(0))
    /** The M³ lay-interpreter qualification (what matching asks for interpreting). */
    .addColumn('qualification', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('volunteer_trainings_volunteer').on('volunteer_trainings').columns(['volunteer_id', 'date']).execute();
}
