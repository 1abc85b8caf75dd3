import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../../shared/roles';
import { DEFAULT_KDF, deriveKey, type KdfParams } from './kdf';
import { KEY_NAMES, readKeyFile, writeKeyFile, type Identity, type KeyFile, type KeyName } from './keyfile';
import { importPrivateKey, newKeyPair, seal, unseal, type PrivateKey } from './seal';

/** The data keys while someone is logged in; zeroed on lock. */
export type DataKeys = Record<KeyName, Buffer>;

/** Who holds which key: the admin key coordinators and the recovery key, the others every identity. */
export function holdsKey(identity: Pick<Identity, 'kind' | 'role'>, key: KeyName): boolean {
  return key !== 'admin' || identity.kind === 'recovery' || identity.role === 'coordinator';
}

export function newDataKeys(): DataKeys {
  return { office: randomBytes(32), admin: randomBytes(32), audit: randomBytes(32) };
}

/** The keys a rekey replaces (office, admin); the audit key stays, so the chain stays verifiable. */
export function replacedKeys(current: DataKeys): DataKeys {
  return { office: randomBytes(32), admin: randomBytes(32), audit: Buffer.from(current.audit) };
}

export function wipeKeys(keys: Partial<DataKeys> | null | undefined): void {
  for (const key of Object.values(keys ?? {})) key?.fill(0);
}

export interface Unlocked {
  identity: Identity;
  /** The private key, kept (not extractable) while the session lasts: it opens backups made for it. */
  privateKey: PrivateKey;
  /** The keys this identity holds (office and audit always; admin for coordinators and the recovery key). */
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

/** Binds a wrapped private key to its file, slot, kind, user, username tag and role. */
function aad(fileId: string, identity: Pick<Identity, 'id' | 'kind' | 'userId' | 'tag' | 'role'>): Buffer {
  return Buffer.from(['m3desk-identity', 2, fileId, identity.id, identity.kind, identity.userId ?? '', identity.tag ?? '', identity.role ?? ''].join('|'));
}

/**
 * What the MAC covers: who holds which key. Not the wrapped private keys nor a
 * temporary password's end of validity: the person changes those with their
 * own password, without the admin key.
 */
function macInput(file: KeyFile): string {
  return JSON.stringify([
    file.fileId,
    file.tagSalt,
    file.generation,
    file.identities.map((i) => [i.id, i.kind, i.userId, i.role, i.tag, i.recipient]),
    file.keys.office,
    file.keys.admin,
    file.keys.audit,
  ]);
}

function macOf(file: KeyFile, adminKey: Buffer): string {
  const macKey = Buffer.from(hkdfSync('sha256', adminKey, file.fileId, 'm3desk key file mac', 32));
  try {
    return createHmac('sha256', macKey).update(macInput(file)).digest('base64');
  } finally {
    macKey.fill(0);
  }
}

/**
 * The key file in memory: unlock identities, change who holds which key.
 * Every change is written with save(); rekeying writes the next file beside
 * the current one first (see rekey.ts).
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
        version: 2,
        fileId: randomUUID(),
        tagSalt: randomBytes(32).toString('base64'),
        generation: 1,
        identities: [],
        keys: { office: '', admin: '', audit: '' },
        mac: '',
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

  /** Opens an identity with its secret and unseals the keys it holds; null for a wrong secret. */
  async unlock(identity: Identity, secret: string): Promise<Unlocked | null> {
    const pkcs8 = await this.openPrivateKey(identity, secret);
    if (!pkcs8) return null;
    const privateKey = await importPrivateKey(pkcs8);
    const keys: Partial<DataKeys> = {};
    for (const name of KEY_NAMES) {
      if (!holdsKey(identity, name)) continue;
      const key = await unseal(this.data.keys[name], privateKey);
      // An identity that should hold a key but cannot open it was not made by this office's coordinators.
      if (!key) {
        wipeKeys(keys);
        return null;
      }
      keys[name] = key;
    }
    return { identity, privateKey, keys };
  }

  /** Spends the same work as a real unlock, so an unknown username takes as long as a wrong password. */
  async dummyUnlock(secret: string): Promise<void> {
    const key = await deriveKey(secret, randomBytes(16), this.kdf);
    key.fill(0);
  }

  /** True when the file's MAC matches: nobody without the admin key changed who holds what. */
  macValid(adminKey: Buffer): boolean {
    const expected = Buffer.from(macOf(this.data, adminKey), 'base64');
    const actual = Buffer.from(this.data.mac, 'base64');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  /** Adds a staff member's identity, or replaces theirs (new key pair), and seals the keys to it. */
  async setUser(spec: UserSpec, keys: DataKeys): Promise<void> {
    const identity = await this.newIdentity(
      { kind: 'user', userId: spec.userId, role: spec.role, tag: this.tagFor(spec.username), temporaryUntil: spec.temporaryUntil?.toISOString() ?? null },
      spec.secret,
    );
    this.data.identities = [...this.data.identities.filter((i) => !(i.kind === 'user' && i.userId === spec.userId)), identity];
    await this.reseal(keys);
  }

  /** A new recovery key replaces the old one, which opens nothing from now on (with a rekey). */
  async setRecovery(secret: string, keys: DataKeys): Promise<void> {
    const identity = await this.newIdentity({ kind: 'recovery', userId: null, role: null, tag: null, temporaryUntil: null }, secret);
    this.data.identities = [...this.data.identities.filter((i) => i.kind !== 'recovery'), identity];
    await this.reseal(keys);
  }

  /**
   * A password change keeps the key pair and rewraps only its private key,
   * so it needs nobody else's keys; a temporary password becomes a chosen one.
   */
  async changeSecret(userId: string, oldSecret: string, newSecret: string): Promise<boolean> {
    const identity = this.user(userId);
    if (!identity) return false;
    const pkcs8 = await this.openPrivateKey(identity, oldSecret);
    if (!pkcs8) return false;
    try {
      const wrapped = await this.wrapPrivateKey(identity, pkcs8, newSecret);
      this.data.identities = this.data.identities.map((i) => (i.id === identity.id ? { ...wrapped, temporaryUntil: null } : i));
    } finally {
      pkcs8.fill(0);
    }
    return true;
  }

  removeUser(userId: string): void {
    this.data.identities = this.data.identities.filter((i) => !(i.kind === 'user' && i.userId === userId));
  }

  /** Seals each key to its current holders and signs the file with the admin key. */
  async reseal(keys: DataKeys): Promise<void> {
    this.data.keys = {
      office: await seal(keys.office, this.recipients('office')),
      admin: await seal(keys.admin, this.recipients('admin')),
      audit: await seal(keys.audit, this.recipients('audit')),
    };
    this.data.mac = macOf(this.data, keys.admin);
  }

  /** Replaces the keys with new ones (a rekey): sealed to the current holders, generation counted up. */
  async replaceKeys(keys: DataKeys): Promise<void> {
    this.data.generation += 1;
    await this.reseal(keys);
  }

  save(): void {
    writeKeyFile(this.file, this.data);
  }

  /** Writes this content to another path (the next key file during a rekey). */
  saveTo(file: string): void {
    writeKeyFile(file, this.data);
  }

  private async openPrivateKey(identity: Identity, secret: string): Promise<Buffer | null> {
    const key = await deriveKey(secret, Buffer.from(identity.kdf.salt, 'base64'), identity.kdf);
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
