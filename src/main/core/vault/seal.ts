/**
 * Key pairs and sealing in the age format (age-encryption): a data key is
 * encrypted once to the public keys (recipients) of everyone entitled to it,
 * so a key can be replaced and handed to the current holders without knowing
 * any of their passwords. Private keys stay in Buffers (PKCS#8) or
 * non-extractable WebCrypto keys, never in strings.
 */
import { webcrypto } from 'node:crypto';
import { Decrypter, Encrypter, identityToRecipient } from 'age-encryption';

const { subtle } = webcrypto;
/** age-encryption's types name the DOM's CryptoKey; Node's WebCrypto key is the same thing. */
export type PrivateKey = webcrypto.CryptoKey;
type AgeIdentity = Parameters<Decrypter['addIdentity']>[0];

export interface NewKeyPair {
  /** The public key as an age recipient (`age1…`): not secret. */
  recipient: string;
  /** The private key, PKCS#8 DER; the caller wraps it and zeroes it. */
  pkcs8: Buffer;
}

export async function newKeyPair(): Promise<NewKeyPair> {
  const pair = (await subtle.generateKey({ name: 'X25519' }, true, ['deriveBits'])) as webcrypto.CryptoKeyPair;
  const recipient = await identityToRecipient(pair.privateKey as unknown as Parameters<typeof identityToRecipient>[0]);
  return { recipient, pkcs8: Buffer.from(await subtle.exportKey('pkcs8', pair.privateKey)) };
}

/** A private key for unsealing, not extractable again; the PKCS#8 bytes are zeroed. */
export async function importPrivateKey(pkcs8: Buffer): Promise<PrivateKey> {
  try {
    return await subtle.importKey('pkcs8', pkcs8, { name: 'X25519' }, false, ['deriveBits']);
  } finally {
    pkcs8.fill(0);
  }
}

/** The public key (age recipient) that belongs to a private key. */
export function recipientOf(privateKey: PrivateKey): Promise<string> {
  return identityToRecipient(privateKey as unknown as Parameters<typeof identityToRecipient>[0]);
}

/** Encrypts a data key to every recipient; anyone of them can unseal it. */
export async function seal(key: Buffer, recipients: readonly string[]): Promise<string> {
  return Buffer.from(await sealBytes(key, recipients)).toString('base64');
}

/** Encrypts bytes (a hub backup, a data key) to every recipient, as an age file. */
export async function sealBytes(data: Uint8Array, recipients: readonly string[]): Promise<Uint8Array> {
  if (recipients.length === 0) throw new Error('no recipients');
  const encrypter = new Encrypter();
  for (const recipient of recipients) encrypter.addRecipient(recipient);
  return encrypter.encrypt(data);
}

/** The data key, or null when this private key is not among the recipients. */
export async function unseal(sealed: string, privateKey: PrivateKey): Promise<Buffer | null> {
  return unsealBytes(Buffer.from(sealed, 'base64'), privateKey);
}

/** The bytes of an age file, or null when this private key is not among its recipients (or the file was changed). */
export async function unsealBytes(sealed: Uint8Array, privateKey: PrivateKey): Promise<Buffer | null> {
  const decrypter = new Decrypter();
  decrypter.addIdentity(privateKey as unknown as AgeIdentity);
  let plain: Uint8Array;
  try {
    plain = await decrypter.decrypt(sealed, 'uint8array');
  } catch {
    return null;
  }
  const copy = Buffer.from(plain);
  plain.fill(0);
  return copy;
}
