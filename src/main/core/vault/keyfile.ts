/**
 * The key file beside the database (`m3desk.keys`), version 3:
 *
 * - identities: one per staff account and one for the printed recovery key.
 *   Each holds an X25519 key pair; its private key is wrapped with AES-256-GCM
 *   under a key derived (scrypt) from the password or recovery key. The AAD
 *   binds the file, the slot, its kind, user id, username tag, role and
 *   public key, so a wrapped key cannot be moved to another user, role or
 *   office, nor given another public key.
 * - keys: each data key sealed (age) to the public keys of its holders:
 *   `office` (the database) and `audit` to every identity, `admin` to
 *   coordinators and the recovery key, `casework` (the case-work file) to
 *   coordinators, caseworkers and the recovery key. Replacing a key needs
 *   nobody's password.
 *
 * Who may hold keys is not decided by this file, which anyone with the folder
 * can edit, but by the core's copy of its identities inside the encrypted
 * database (session/holders.ts).
 *
 * Usernames appear only as HMAC tags with the file's random salt.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { roleSchema } from '../../../shared/roles';
import { writeFileAtomic } from '../files/atomic';

/**
 * office: opens the database (every identity); admin: marks a coordinator
 * (coordinators, recovery); audit: keys the audit chain
 * (every identity, never replaced, so the whole chain stays verifiable);
 * casework: opens the case-work file (coordinators, caseworkers, recovery).
 */
export const KEY_NAMES = ['office', 'admin', 'audit', 'casework'] as const;
export type KeyName = (typeof KEY_NAMES)[number];

/** Bounded, so an edited file cannot make one unlock take minutes or gigabytes. */
const kdfSchema = z.object({
  name: z.literal('scrypt'),
  N: z.number().int().min(2 ** 12).max(2 ** 20),
  r: z.number().int().min(1).max(16),
  p: z.number().int().min(1).max(4),
  salt: z.string().max(64),
});

export const identitySchema = z.object({
  id: z.string(),
  kind: z.enum(['user', 'recovery']),
  userId: z.string().nullable(),
  role: roleSchema.nullable(),
  tag: z.string().nullable(),
  /** A temporary password stops working after this moment (ISO); null for one the person chose. */
  temporaryUntil: z.string().nullable(),
  /** The public key (age recipient). */
  recipient: z.string().startsWith('age1'),
  kdf: kdfSchema,
  iv: z.string(),
  /** The wrapped private key (PKCS#8) with its GCM tag. */
  data: z.string(),
});
export type Identity = z.infer<typeof identitySchema>;

export const keyFileSchema = z.object({
  format: z.literal('m3desk-keys'),
  /** 3 adds the casework key: an older app refuses the file instead of rewriting it without that key. */
  version: z.literal(3),
  /** The file's identity, bound into every wrapped key. */
  fileId: z.string(),
  tagSalt: z.string(),
  /** Counts key replacements (rekeying). */
  generation: z.number().int().min(1),
  /**
   * Counts replacements of the casework key, which a key change replaces only
   * when someone who held it loses it; the case-work file of that key carries
   * the number in its name.
   */
  caseworkGeneration: z.number().int().min(1),
  identities: z.array(identitySchema),
  /** Sealed keys; `casework` is '' in a file from before case work until a coordinator's login makes it. */
  keys: z.object({ office: z.string(), admin: z.string(), audit: z.string(), casework: z.string() }),
});
export type KeyFile = z.infer<typeof keyFileSchema>;

export class VaultFileError extends Error {
  override name = 'VaultFileError';
  constructor(readonly reason: 'unreadable' | 'version1') {
    super(reason);
  }
}

export function readKeyFile(file: string): KeyFile {
  return parseKeyFile(readFileSync(file, 'utf8'));
}

/** A key file's text (from the disk, or the office hub's copy), checked; throws VaultFileError. */
export function parseKeyFile(text: string): KeyFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new VaultFileError('unreadable');
  }
  // Version 1 (the first development versions) wrapped one master key per password and cannot be carried over.
  if ((raw as { version?: unknown } | null)?.version === 1) throw new VaultFileError('version1');
  // Version 2 is version 3 without the casework key.
  const v2 = raw as { version?: unknown; keys?: Record<string, unknown> } | null;
  if (v2?.version === 2 && v2.keys && typeof v2.keys === 'object') raw = { ...v2, version: 3, caseworkGeneration: 1, keys: { ...v2.keys, casework: '' } };
  const parsed = keyFileSchema.safeParse(raw);
  if (!parsed.success) throw new VaultFileError('unreadable');
  return parsed.data;
}

/** Atomic (a crash leaves the old file or the new one) and readable by this user only. */
export function writeKeyFile(file: string, data: KeyFile): void {
  writeFileAtomic(file, `${JSON.stringify(data, null, 1)}\n`);
}
