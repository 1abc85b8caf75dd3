import type { Kysely } from 'kysely';

/**
 * Events, registrations with a waiting list, and check-ins. One check-in per
 * person and event is a unique key of the database, so it holds whichever
 * counter (or PC of the office hub) checks someone in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** Events of one series (weekly or monthly) share it; null for a single event. */
    .addColumn('series_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('field_of_action', 'integer', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer')
    .addColumn('languages', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('interpreter', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned'))
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('events_date').on('events').columns(['date', 'start_time']).execute();
  await db.schema.createIndex('events_series').on('events').columns(['series_id', 'date']).execute();

  await db.schema
    .createTable('registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id').onDelete('cascade'))
    /** JSON array of member ids; empty: the whole household. */
    .addColumn('member_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('persons', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('cancelled_at', 'text')
    .execute();
  await db.schema.createIndex('registrations_event').on('registrations').columns(['event_id', 'status', 'created_at']).execute();

  await db.schema
    .createTable('checkins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('family_id', 'text', (c) => c.notNull())
    /** The check-in call it came with: undo takes back the newest call's persons. */
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user', 'text')
    .addColumn('walk_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checked_out_at', 'text')
    .addUniqueConstraint('checkins_event_person', ['event_id', 'person_id'])
    .execute();
  await db.schema.createIndex('checkins_event_at').on('checkins').columns(['event_id', 'at']).execute();

  await db.schema
    .createTable('anonymous_attendance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('adults', 'integer', (c) => c.notNull())
    .addColumn('children', 'integer', (c) => c.notNull())
    .addColumn('migration_background', 'text', (c) => c.notNull())
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user', 'text')
    .execute();
  await db.schema.createIndex('anonymous_attendance_event').on('anonymous_attendance').columns(['event_id', 'at']).execute();
}
