import type { Kysely } from 'kysely';
import { type DialectMigrations, REPORT_BUCKET_CHARS } from '../dialect';

/**
 * The reach report kept in parts (reports/parts.ts): the office's families
 * fall into buckets by the first characters of their id; a bucket's
 * version goes up with every change to its families' report rows (triggers,
 * from the dialect, so no write path can forget it), and a part counted at
 * a version holds for as long as the version stays.
 */
export async function up(db: Kysely<unknown>, dialect: DialectMigrations): Promise<void> {
  await db.schema
    .createTable('report_buckets')
    .addColumn('bucket', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('report_parts')
    /** The period and the counting's format (parts.ts: partsKey). */
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    /** The next referral appointment in the part: from then on a referral may count that did not. */
    .addColumn('valid_until', 'text')
    .addColumn('stored_at', 'text', (c) => c.notNull())
    /** The bucket's figures (JSON, parts.ts: PartFigures). */
    .addColumn('part', 'text', (c) => c.notNull())
    /** Whose report counted it: on the hub each login reads only its own (the dialect's default names the login). */
    .addColumn('stored_by', 'text', (c) => c.notNull().defaultTo(''))
    // A login's own parts first (the hub reads only those); by bucket, for a family's deletion.
    .addPrimaryKeyConstraint('report_parts_pk', ['stored_by', 'period', 'definition', 'bucket'])
    .execute();
  await db.schema.createIndex('report_parts_bucket').on('report_parts').column('bucket').execute();
  // A bucket's check-ins are read by family.
  await db.schema.createIndex('checkins_family').on('checkins').columns(['family_id', 'event_id']).execute();
  const q = db as Kysely<{ families: { id: string }; report_buckets: { bucket: string; version: number } }>;
  await q
    .insertInto('report_buckets')
    .columns(['bucket', 'version'])
    .expression(
      q
        .selectFrom('families')
        .select((eb) => [eb.fn<string>('substr', ['id', eb.lit(1), eb.lit(REPORT_BUCKET_CHARS)]).as('bucket'), eb.lit(1).as('version')])
        .distinct(),
    )
    .execute();
  await dialect.reportBuckets(db);
}
