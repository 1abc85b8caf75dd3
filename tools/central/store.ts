/**
 * The central folder: the central office's key pair, the pseudonym key, the
 * registered offices and the imported packages.
 *
 *   D/                      0700
 *     central.key           age identity (AGE-SECRET-KEY-1…), 0600, age-keygen's layout
 *     pseudonym.key         the offices' pseudonym key, 64 hex digits, 0600
 *     offices.json          registered offices: name, raw Ed25519 public key, fingerprint
 *     packages/<id>.json    each accepted payload, decrypted; its presence refuses a replay
 *
 * The packages are stored decrypted on purpose (the merge reads them on every
 * report): the folder must be protected as the private key is.
 *
 * Every file is written to a temporary name and renamed (packages: linked,
 * which fails if the id exists), so a crash leaves the old file or the new
 * one, never half of one.
 */
import { createPublicKey, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { z } from 'zod';
import { PACKAGE_FORMAT, PACKAGE_VERSION, type PackagePayload } from '../../src/main/core/export/package';
import { fingerprintOf } from '../../src/main/core/office/identity';
import { exportPreviewSchema } from '../../src/shared/rpc/areas/reports';

export const FILES = { identity: 'central.key', pseudonymKey: 'pseudonym.key', offices: 'offices.json', packages: 'packages' } as const;

export type StoreRefusal = 'exists' | 'not_empty' | 'not_initialised' | 'corrupt' | 'bad_key' | 'bad_name' | 'key_taken' | 'name_taken';

export class StoreError extends Error {
  constructor(
    readonly reason: StoreRefusal,
    readonly detail: Record<string, string> = {},
  ) {
    super(reason);
    this.name = 'StoreError';
  }
}

export interface RegisteredOffice {
  name: string;
  /** Raw Ed25519 public key, base64 (canonical: 44 characters with padding), exactly as the office's package names its signer. */
  publicKey: string;
  fingerprint: string;
  registeredAt: string;
}

export interface StoredPackage {
  importedAt: string;
  /** The file's name as imported (for the person looking into the folder). */
  file: string;
  payload: PackagePayload;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** Suppression marks: the office sends them all-null (the central office must not learn which hidden cells are the small ones); never read. */
const marks = z.array(z.enum(['primary', 'secondary']).nullable());
/** The tables as the merge reads them: values null where suppressed; totals empty for tables without totals. */
const tablesSchema = z.array(
  z.object({
    id: z.string(),
    rowKind: z.string(),
    columns: z.array(z.string()),
    rows: z.array(z.object({ key: z.string(), values: z.array(z.number().nullable()), marks })),
    totals: z.array(z.number().nullable()),
    totalMarks: marks,
  }),
);
/** What the merge relies on: a registered office's package is still checked, since another app version may send another shape. */
const payloadSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  version: z.literal(PACKAGE_VERSION),
  // Becomes a file name: letters, digits and dashes only.
  packageId: z.string().regex(/^[A-Za-z0-9-]{8,100}$/),
  createdAt: z.string().min(1),
  office: z.object({ name: z.string(), publicKey: z.string(), fingerprint: z.string() }),
  period: z.object({ from: day, to: day }).refine((p) => p.from <= p.to),
  threshold: z.number(),
  families: z.number().int().nonnegative().nullable(),
  tables: tablesSchema,
  records: exportPreviewSchema.shape.records,
});

/** The payload if it has the shape the merge needs, else null. */
export function checkPayload(payload: unknown): PackagePayload | null {
  const parsed = payloadSchema.safeParse(payload);
  return parsed.success ? (parsed.data as PackagePayload) : null;
}

/** Folds what makes two names the same for a person: spacing, Unicode form, case. */
export function sameName(a: string, b: string): boolean {
  const fold = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('de');
  return fold(a) === fold(b);
}

/** The office's raw Ed25519 public key in canonical base64, or null when it is not one. */
export function canonicalKey(input: string): string | null {
  const text = input.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(text)) return null;
  const raw = Buffer.from(text, 'base64');
  if (raw.length !== 32) return null;
  try {
    createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
  return raw.toString('base64');
}

function syncDir(dir: string): void {
  // Makes the rename itself durable; Windows cannot open a folder for this, and NTFS journals it anyway.
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes text under a temporary name first. exclusive: false (and nothing written) if the path exists. */
function writeAtomic(path: string, text: string, exclusive: boolean): boolean {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    if (!exclusive) renameSync(temp, path);
    else {
      try {
        linkSync(temp, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        // A file system without hard links (FAT, some shares): check, then rename.
        if (existsSync(path)) return false;
        renameSync(temp, path);
      }
    }
  } finally {
    if (existsSync(temp)) unlinkSync(temp);
  }
  syncDir(dirname(path));
  return true;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new StoreError('corrupt', { file: path });
  }
}

/** Creates the central folder; refuses one that holds a key pair or anything else. */
export async function initStore(dir: string, now: Date = new Date()): Promise<{ recipient: string; pseudonymKey: string }> {
  if (existsSync(join(dir, FILES.identity))) throw new StoreError('exists', { dir });
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new StoreError('not_empty', { dir });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The mode given to mkdir passes through the umask, and an empty folder may have existed: set it outright.
  chmodSync(dir, 0o700);
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  const pseudonymKey = randomBytes(32).toString('hex');
  // The key pair first and exclusively: a second init running at the same time fails here.
  if (!writeAtomic(join(dir, FILES.identity), `# created: ${now.toISOString()}\n# public key: ${recipient}\n${identity}\n`, true)) throw new StoreError('exists', { dir });
  writeAtomic(join(dir, FILES.pseudonymKey), `${pseudonymKey}\n`, true);
  writeAtomic(join(dir, FILES.offices), `${JSON.stringify({ offices: [] }, null, 2)}\n`, true);
  mkdirSync(join(dir, FILES.packages), { mode: 0o700 });
  return { recipient, pseudonymKey };
}

export class CentralStore {
  private constructor(readonly dir: string) {}

  /** Opens an initialised folder (init has made central.key). */
  static open(dir: string): CentralStore {
    if (!existsSync(join(dir, FILES.identity))) throw new StoreError('not_initialised', { dir });
    return new CentralStore(dir);
  }

  /** Whether others than the owner may read the private key (POSIX only; Windows has no such bits). */
  identityExposed(): boolean {
    return process.platform !== 'win32' && (statSync(join(this.dir, FILES.identity)).mode & 0o077) !== 0;
  }

  identity(): string {
    const path = join(this.dir, FILES.identity);
    const line = readFileSync(path, 'utf8')
      .split(/\r?\n/)
      .find((l) => l.startsWith('AGE-SECRET-KEY-1'));
    if (!line) throw new StoreError('corrupt', { file: path });
    return line.trim();
  }

  offices(): RegisteredOffice[] {
    const path = join(this.dir, FILES.offices);
    const data = readJson(path) as { offices?: unknown };
    if (!Array.isArray(data.offices)) throw new StoreError('corrupt', { file: path });
    return data.offices as RegisteredOffice[];
  }

  /**
   * Registers an office's signing key under its name. The same key under the
   * same name again changes nothing; a key belongs to one office and a name
   * to one key.
   */
  register(name: string, keyInput: string, now: Date = new Date()): { office: RegisteredOffice; added: boolean } {
    const publicKey = canonicalKey(keyInput);
    if (!publicKey) throw new StoreError('bad_key');
    const cleanName = name.normalize('NFC').trim().replace(/\s+/g, ' ');
    if (cleanName.length < 1 || cleanName.length > 120 || /\p{Cc}/u.test(cleanName)) throw new StoreError('bad_name');
    const offices = this.offices();
    const byKey = offices.find((o) => o.publicKey === publicKey);
    if (byKey && sameName(byKey.name, cleanName)) return { office: byKey, added: false };
    if (byKey) throw new StoreError('key_taken', { name: byKey.name });
    const byName = offices.find((o) => sameName(o.name, cleanName));
    if (byName) throw new StoreError('name_taken', { name: byName.name, fingerprint: byName.fingerprint });
    const office: RegisteredOffice = { name: cleanName, publicKey, fingerprint: fingerprintOf(Buffer.from(publicKey, 'base64')), registeredAt: now.toISOString() };
    writeAtomic(join(this.dir, FILES.offices), `${JSON.stringify({ offices: [...offices, office] }, null, 2)}\n`, false);
    return { office, added: true };
  }

  private packagePath(packageId: string): string {
    return join(this.dir, FILES.packages, `${packageId}.json`);
  }

  /** The stored package of that id, if one was imported before (a replay). */
  imported(packageId: string): StoredPackage | null {
    const path = this.packagePath(packageId);
    return existsSync(path) ? (readJson(path) as StoredPackage) : null;
  }

  /** Stores an accepted package; false when its id was stored meanwhile (a replay). */
  save(stored: StoredPackage): boolean {
    return writeAtomic(this.packagePath(stored.payload.packageId), `${JSON.stringify(stored)}\n`, true);
  }

  /**
   * The stored packages whose signing key is registered now, each named as the central office registered
   * it (not as the office calls itself), and apart those whose key was removed from offices.json since
   * (not counted: the central office no longer vouches for that key).
   */
  registeredPackages(): { registered: StoredPackage[]; unregistered: StoredPackage[] } {
    const names = new Map(this.offices().map((o) => [o.publicKey, o.name]));
    const registered: StoredPackage[] = [];
    const unregistered: StoredPackage[] = [];
    for (const p of this.packages()) {
      const name = names.get(p.payload.office.publicKey);
      if (name === undefined) unregistered.push(p);
      else registered.push({ ...p, payload: { ...p.payload, office: { ...p.payload.office, name } } });
    }
    return { registered, unregistered };
  }

  packages(): StoredPackage[] {
    const dir = join(this.dir, FILES.packages);
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => {
        const stored = readJson(join(dir, name)) as Partial<StoredPackage>;
        const payload = checkPayload(stored.payload);
        if (!payload || typeof stored.importedAt !== 'string') throw new StoreError('corrupt', { file: join(dir, name) });
        return { importedAt: stored.importedAt, file: String(stored.file ?? ''), payload };
      });
  }
}
