import { createHash, createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Tx } from '../db/schema';

const SIGNING = 'signing';
/** An Ed25519 public key in SPKI DER is this 12-byte header and the 32-byte raw key. */
const SPKI_HEADER = 12;

export interface OfficeIdentity {
  /** The raw Ed25519 public key, base64: what the central office registers. */
  publicKey: string;
  /** SHA-256 of the raw public key, in groups of four hex digits: read out on the phone to check. */
  fingerprint: string;
}

export function fingerprintOf(rawPublicKey: Buffer): string {
  const hex = createHash('sha256').update(rawPublicKey).digest('hex').toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

/**
 * The office's signing key: made once (at setup, or on first use in an
 * office set up before it existed) and kept in the encrypted database.
 */
export async function ensureOfficeKey(db: Tx, now: Date): Promise<OfficeIdentity> {
  const stored = await db.selectFrom('office_keys').select('public_key').where('purpose', '=', SIGNING).executeTakeFirst();
  if (stored) return { publicKey: stored.public_key, fingerprint: fingerprintOf(Buffer.from(stored.public_key, 'base64')) };
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_HEADER);
  const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
  await db
    .insertInto('office_keys')
    .values({ purpose: SIGNING, public_key: raw.toString('base64'), private_key: pkcs8.toString('base64'), created_at: now.toISOString() })
    .execute();
  pkcs8.fill(0);
  return { publicKey: raw.toString('base64'), fingerprint: fingerprintOf(raw) };
}

async function signingKey(db: Tx): Promise<KeyObject> {
  const row = await db.selectFrom('office_keys').select('private_key').where('purpose', '=', SIGNING).executeTakeFirstOrThrow();
  return createPrivateKey({ key: Buffer.from(row.private_key, 'base64'), format: 'der', type: 'pkcs8' });
}

/** An Ed25519 signature of the bytes with the office's key. */
export async function signAsOffice(db: Tx, bytes: Uint8Array): Promise<Buffer> {
  return sign(null, bytes, await signingKey(db));
}
