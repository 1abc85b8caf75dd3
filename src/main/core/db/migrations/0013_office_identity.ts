import type { Kysely } from 'kysely';

/**
 * The office's own key pairs, kept in the encrypted database: the Ed25519
 * key that signs what the office sends to the central project (created at
 * setup; its fingerprint is registered with the central office).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('office_keys')
    .addColumn('purpose', 'text', (c) => c.primaryKey())
    /** Raw public key, base64. */
    .addColumn('public_key', 'text', (c) => c.notNull())
    /** PKCS#8 DER private key, base64 (inside the encrypted database only). */
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
