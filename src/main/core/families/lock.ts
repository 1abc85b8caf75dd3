import type { Tx } from '../db/schema';

/**
 * Holds the family's row for the rest of the transaction, so that whatever is
 * written for the family (a contact, a consent) and a merge that removes it
 * happen one after the other, also between two PCs on the hub (PostgreSQL: a
 * row lock; SQLite: the write lock). False when the family does not exist.
 */
export async function lockFamily(db: Tx, id: string): Promise<boolean> {
  const result = await db
    .updateTable('families')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
