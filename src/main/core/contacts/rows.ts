import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Contact, contactFieldsSchema } from '../../../shared/rpc/areas/contacts';
import type { ContactsTable, Tx } from '../db/schema';

export type ContactFields = z.output<typeof contactFieldsSchema>;

/** Writes one short contact; it happened now unless `occurredAt` says when. */
export async function insertContact(db: Tx, familyId: string, c: ContactFields, staffId: string | null, now: Date): Promise<ContactsTable> {
  const row: ContactsTable = {
    id: randomUUID(),
    family_id: familyId,
    type: c.type,
    occurred_at: c.occurredAt ? new Date(c.occurredAt).toISOString() : now.toISOString(),
    duration_min: c.durationMin ?? null,
    topics: JSON.stringify(c.topics),
    field_of_action: c.fieldOfAction,
    note: c.note ?? null,
    staff_id: staffId,
    created_at: now.toISOString(),
  };
  await db.insertInto('contacts').values(row).execute();
  // The family list filters and sorts by the newest contact: kept on the family.
  await db
    .updateTable('families')
    .set({ last_contact_at: row.occurred_at })
    .where('id', '=', familyId)
    .where((eb) => eb.or([eb('last_contact_at', 'is', null), eb('last_contact_at', '<', row.occurred_at)]))
    .execute();
  return row;
}

/** A stored contact as the contract shows it; `staffName` is the staff member's display name. */
export function toContact(row: ContactsTable, staffName: string | null): Contact {
  return {
    id: row.id,
    type: row.type as Contact['type'],
    occurredAt: row.occurred_at,
    durationMin: row.duration_min,
    topics: JSON.parse(row.topics) as string[],
    fieldOfAction: row.field_of_action,
    note: row.note,
    staffName,
  };
}
