import type { Kysely } from 'kysely';

/**
 * Referrals (Vermittlungen): a family's need — interpreting, a Lotse, a Pate
 * or an external service — with its appointment, moved requested → offered →
 * confirmed → done (or cancelled, no-show, withdrawn); every step kept with
 * who made it and when.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id').onDelete('cascade'))
    .addColumn('member_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('external_service', 'text')
    .addColumn('appointment_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('duration_min', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('volunteer_id', 'text', (c) => c.references('volunteers.id').onDelete('set null'))
    .addColumn('hours', 'real')
    .addColumn('feedback', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('referrals_status').on('referrals').columns(['status', 'appointment_at']).execute();
  await db.schema.createIndex('referrals_family').on('referrals').column('family_id').execute();
  await db.schema.createIndex('referrals_volunteer').on('referrals').columns(['volunteer_id', 'appointment_at']).execute();

  await db.schema
    .createTable('referral_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referral_id', 'text', (c) => c.notNull().references('referrals.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user', 'text')
    .addColumn('volunteer_id', 'text')
    .addColumn('comment', 'text')
    .execute();
  await db.schema.createIndex('referral_steps_referral').on('referral_steps').columns(['referral_id', 'at']).execute();
}
