import type { Kysely } from 'kysely';
import type { DialectMigrations } from '../../dialect';

/**
 * Case notes with their versions and break-glass readings, the drafts of case
 * work, support plans, and the note search index. No foreign key reaches the
 * main database (SQLite cannot across files), and none between these tables
 * either (SQLite refuses a schema name in REFERENCES, PostgreSQL needs one):
 * the core writes and deletes a note with its versions, a plan with its
 * parts, in one transaction.
 */
export async function up(db: Kysely<unknown>, dialect: DialectMigrations): Promise<void> {
  const s = db.schema.withSchema('casework');
  await s
    .createTable('notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('field_of_action', 'integer', (c) => c.notNull())
    .addColumn('topics', 'text', (c) => c.notNull())
    .addColumn('participants', 'text', (c) => c.notNull())
    .addColumn('confidential', 'integer', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('excerpt', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'text')
    .addColumn('delete_reason', 'text')
    .execute();
  await dialect.caseworkIndex(db, 'notes_family', 'notes', ['family_id', 'occurred_on']);
  await dialect.caseworkIndex(db, 'notes_author', 'notes', ['author_id']);
  await s
    .createTable('note_versions')
    .addColumn('note_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('note_versions_pk', ['note_id', 'version'])
    .execute();
  await s
    .createTable('note_access')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('note_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text')
    .execute();
  await dialect.caseworkIndex(db, 'note_access_note', 'note_access', ['note_id']);
  await s
    .createTable('drafts')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('form_key', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('casework_drafts_pk', ['user_id', 'form_key'])
    .execute();
  await s
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().unique())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('plan_goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('field_of_action', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('start_on', 'text', (c) => c.notNull())
    .addColumn('target_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await dialect.caseworkIndex(db, 'plan_goals_plan', 'plan_goals', ['plan_id']);
  await s
    .createTable('plan_measures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('goal_id', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'text')
    .addColumn('owner_name', 'text')
    .addColumn('due_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await dialect.caseworkIndex(db, 'plan_measures_goal', 'plan_measures', ['goal_id']);
  await dialect.caseworkIndex(db, 'plan_measures_due', 'plan_measures', ['status', 'due_on']);
  await s
    .createTable('plan_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('next_review_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await dialect.caseworkIndex(db, 'plan_reviews_plan', 'plan_reviews', ['plan_id', 'held_on']);
  await s
    .createTable('plan_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull())
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('field_of_action', 'integer')
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute();
  await dialect.caseworkIndex(db, 'plan_events_family', 'plan_events', ['family_id', 'at']);
  await dialect.noteSearch(db);
}
