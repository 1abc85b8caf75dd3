import type { Kysely } from 'kysely';

/**
 * Reports and the central export. Migration background per person (null:
 * the family's answer), and beside it Destatis's Einwanderungsgeschichte
 * (since 2023) per family and per person; the record of every package sent
 * to the central project; indexes the reach report reads by period only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('members').addColumn('migration_background', 'text').execute();
  await db.schema.alterTable('members').addColumn('immigration_history', 'text').execute();
  await db.schema.alterTable('families').addColumn('immigration_history', 'text', (c) => c.notNull().defaultTo('not_stated')).execute();

  await db.schema
    .createTable('exports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('by_user', 'text')
    .addColumn('families', 'integer', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    /** SHA-256 of the package file as written. */
    .addColumn('checksum', 'text', (c) => c.notNull())
    /** The file's path or the endpoint it went to. */
    .addColumn('destination', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exports_at').on('exports').column('at').execute();

  // The report reads a period's contacts and a period's events' check-ins from the index alone.
  await db.schema.createIndex('contacts_report').on('contacts').columns(['occurred_at', 'family_id', 'type', 'field_of_action', 'staff_id', 'topics']).execute();
  await db.schema.createIndex('checkins_report').on('checkins').columns(['event_id', 'person_id', 'family_id']).execute();
  await db.schema.createIndex('referrals_appointment').on('referrals').columns(['appointment_at', 'family_id']).execute();
}
