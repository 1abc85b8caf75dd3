import type { Kysely } from 'kysely';

/**
 * Participation (Mitmachen): what a family member takes part in — parents'
 * council, a school or kindergarten committee, volunteering at the office,
 * the interpreter qualification, speaking at an event — with its start and
 * end, counted by the reports. A referral may be at the family's home, so
 * the assignment sheet may carry the address (and only then); a done one
 * says whether it helped and whether a follow-up is needed. Volunteers
 * register for trainings (events), and attending one records it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('member_engagements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('member_engagements_family').on('member_engagements').columns(['family_id', 'member_id']).execute();
  await db.schema.createIndex('member_engagements_kind').on('member_engagements').columns(['kind', 'started_on']).execute();
  await db.schema.alterTable('referrals').addColumn('at_home', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // The short feedback when a referral is done: did it help, is a follow-up needed (null: not said).
  await db.schema.alterTable('referrals').addColumn('helped', 'integer').execute();
  await db.schema.alterTable('referrals').addColumn('follow_up', 'integer').execute();
  // A done step keeps its hours, so a reopening (which clears the referral's) loses nothing of the history.
  await db.schema.alterTable('referral_steps').addColumn('hours', 'double precision').execute();
  // The volunteer's own consents (storing their data, passing their phone to families, photos): JSON [{purpose, given, date}].
  await db.schema.alterTable('volunteers').addColumn('consents', 'text', (c) => c.notNull().defaultTo('[]')).execute();

  // Volunteers registered for a training (an event of type volunteer_training); attending records the training.
  await db.schema
    .createTable('event_volunteers')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('volunteer_id', 'text', (c) => c.notNull().references('volunteers.id').onDelete('cascade'))
    .addColumn('attended', 'integer', (c) => c.notNull().defaultTo(0))
    /** The training entry attending wrote into the volunteer's record (taken back by this id only). */
    .addColumn('training_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_volunteers_pk', ['event_id', 'volunteer_id'])
    .execute();
}
