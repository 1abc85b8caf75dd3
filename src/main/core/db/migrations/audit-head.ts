import type { Kysely } from 'kysely';

/** The chain's start: no entry yet, so the "previous hash" of the first entry. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** The audit chain's head row (audit/chain.ts), starting after entry `seq` with hash `hash`. */
export async function createAuditHead(db: Kysely<unknown>, seq = 0, hash = AUDIT_GENESIS): Promise<void> {
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await (db as Kysely<{ audit_head: { id: number; seq: number; hash: string } }>).insertInto('audit_head').values({ id: 1, seq, hash }).execute();
}
