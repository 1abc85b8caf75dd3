import { sql, type Kysely } from 'kysely';
import type { DialectMigrations } from '../dialect';

interface Tables {
  registrations: { id: string; event_id: string; family_id: string; status: string; created_at: string; cancelled_at: string | null };
}

/**
 * One open registration per family and event, kept by the database: two PCs
 * of the office hub registering the same family at the same moment both pass
 * the core's look first. Doubles from before are cancelled first: the family
 * keeps a place rather than a waiting one, else the older registration.
 * (Such doubles come only from that moment, before this version; a place one
 * of them held goes to those waiting at the event's next change.)
 */
export async function up(untyped: Kysely<unknown>, _dialect: DialectMigrations): Promise<void> {
  const db = untyped as unknown as Kysely<Tables>;
  const doubled = await db
    .selectFrom('registrations')
    .select(['event_id', 'family_id'])
    .where('status', '!=', 'cancelled')
    .groupBy(['event_id', 'family_id'])
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  const now = new Date().toISOString();
  for (const { event_id, family_id } of doubled) {
    const open = await db
      .selectFrom('registrations')
      .select(['id', 'status'])
      .where('event_id', '=', event_id)
      .where('family_id', '=', family_id)
      .where('status', '!=', 'cancelled')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const kept = open.find((r) => r.status === 'registered') ?? open[0]!;
    const others = open.filter((r) => r.id !== kept.id).map((r) => r.id);
    await db.updateTable('registrations').set({ status: 'cancelled', cancelled_at: now }).where('id', 'in', others).execute();
  }
  await db.schema.createIndex('registrations_one_open').on('registrations').columns(['event_id', 'family_id']).unique().where(sql.ref('status'), '!=', 'cancelled').execute();
}
