import type { Kysely } from 'kysely';

type Tables = { families: { id: string; last_contact_at: string | null }; contacts: { family_id: string; occurred_at: string } };

/**
 * The family record over the years: members who moved out stay (with the
 * date), a closed family keeps why, and the date of the last contact is kept
 * on the family so the family list can filter and sort by it at 50,000
 * families; indexes for the list's filters and sort orders.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('members').addColumn('moved_out_at', 'text').execute();
  await db.schema.alterTable('families').addColumn('status_reason', 'text').execute();
  await db.schema.alterTable('families').addColumn('last_contact_at', 'text').execute();
  await (db as unknown as Kysely<Tables>)
    .updateTable('families')
    .set((eb) => ({
      last_contact_at: eb.selectFrom('contacts').select((c) => c.fn.max('contacts.occurred_at').as('newest')).whereRef('contacts.family_id', '=', 'families.id'),
    }))
    .execute();
  await db.schema.createIndex('families_status_name').on('families').columns(['status', 'name_fold']).execute();
  await db.schema.createIndex('families_last_contact').on('families').columns(['last_contact_at']).execute();
  await db.schema.createIndex('families_created').on('families').columns(['created_at']).execute();
  await db.schema.createIndex('families_district').on('families').columns(['district_id']).execute();
}
