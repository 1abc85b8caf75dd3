import { generateKeyPairSync } from 'node:crypto';
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
  // Every office database has its key from here on (also those set up before this version).
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  await (db as Kysely<{ office_keys: { purpose: string; public_key: string; private_key: string; created_at: string } }>)
    .insertInto('office_keys')
    .values({ purpose: 'signing', public_key: raw.toString('base64'), private_key: pkcs8.toString('base64'), created_at: new Date().toISOString() })
    .execute();
  pkcs8.fill(0);
}
