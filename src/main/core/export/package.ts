/**
 * The package an office sends to the central project, and its opening at the
 * central office. Inside out: the payload (JSON) is signed with the office's
 * Ed25519 key; payload, signature and signer travel as one JSON envelope,
 * which is encrypted to the central project's age public key. Only the
 * central office can read it (age: X25519 + ChaCha20-Poly1305, so any flipped
 * byte fails), and only a registered office can have signed it.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { Decrypter, Encrypter } from 'age-encryption';
import type { ExportPreview } from '../../../shared/rpc/areas/reports';

export const PACKAGE_FORMAT = 'm3-central-package';
export const PACKAGE_VERSION = 1;

/** What the central project receives: the preview's tables and records, and who sent them for which period. */
export interface PackagePayload {
  format: typeof PACKAGE_FORMAT;
  version: typeof PACKAGE_VERSION;
  /** Random; the central office refuses a package it has imported before (a replay). */
  packageId: string;
  createdAt: string;
  office: { name: string; publicKey: string; fingerprint: string };
  period: { from: string; to: string };
  threshold: number;
  /** Families reached in the period (all of them, with or without consent for records); null when below the threshold. */
  families: number | null;
  tables: ExportPreview['tables'];
  records: ExportPreview['records'];
}

interface Envelope {
  /** The payload's exact bytes, base64: what the signature covers. */
  payload: string;
  /** Ed25519 signature of those bytes, base64. */
  signature: string;
  /** The signer's raw Ed25519 public key, base64. */
  signer: string;
}

/** Why a package is refused (the central tool words each for the person importing). */
export type PackageRefusal = 'not_for_this_office' | 'damaged' | 'unsigned' | 'bad_signature' | 'unregistered' | 'not_a_package';

export class PackageError extends Error {
  constructor(readonly reason: PackageRefusal) {
    super(reason);
    this.name = 'PackageError';
  }
}

/** An Ed25519 public key from its 32 raw bytes (base64). */
export function ed25519PublicKey(rawBase64: string): KeyObject {
  const raw = Buffer.from(rawBase64, 'base64');
  if (raw.length !== 32) throw new PackageError('bad_signature');
  // The SPKI prefix of an Ed25519 key (RFC 8410), then the 32 raw bytes.
  return createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Signs the payload as the office and encrypts it to the central project's recipient (`age1…`). */
export async function sealPackage(payload: PackagePayload, signingKey: KeyObject, signerPublicKey: string, recipient: string): Promise<Uint8Array> {
  const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
  const envelope: Envelope = { payload: bytes.toString('base64'), signature: sign(null, bytes, signingKey).toString('base64'), signer: signerPublicKey };
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  return encrypter.encrypt(JSON.stringify(envelope));
}

/**
 * Opens a package at the central office: decrypts it with the central
 * identity (`AGE-SECRET-KEY-1…`), checks that a registered office signed
 * exactly these bytes, and answers the payload. Throws PackageError.
 */
export async function openPackage(file: Uint8Array, identity: string, registered: readonly string[]): Promise<{ payload: PackagePayload; signer: string }> {
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  let text: string;
  try {
    text = await decrypter.decrypt(file, 'text');
  } catch (error) {
    // age says which: no identity matched the header (another central office's package), or the bytes do not authenticate.
    const message = error instanceof Error ? error.message : '';
    if (/no identity matched/i.test(message)) throw new PackageError('not_for_this_office');
    if (!/^age-encryption\.org\/v1/.test(Buffer.from(file.subarray(0, 21)).toString('latin1'))) throw new PackageError('not_a_package');
    throw new PackageError('damaged');
  }
  let envelope: Partial<Envelope>;
  try {
    envelope = JSON.parse(text) as Partial<Envelope>;
  } catch {
    throw new PackageError('not_a_package');
  }
  if (typeof envelope.payload !== 'string') throw new PackageError('not_a_package');
  if (typeof envelope.signature !== 'string' || typeof envelope.signer !== 'string' || envelope.signature === '') throw new PackageError('unsigned');
  if (!registered.includes(envelope.signer)) throw new PackageError('unregistered');
  const bytes = Buffer.from(envelope.payload, 'base64');
  if (!verify(null, bytes, ed25519PublicKey(envelope.signer), Buffer.from(envelope.signature, 'base64'))) throw new PackageError('bad_signature');
  let payload: PackagePayload;
  try {
    payload = JSON.parse(bytes.toString('utf8')) as PackagePayload;
  } catch {
    throw new PackageError('not_a_package');
  }
  if (payload.format !== PACKAGE_FORMAT || payload.version !== PACKAGE_VERSION) throw new PackageError('not_a_package');
  // The office named inside must be the one that signed: a registered office cannot send in another's name.
  if (payload.office?.publicKey !== envelope.signer) throw new PackageError('bad_signature');
  return { payload, signer: envelope.signer };
}
