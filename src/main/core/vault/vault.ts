import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../../../shared/roles';
import { DEFAULT_KDF, deriveKey, type EarlyKey, type KdfParams } from './kdf';
import { KEY_NAMES, readKeyFile, writeKeyFile, type Identity, type KeyFile, type KeyName } from './keyfile';
import { importPrivateKey, newKeyPair, recipientOf, seal, unseal, type PrivateKey } from './seal';

/** The data keys while someone is logged in; zeroed on lock. */
export type DataKeys = Record<KeyName, Buffer>;
/**
 * The keys a coordinator or the recovery key holds: all of them — the
 * casework key only once it exists (a key file from before case work has
 * none until a coordinator's login or the next key change makes it).
 */
export type HolderKeys = Omit<DataKeys, 'casework'> & { casework?: Buffer | undefined };

/**
 * Who holds which key: the admin key coordinators and the recovery key; the
 * casework key those and caseworkers (never reception or host: their password
 * opens no case work, not even with the data folder in hand); the others
 * every identity.
 */
export function holdsKey(identity: Pick<Identity, 'kind' | 'role'>, key: KeyName): boolean {
  if (identity.kind === 'recovery') return true;
  if (key === 'admin') return identity.role === 'coordinator';
  if (key === 'casework') return identity.role === 'coordinator' || identity.role === 'caseworker';
  return true;
}

export function newDataKeys(): DataKeys {
  return { office: randomBytes(32), admin: randomBytes(32), audit: randomBytes(32), casework: randomBytes(32) };
}

/**
 * The keys a rekey replaces: office and admin always, casework unless it is
 * kept (nobody who held it lost it); the audit key stays, so the chain stays verifiable.
 */
export function replacedKeys(current: Pick<DataKeys, 'audit'> & { casework?: Buffer | undefined }, keepCasework = false): DataKeys {
  const casework = keepCasework && current.casework ? Buffer.from(current.casework) : randomBytes(32);
  return { office: randomBytes(32), admin: randomBytes(32), audit: Buffer.from(current.audit), casework };
}

export function wipeKeys(keys: Partial<DataKeys> | null | undefined): void {
  for (const key of Object.values(keys ?? {})) key?.fill(0);
}

export interface Unlocked {
  identity: Identity;
  /** The private key, kept (not extractable) while the session lasts: it opens backups made for it. */
  privateKey: PrivateKey;
  /** The keys this identity holds (office and audit always; admin for coordinators and the recovery key; casework for those and caseworkers). */
  keys: Partial<DataKeys>;
}

export interface UserSpec {
  userId: string;
  username: string;
  role: Role;
  secret: string;
  /** A temporary password's end of validity; null for a password the person chose. */
  temporaryUntil: Date | null;
}

/**
 * Binds a wrapped private key to its file, slot, kind, user, username tag,
 * role, public key and — for a temporary password — its end of validity:
 * changing any of them in the file makes it unopenable.
 */
function aad(fileId: string, identity: Pick<Identity, 'id' | 'kind' | 'userId' | 'tag' | 'role' | 'recipient' | 'temporaryUntil'>): Buffer {
  const parts = [fileId, identity.id, identity.kind, identity.userId ?? '', identity.tag ?? '', identity.role ?? '', identity.recipient, identity.temporaryUntil ?? ''];
  return Buffer.from(['m3desk-identity', 3, ...parts].join('|'));
}

/**
 * The key file in memory: unlock identities, change who holds which key.
 * Every change is written with save(); a rekey writes the next file beside
 * the current one first (session/keys.ts). Which identities may receive keys
 * is decided by the core's copy inside the database (session/holders.ts).
 */
export class Vault {
  private constructor(
    readonly file: string,
    private data: KeyFile,
    private readonly kdf: KdfParams,
  ) {}

  static load(file: string, kdf: KdfParams = DEFAULT_KDF): Vault {
    return new Vault(file, readKeyFile(file), kdf);
  }

  /** A new, empty key file for a new office (nothing written yet). */
  static create(file: string, kdf: KdfParams = DEFAULT_KDF): Vault {
    return new Vault(
      file,
      {
        format: 'm3desk-keys',
        version: 3,
        fileId: randomUUID(),
        tagSalt: randomBytes(32).toString('base64'),
        generation: 1,
        caseworkGeneration: 1,
        identities: [],
        keys: { office: '', admin: '', audit: '', casework: '' },
      },
      kdf,
    );
  }

  get fileId(): string {
    return this.data.fileId;
  }

  get generation(): number {
    return this.data.generation;
  }

  /** The generation of the casework key: the case-work file's number. */
  get caseworkGeneration(): number {
    return this.data.caseworkGeneration;
  }

  /** Whether the casework key exists yet (a key file from before case work has none). */
  hasKey(name: KeyName): boolean {
    return this.data.keys[name] !== '';
  }

  /** The keyed hash that stands for a username in this file. */
  tagFor(username: string): string {
    return createHmac('sha256', Buffer.from(this.data.tagSalt, 'base64')).update(username.trim().toLowerCase()).digest('base64');
  }

  findUser(username: string): Identity | undefined {
    const tag = this.tagFor(username);
    return this.data.identities.find((i) => i.kind === 'user' && i.tag === tag);
  }

  user(userId: string): Identity | undefined {
    return this.data.identities.find((i) => i.kind === 'user' && i.userId === userId);
  }

  recovery(): Identity | undefined {
    return this.data.identities.find((i) => i.kind === 'recovery');
  }

  /** Recipients of the identities that hold `key`, except those a filter leaves out. */
  recipients(key: KeyName, include: (identity: Identity) => boolean = () => true): string[] {
    return this.data.identities.filter((i) => holdsKey(i, key) && include(i)).map((i) => i.recipient);
  }

  identities(): readonly Identity[] {
    return this.data.identities;
  }

  /** Opens an identity with its secret and unseals the keys it holds; null for a wrong secret. `early`: its derivation, if started ahead for this salt. */
  async unlock(identity: Identity, secret: string, early?: EarlyKey): Promise<Unlocked | null> {
    const pkcs8 = await this.openPrivateKey(identity, secret, early);
    if (!pkcs8) return null;
    const privateKey = await importPrivateKey(pkcs8);
    // The public key others seal to must be this private key's (it is also bound in the AAD).
    if ((await recipientOf(privateKey)) !== identity.recipient) return null;
    const keys = await this.keysOf(identity, privateKey);
    return keys ? { identity, privateKey, keys } : null;
  }

  /** The keys an identity holds, unsealed with its private key (also: a session following another PC's key change); null if one does not open. */
  async keysOf(identity: Identity, privateKey: PrivateKey): Promise<Partial<DataKeys> | null> {
    const keys: Partial<DataKeys> = {};
    for (const name of KEY_NAMES) {
      // A key not made yet (casework in a file from before case work) is made at a coordinator's login.
      if (!holdsKey(identity, name) || this.data.keys[name] === '') continue;
      const key = await unseal(this.data.keys[name], privateKey);
      // An identity that should hold a key but cannot open it was not made by this office's coordinators.
      if (!key) {
        wipeKeys(keys);
        return null;
      }
      keys[name] = key;
    }
    return keys;
  }

  /** Spends the same work as a real unlock, so an unknown username takes as long as a wrong password. */
  async dummyUnlock(secret: string): Promise<void> {
    const key = await deriveKey(secret, randomBytes(16), this.kdf);
    key.fill(0);
  }

  /** Adds a staff member's identity, or replaces theirs (new key pair), and seals the keys to it. */
  async setUser(spec: UserSpec, keys: HolderKeys): Promise<void> {
    const identity = await this.newIdentity(
      { kind: 'user', userId: spec.userId, role: spec.role, tag: this.tagFor(spec.username), temporaryUntil: spec.temporaryUntil?.toISOString() ?? null },
      spec.secret,
    );
    this.data.identities = [...this.data.identities.filter((i) => !(i.kind === 'user' && i.userId === spec.userId)), identity];
    await this.reseal(keys);
  }

  /** A new recovery key replaces the old one, which opens nothing from now on (with a rekey). */
  async setRecovery(secret: string, keys: HolderKeys): Promise<void> {
    const identity = await this.newIdentity({ kind: 'recovery', userId: null, role: null, tag: null, temporaryUntil: null }, secret);
    this.data.identities = [...this.data.identities.filter((i) => i.kind !== 'recovery'), identity];
    await this.reseal(keys);
  }

  /**
   * A password change gives the identity a new key pair: an old copy of the
   * key file opened with the old password then holds a private key that
   * nothing is sealed to any more. The keys given (those the person holds)
   * are sealed anew. The caller has checked the current password.
   */
  async renewUser(userId: string, newSecret: string, keys: Partial<DataKeys>): Promise<void> {
    const identity = this.user(userId);
    if (!identity) throw new Error('no identity');
    const replacement = await this.newIdentity({ kind: 'user', userId, role: identity.role, tag: identity.tag, temporaryUntil: null }, newSecret);
    this.data.identities = this.data.identities.map((i) => (i.id === identity.id ? replacement : i));
    await this.reseal(keys);
  }

  /** Removes identities (of closed accounts, or ones the core did not write). */
  remove(drop: (identity: Identity) => boolean): void {
    this.data.identities = this.data.identities.filter((i) => !drop(i));
  }

  removeUser(userId: string): void {
    this.data.identities = this.data.identities.filter((i) => !(i.kind === 'user' && i.userId === userId));
  }

  /** Seals each key given to its current holders; the others stay as they are (a staff member holds no admin key). */
  async reseal(keys: Partial<DataKeys>): Promise<void> {
    for (const name of KEY_NAMES) {
      const key = keys[name];
      if (key) this.data.keys[name] = await seal(key, this.recipients(name));
    }
  }

  /** Replaces the keys with new ones (a rekey): sealed to the current holders, generation counted up. */
  async replaceKeys(keys: DataKeys, caseworkReplaced = true): Promise<void> {
    this.data.generation += 1;
    if (caseworkReplaced) this.data.caseworkGeneration += 1;
    await this.reseal(keys);
  }

  save(): void {
    writeKeyFile(this.file, this.data);
  }

  /** Writes this content to another path (the next key file during a rekey). */
  saveTo(file: string): void {
    writeKeyFile(file, this.data);
  }

  private async openPrivateKey(identity: Identity, secret: string, early?: EarlyKey): Promise<Buffer | null> {
    const key = await (early?.take(identity.kdf) ?? deriveKey(secret, Buffer.from(identity.kdf.salt, 'base64'), identity.kdf));
    try {
      const raw = Buffer.from(identity.data, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(identity.iv, 'base64'));
      decipher.setAAD(aad(this.data.fileId, identity));
      decipher.setAuthTag(raw.subarray(raw.length - 16));
      return Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]);
    } catch {
      return null;
    } finally {
      key.fill(0);
    }
  }

  private async wrapPrivateKey(identity: Omit<Identity, 'kdf' | 'iv' | 'data'>, pkcs8: Buffer, secret: string): Promise<Identity> {
    const salt = randomBytes(16);
    const key = await deriveKey(secret, salt, this.kdf);
    const iv = randomBytes(12);
    try {
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(this.data.fileId, identity));
      const data = Buffer.concat([cipher.update(pkcs8), cipher.final(), cipher.getAuthTag()]);
      return { ...identity, kdf: { ...this.kdf, salt: salt.toString('base64') }, iv: iv.toString('base64'), data: data.toString('base64') };
    } finally {
      key.fill(0);
    }
  }

  private async newIdentity(meta: Pick<Identity, 'kind' | 'userId' | 'role' | 'tag' | 'temporaryUntil'>, secret: string): Promise<Identity> {
    const pair = await newKeyPair();
    try {
      return await this.wrapPrivateKey({ id: randomUUID(), ...meta, recipient: pair.recipient }, pair.pkcs8, secret);
    } finally {
      pair.pkcs8.fill(0);
    }
  }
}
