import type { Kysely } from 'kysely';

/**
 * Who holds the office's keys, as the core last wrote the key file: one row
 * per identity with its public key. The key file sits unencrypted beside the
 * database; this copy sits inside it, so someone who can write the folder but
 * not open the database cannot add a key pair of their own that the next key
 * change or backup would seal to (session/holders.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('key_holders')
    .addColumn('identity_id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('role', 'text')
    .addColumn('recipient', 'text', (c) => c.notNull())
    .execute();
}
