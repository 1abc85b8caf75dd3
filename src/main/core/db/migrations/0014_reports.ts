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
    /** Null where the count was below the threshold and left suppressed. */
    .addColumn('families', 'integer')
    .addColumn('records', 'integer', (c) => c.notNull())
    /** SHA-256 of the package file as written. */
    .addColumn('checksum', 'text', (c) => c.notNull())
    /** The file's path or the endpoint it went to. */
    .addColumn('destination', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exports_at').on('exports').column('at').execute();

  // The report groups a period's contacts by family, by kind and by field: each from an index that starts
  // with what it groups by, so nothing is sorted (db/sqlite/report-reads.ts names them).
  // contacts_reach starts like 0002's contacts_family (family, time), which it replaces.
  await db.schema.dropIndex('contacts_family').execute();
  await db.schema.createIndex('contacts_reach').on('contacts').columns(['family_id', 'occurred_at', 'field_of_action', 'staff_id']).execute();
  await db.schema.createIndex('contacts_kinds').on('contacts').columns(['type', 'field_of_action', 'topics', 'occurred_at', 'staff_id']).execute();
  await db.schema.createIndex('contacts_fields').on('contacts').columns(['field_of_action', 'family_id', 'occurred_at', 'staff_id']).execute();
  await db.schema.createIndex('checkins_report').on('checkins').columns(['event_id', 'person_id', 'family_id']).execute();
  await db.schema.createIndex('referrals_appointment').on('referrals').columns(['appointment_at', 'family_id']).execute();
}
