import { createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import type { Tx } from '../db/schema';

const SIGNING = 'signing';

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

/** The office's signing identity: made by migration 0013 and kept in the encrypted database. */
export async function officeIdentity(db: Tx): Promise<OfficeIdentity> {
  const stored = await db.selectFrom('office_keys').select('public_key').where('purpose', '=', SIGNING).executeTakeFirstOrThrow();
  return { publicKey: stored.public_key, fingerprint: fingerprintOf(Buffer.from(stored.public_key, 'base64')) };
}

/** The office's private signing key (never leaves the core). */
export async function signingKey(db: Tx): Promise<KeyObject> {
  const row = await db.selectFrom('office_keys').select('private_key').where('purpose', '=', SIGNING).executeTakeFirstOrThrow();
  return createPrivateKey({ key: Buffer.from(row.private_key, 'base64'), format: 'der', type: 'pkcs8' });
}

/** An Ed25519 signature of the bytes with the office's key. */
export async function signAsOffice(db: Tx, bytes: Uint8Array): Promise<Buffer> {
  return sign(null, bytes, await signingKey(db));
}
