/**
 * A busy year of contacts for the bench's reach report: the families' own
 * contacts spread over five years, and these bring the data to more than
 * 500,000 contacts, most of them in the last twelve months, so a year's
 * report reads as much as a large office's would.
 */
import { randomUUID } from 'node:crypto';
import type { ContactsTable, Db } from '../db/schema';
import { contact } from './families';
import type { Rng } from './random';

const BATCH = 1000;
const YEAR_MS = 365 * 86_400_000;

export async function seedYearContacts(db: Db, rng: Rng, now: Date, count: number, staffId: string | null): Promise<number> {
  const families = (await db.selectFrom('families').select('id').orderBy('id').execute()).map((f) => f.id);
  const created = now.toISOString();
  for (let start = 0; start < count; start += BATCH) {
    const rows: ContactsTable[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i += 1) {
      // In time order: the indexes that start with the time grow at their end, which keeps seeding quick.
      const at = new Date(now.getTime() - YEAR_MS + Math.floor(((i + rng.next()) / count) * YEAR_MS));
      const c = contact(rng, at);
      rows.push({
        id: randomUUID(),
        family_id: families[rng.int(0, families.length - 1)]!,
        type: c.type,
        occurred_at: c.occurredAt!,
        duration_min: c.durationMin ?? null,
        topics: JSON.stringify(c.topics),
        field_of_action: c.fieldOfAction,
        note: null,
        staff_id: staffId,
        created_at: created,
      });
    }
    await db.insertInto('contacts').values(rows).execute();
  }
  return count;
}
