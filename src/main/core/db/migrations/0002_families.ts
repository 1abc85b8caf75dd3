import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { KAUFBEUREN_DISTRICTS } from '../../../../shared/domain/lists';
import type { DialectMigrations } from '../dialect';

/** Families, members, consents, contacts, districts, and the search index. */
export async function up(db: Kysely<unknown>, dialect: DialectMigrations): Promise<void> {
  await db.schema
    .createTable('districts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  let sort = 0;
  for (const name of KAUFBEUREN_DISTRICTS) {
    await (db as Kysely<{ districts: { id: string; name: string; active: number; sort: number } }>)
      .insertInto('districts')
      .values({ id: randomUUID(), name, active: 1, sort: (sort += 1) })
      .execute();
  }

  await db.schema
    .createTable('families')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('name_fold', 'text', (c) => c.notNull())
    .addColumn('street', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('city', 'text')
    .addColumn('district_id', 'text', (c) => c.references('districts.id'))
    .addColumn('phone', 'text')
    .addColumn('phone_key', 'text')
    .addColumn('email', 'text')
    .addColumn('languages', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('preferred_language', 'text')
    .addColumn('interpreter_needed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('interpreter_language', 'text')
    .addColumn('access_route', 'text', (c) => c.notNull())
    .addColumn('migration_background', 'text', (c) => c.notNull().defaultTo('not_stated'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('families_name_fold').on('families').column('name_fold').execute();
  await db.schema.createIndex('families_phone_key').on('families').column('phone_key').execute();

  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id').onDelete('cascade'))
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('birth_year', 'integer', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('school', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_koeln', 'text', (c) => c.notNull())
    .addColumn('last_skeleton', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('members_family').on('members').column('family_id').execute();
  await db.schema.createIndex('members_last_koeln').on('members').column('last_koeln').execute();
  await db.schema.createIndex('members_last_skeleton').on('members').column('last_skeleton').execute();

  await db.schema
    .createTable('consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('given', 'integer', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('form_version', 'text', (c) => c.notNull())
    .addColumn('form_language', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .execute();
  await db.schema.createIndex('consents_family').on('consents').columns(['family_id', 'purpose']).execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('duration_min', 'integer')
    .addColumn('topics', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('field_of_action', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('staff_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contacts_family').on('contacts').columns(['family_id', 'occurred_at']).execute();
  await db.schema.createIndex('contacts_occurred').on('contacts').column('occurred_at').execute();

  await dialect.familySearch(db);
}
