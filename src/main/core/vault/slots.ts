import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic';
import { DEFAULT_KDF, deriveKey, type KdfParams } from './kdf';

/**
 * The key-slot file beside the database. Each slot wraps the database's
 * master key with AES-256-GCM under a key derived from one secret: a staff
 * member's password, or the printed recovery key. Usernames are stored only
 * as a keyed hash (HMAC with the file's random salt), never in clear.
 */
const kdfSchema = z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string() });
const slotSchema = z.object({
  id: z.string(),
  kind: z.enum(['user', 'recovery']),
  userId: z.string().nullable(),
  tag: z.string().nullable(),
  kdf: kdfSchema,
  iv: z.string(),
  data: z.string(),
});
const fileSchema = z.object({
  format: z.literal('m3desk-keys'),
  version: z.literal(1),
  tagSalt: z.string(),
  slots: z.array(slotSchema),
});
export type Slot = z.infer<typeof slotSchema>;
type SlotFile = z.infer<typeof fileSchema>;

export class VaultFileError extends Error {
  override name = 'VaultFileError';
}

export class Vault {
  private constructor(
    readonly file: string,
    private data: SlotFile,
    private readonly kdf: KdfParams,
  ) {}

  static exists(file: string): boolean {
    return existsSync(file);
  }

  static load(file: string, kdf: KdfParams = DEFAULT_KDF): Vault {
    let parsed: SlotFile;
    try {
      parsed = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      throw new VaultFileError('unreadable key-slot file');
    }
    return new Vault(file, parsed, kdf);
  }

  /** A new vault (not yet written): random tag salt, no slots. */
  static create(file: string, kdf: KdfParams = DEFAULT_KDF): Vault {
    return new Vault(file, { format: 'm3desk-keys', version: 1, tagSalt: randomBytes(32).toString('base64'), slots: [] }, kdf);
  }

  /** The keyed hash that stands for a username in this file. */
  tagFor(username: string): string {
    return createHmac('sha256', Buffer.from(this.data.tagSalt, 'base64')).update(username.trim().toLowerCase()).digest('base64');
  }

  findUserSlot(username: string): Slot | undefined {
    const tag = this.tagFor(username);
    return this.data.slots.find((s) => s.kind === 'user' && s.tag === tag);
  }

  recoverySlot(): Slot | undefined {
    return this.data.slots.find((s) => s.kind === 'recovery');
  }

  /** Unwraps the master key; null when the secret is wrong (GCM authentication fails). */
  async unwrap(slot: Slot, secret: string): Promise<Buffer | null> {
    const key = await deriveKey(secret, Buffer.from(slot.kdf.salt, 'base64'), slot.kdf);
    try {
      const raw = Buffer.from(slot.data, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(slot.iv, 'base64'));
      decipher.setAAD(aad(slot));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]);
    } catch {
      return null;
    } finally {
      key.fill(0);
    }
  }

  /** Spends the same work as a real unwrap, so an unknown username takes as long as a wrong password. */
  async dummyUnwrap(secret: string): Promise<void> {
    const key = await deriveKey(secret, randomBytes(16), this.kdf);
    key.fill(0);
  }

  /** Adds or replaces the user's slot (password set, changed or reset). */
  async setUserSlot(userId: string, username: string, password: string, masterKey: Buffer): Promise<void> {
    const slot = await this.wrap({ kind: 'user', userId, tag: this.tagFor(username) }, password, masterKey);
    this.data.slots = [...this.data.slots.filter((s) => !(s.kind === 'user' && s.userId === userId)), slot];
  }

  async setRecoverySlot(recoveryKey: string, masterKey: Buffer): Promise<void> {
    const slot = await this.wrap({ kind: 'recovery', userId: null, tag: null }, recoveryKey, masterKey);
    this.data.slots = [...this.data.slots.filter((s) => s.kind !== 'recovery'), slot];
  }

  removeUserSlot(userId: string): void {
    this.data.slots = this.data.slots.filter((s) => !(s.kind === 'user' && s.userId === userId));
  }

  /** Written atomically: a crash leaves the old file or the new one. */
  save(): void {
    writeFileAtomic(this.file, `${JSON.stringify(this.data, null, 1)}\n`);
  }

  private async wrap(meta: Pick<Slot, 'kind' | 'userId' | 'tag'>, secret: string, masterKey: Buffer): Promise<Slot> {
    const salt = randomBytes(16);
    const key = await deriveKey(secret, salt, this.kdf);
    const iv = randomBytes(12);
    const slot: Slot = {
      id: randomUUID(),
      ...meta,
      kdf: { ...this.kdf, salt: salt.toString('base64') },
      iv: iv.toString('base64'),
      data: '',
    };
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aad(slot));
    const data = Buffer.concat([cipher.update(masterKey), cipher.final(), cipher.getAuthTag()]);
    key.fill(0);
    return { ...slot, data: data.toString('base64') };
  }
}

/** Binds the ciphertext to its slot, so slots cannot be swapped between users. */
function aad(slot: Pick<Slot, 'id' | 'kind' | 'userId'>): Buffer {
  return Buffer.from(`m3desk-slot|${slot.id}|${slot.kind}|${slot.userId ?? ''}`);
}
