import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, createReadStream, existsSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { BackupInfo } from '../../../shared/rpc/areas/backup';
import type { DatabaseFiles, Store } from '../db/dialect';
import type { Db } from '../db/schema';
import { ensurePrivateDir, fsyncFile, fsyncFileAsync, renameAndSync, writeFileAtomic } from '../files/atomic';
import { identitySchema, type Identity } from '../vault/keyfile';
import { unseal, type PrivateKey } from '../vault/seal';

export type BackupReason = BackupInfo['reason'];

const NAME = /^m3desk-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?-([a-z]+)\.db$/;

/** Parses a backup file name; names carry the UTC time and the reason, no personal data. */
export function parseBackupName(name: string): { createdAt: Date; seq: number; reason: BackupReason } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, seq, reason] = m;
  if (!['manual', 'daily', 'migration', 'restore'].includes(reason!)) return null;
  return { createdAt: new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!)), seq: seq ? Number(seq) : 1, reason: reason as BackupReason };
}

function stamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}-${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}`;
}

export class BackupError extends Error {
  constructor(readonly reason: 'invalid' | 'newer' | 'missing' | 'io' | 'unavailable' | 'not_yours') {
    super(reason);
    this.name = 'BackupError';
  }
}

/**
 * Beside each backup: its own random key, sealed to the coordinators and the
 * recovery key of that day, with their (password-wrapped) identities, so a
 * backup can be opened on its own. No other staff member's identity, and none
 * with a temporary password, is ever in it.
 */
export const sidecarSchema = z.object({
  format: z.literal('m3desk-backup-keys'),
  version: z.literal(1),
  fileId: z.string(),
  identities: z.array(identitySchema),
  sealed: z.string(),
  /** HMAC of the case-work part (`<name>.casework`), when the backup has one. */
  casework: z.string().optional(),
  /**
   * HMAC under the audit key over the backup's name and content: sealing needs
   * only public keys, so without it anyone who can write the backup folder (a
   * share) could plant a "newest backup" of their making.
   */
  mac: z.string(),
});
export type BackupSidecar = z.infer<typeof sidecarSchema>;
/** A sidecar before its MAC: what the caller seals. */
export type SealedSidecar = Omit<BackupSidecar, 'mac'>;

/** The backup's MAC: name and SHA-256 of the file, under a key derived from the audit key. */
function macOf(auditKey: Buffer, name: string, digest: Buffer): string {
  const macKey = Buffer.from(hkdfSync('sha256', auditKey, Buffer.alloc(0), 'm3desk backup mac', 32));
  try {
    return createHmac('sha256', macKey).update(name).update('|').update(digest).digest('base64');
  } finally {
    macKey.fill(0);
  }
}

function sha256Sync(file: string): Buffer {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1024 * 1024);
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest();
}

/** Read and hashed a chunk at a time, so calls go on between chunks (a 200 MB copy took 140 ms in one go). */
async function sha256Streamed(file: string): Promise<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest();
}

/** The key sidecar beside a backup file. */
export const sidecarName = (name: string) => `${name.slice(0, -3)}.keys`;
/** The case-work part beside a backup file (not a backup name: list() never shows it on its own). */
export const caseworkPartName = (name: string) => `${name.slice(0, -3)}.casework`;

/** The case-work part's key, derived from the backup's own key: the sidecar still seals one key. */
export function caseworkPartKey(backupKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', backupKey, Buffer.alloc(0), 'm3desk backup casework', 32));
}

/** Copies being made in the data folder before they move to the backup folder. */
const STAGING_PREFIX = '.staging-';

/**
 * Encrypted backups: a consistent copy of the database under a key of its
 * own (never the office key), plus its sidecar. Folders 0700, files 0600,
 * wherever the backup folder is.
 */
export class BackupService {
  /** Staged copies a backup of this core is still writing: no sweep takes them. */
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly dirOf: () => string,
    /** Null where the database is not a file (the office hub backs up with pg_dump). */
    private readonly files: DatabaseFiles | null,
    /**
     * Where a copy is made and re-encrypted before it moves to the backup
     * folder: the private data folder, so a chosen folder (a share) never
     * holds a file under the office key, even half-written.
     */
    private readonly stagingDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** File backups exist only for a database that is a file on this PC. */
  get available(): boolean {
    return this.files !== null;
  }

  get dir(): string {
    return this.dirOf();
  }

  /** Newest first; within one second, the higher sequence number is newer. */
  list(): BackupInfo[] {
    const dir = this.dir;
    if (!this.available || !existsSync(dir)) return [];
    return readdirSync(dir)
      .map((name) => ({ name, parsed: parseBackupName(name) }))
      .filter((e): e is { name: string; parsed: NonNullable<ReturnType<typeof parseBackupName>> } => e.parsed !== null)
      .sort((a, b) => b.parsed.createdAt.getTime() - a.parsed.createdAt.getTime() || b.parsed.seq - a.parsed.seq)
      .map(({ name, parsed }) => ({
        name,
        createdAt: parsed.createdAt.toISOString(),
        reason: parsed.reason,
        sizeBytes: statSync(join(dir, name)).size,
        casework: this.hasCasework(name),
      }));
  }

  /**
   * Writes a new backup under a fresh key, seals that key with `seal` (to the
   * coordinators and the recovery key) into the sidecar, and prunes to the
   * newest `keep`.
   */
  async create(store: Store, reason: BackupReason, keep: number, seal: (key: Buffer) => Promise<SealedSidecar>, auditKey: Buffer): Promise<BackupInfo> {
    if (!store.copyTo) throw new BackupError('unavailable');
    const dir = this.dir;
    ensurePrivateDir(dir);
    // Several backups in one second (a daily one right after setup, then one by hand) get a sequence number.
    const base = `m3desk-${stamp(this.now())}`;
    const taken = readdirSync(dir).filter((f) => f.startsWith(`${base}-`) && f.endsWith('.db')).length;
    const name = taken === 0 ? `${base}-${reason}.db` : `${base}-${taken + 1}-${reason}.db`;
    const staged = join(this.stagingDir, `${STAGING_PREFIX}${name}`);
    const temp = join(dir, `.${name}.partial`);
    const part = caseworkPartName(name);
    const stagedPart = join(this.stagingDir, `${STAGING_PREFIX}${part}`);
    const tempPart = join(dir, `.${part}.partial`);
    const key = randomBytes(32);
    const partKey = caseworkPartKey(key);
    // Case work goes into the backup only from a session that holds its key (a pair, a few ms apart):
    // first, so that every note in the copy names a family the main copy holds.
    const withCasework = store.caseworkAttached && store.copyCaseworkTo !== undefined;
    this.inProgress.add(staged).add(stagedPart);
    try {
      let caseworkMac: string | undefined;
      if (withCasework) {
        await store.copyCaseworkTo!(stagedPart, partKey);
        await fsyncFileAsync(stagedPart);
        caseworkMac = macOf(auditKey, part, await sha256Streamed(stagedPart));
      }
      rmSync(staged, { force: true });
      await store.copyTo(staged, key);
      await fsyncFileAsync(staged);
      const mac = macOf(auditKey, name, await sha256Streamed(staged));
      if (withCasework) {
        await moveFile(stagedPart, tempPart);
        renameAndSync(tempPart, join(dir, part));
      }
      await moveFile(staged, temp);
      writeFileAtomic(join(dir, sidecarName(name)), JSON.stringify({ ...(await seal(key)), mac, ...(caseworkMac ? { casework: caseworkMac } : {}) }));
      renameAndSync(temp, join(dir, name));
    } catch {
      for (const file of [staged, `${staged}-journal`, temp, stagedPart, `${stagedPart}-journal`, tempPart, join(dir, part), join(dir, sidecarName(name))]) rmSync(file, { force: true });
      throw new BackupError('io');
    } finally {
      key.fill(0);
      partKey.fill(0);
      this.inProgress.delete(staged);
      this.inProgress.delete(stagedPart);
    }
    this.prune(keep);
    return this.list().find((b) => b.name === name)!;
  }

  /**
   * Removes what an interrupted backup or restore left: staged copies (under
   * the office key of their day) and half-moved files.
   */
  sweep(): void {
    const leftovers = (dir: string, match: (f: string) => boolean) => {
      if (!existsSync(dir)) return;
      for (const f of readdirSync(dir)) {
        try {
          if (match(f)) rmSync(join(dir, f), { force: true });
        } catch {
          // Held open elsewhere (Windows): the next sweep takes it; a login never fails over it.
        }
      }
    };
    // Not the copy a backup of this app is still writing (a login while the daily backup runs).
    leftovers(this.stagingDir, (f) => f.startsWith(STAGING_PREFIX) && !this.inProgress.has(join(this.stagingDir, f)));
    // A shared backup folder may hold another PC's backup in the making: only old leftovers go.
    const old = (f: string) => this.now().getTime() - statSync(join(this.dir, f)).mtimeMs > 60 * 60 * 1000;
    if (this.available) leftovers(this.dir, (f) => f.startsWith('.m3desk-') && f.endsWith('.partial') && old(f));
  }

  /**
   * Seals each backup's key anew to today's holders, for every backup this
   * private key can open: after a key change a coordinator with a new key
   * pair (a new password, a recovery) can still restore the older backups,
   * and a coordinator who left is no longer among their holders. Backups it
   * cannot open stay as they are. Best effort: a backup folder that is away
   * (a share) is done at the next key change.
   */
  async resealAll(privateKey: PrivateKey, seal: (key: Buffer) => Promise<SealedSidecar>): Promise<void> {
    for (const backup of this.list()) {
      let key: Buffer | null = null;
      try {
        const { sidecar, key: opened } = await this.open(backup.name, privateKey);
        key = opened;
        // The MACs stay as they are: the backup (and its case-work part) did not change.
        writeFileAtomic(
          join(this.dir, sidecarName(backup.name)),
          JSON.stringify({ ...(await seal(key)), mac: sidecar.mac, ...(sidecar.casework ? { casework: sidecar.casework } : {}) }),
        );
      } catch {
        // not sealed to this key pair, or not writable now
      } finally {
        key?.fill(0);
      }
    }
  }

  /**
   * Keeps the newest `keep` backups — and the newest one with case work, even
   * when reception's daily backups (without it) are newer.
   */
  prune(keep: number): void {
    const all = this.list();
    const newestWithCasework = all.find((b) => b.casework);
    for (const old of all.slice(keep)) {
      if (old === newestWithCasework) continue;
      rmSync(join(this.dir, old.name), { force: true });
      rmSync(join(this.dir, caseworkPartName(old.name)), { force: true });
      rmSync(join(this.dir, sidecarName(old.name)), { force: true });
    }
  }

  /** The backup's own key, opened with the private key of someone it was sealed to. */
  async keyFor(name: string, privateKey: PrivateKey): Promise<Buffer> {
    return (await this.open(name, privateKey)).key;
  }

  private async open(name: string, privateKey: PrivateKey): Promise<{ sidecar: BackupSidecar; key: Buffer }> {
    const file = join(this.dir, sidecarName(name));
    if (!parseBackupName(name) || !existsSync(join(this.dir, name)) || !existsSync(file)) throw new BackupError('missing');
    let sidecar: BackupSidecar;
    try {
      sidecar = sidecarSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      throw new BackupError('invalid');
    }
    const key = await unseal(sidecar.sealed, privateKey);
    if (!key) throw new BackupError('not_yours');
    return { sidecar, key };
  }

  /**
   * Checks a backup before anyone relies on it: its MAC (made by this office,
   * unchanged), then — opened read-only with its key — integrity and schema.
   */
  verify(name: string, key: Buffer, knownMigrations: readonly string[], auditKey: Buffer): void {
    if (!this.files) throw new BackupError('unavailable');
    const file = join(this.dir, name);
    if (!parseBackupName(name) || !existsSync(file)) throw new BackupError('missing');
    // Made by this office: the MAC needs the audit key, which no public key gives.
    let sidecar: BackupSidecar;
    try {
      sidecar = sidecarSchema.parse(JSON.parse(readFileSync(join(this.dir, sidecarName(name)), 'utf8')));
    } catch {
      throw new BackupError('invalid');
    }
    const macOk = (mac: string, over: string, path: string) => {
      const expected = Buffer.from(macOf(auditKey, over, sha256Sync(path)), 'base64');
      const actual = Buffer.from(mac, 'base64');
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    };
    if (!macOk(sidecar.mac, name, file)) throw new BackupError('invalid');
    // The case-work part, when the backup says it has one: present, made by this office, intact.
    if (sidecar.casework !== undefined) {
      const part = join(this.dir, caseworkPartName(name));
      if (!existsSync(part) || !macOk(sidecar.casework, caseworkPartName(name), part)) throw new BackupError('invalid');
      const partKey = caseworkPartKey(key);
      try {
        if (!this.files.check(part, partKey).integrityOk) throw new BackupError('invalid');
      } catch {
        throw new BackupError('invalid');
      } finally {
        partKey.fill(0);
      }
    }
    let check;
    try {
      check = this.files.check(file, key);
    } catch {
      throw new BackupError('invalid');
    }
    if (!check.integrityOk || check.migrations.length === 0) throw new BackupError('invalid');
    if (check.migrations.some((n) => !knownMigrations.includes(n))) throw new BackupError('newer');
  }

  /** Whether a backup carries a case-work part (its sidecar names one). */
  hasCasework(name: string): boolean {
    try {
      return sidecarSchema.parse(JSON.parse(readFileSync(join(this.dir, sidecarName(name)), 'utf8'))).casework !== undefined;
    } catch {
      return false;
    }
  }

  /**
   * Puts a verified backup's case-work part in place as the case-work file of
   * the new key generation, re-encrypted from the part's key to `caseworkKey`
   * on the way (a restore; nothing has the target open).
   */
  restoreCasework(name: string, backupKey: Buffer, target: string, caseworkKey: Buffer): void {
    if (!this.files) throw new BackupError('unavailable');
    const temp = `${target}.restoring`;
    rmSync(temp, { force: true });
    copyFileSync(join(this.dir, caseworkPartName(name)), temp);
    chmodSync(temp, 0o600);
    const partKey = caseworkPartKey(backupKey);
    try {
      this.files.rekey(temp, partKey, caseworkKey);
    } finally {
      partKey.fill(0);
    }
    fsyncFile(temp);
    for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
    renameAndSync(temp, target);
  }

  /** Reads from a verified backup without restoring it (e.g. who may restore). */
  peek<T>(name: string, key: Buffer, read: (db: Db) => Promise<T>): Promise<T> {
    if (!this.files) throw new BackupError('unavailable');
    return this.files.read(join(this.dir, name), key, read);
  }

  /**
   * Replaces the (closed) live database with a verified backup, re-encrypted
   * from the backup's key to a new office key on the way. The file it
   * replaces is dropped when the caller has backed it up ('drop'), else a
   * copy is kept beside it (a damaged file that could not be backed up).
   */
  async replaceLive(
    name: string,
    liveFile: string,
    keys: { backup: Buffer; office: Buffer },
    replaced: 'drop' | 'keep-aside',
    prepare?: (files: DatabaseFiles, copy: string) => Promise<void>,
  ): Promise<void> {
    if (!this.files) throw new BackupError('unavailable');
    const source = join(this.dir, name);
    const temp = `${liveFile}.restoring`;
    rmSync(temp, { force: true });
    copyFileSync(source, temp);
    chmodSync(temp, 0o600);
    this.files.rekey(temp, keys.backup, keys.office);
    // Whatever the restored file must hold from today (its key holders) goes in before it is swapped in.
    await prepare?.(this.files, temp);
    fsyncFile(temp);
    if (replaced === 'keep-aside') {
      const keptAs = `${liveFile}.replaced-${stamp(this.now())}`;
      for (const suffix of ['', '-wal']) {
        if (!existsSync(liveFile + suffix)) continue;
        copyFileSync(liveFile + suffix, keptAs + suffix);
        fsyncFile(keptAs + suffix);
      }
    }
    // The old WAL must never meet the restored file: it goes first (its content is kept above or in a backup).
    for (const suffix of ['-wal', '-shm']) rmSync(liveFile + suffix, { force: true });
    // Over the old file in one step: a crash leaves either the old or the restored one.
    renameAndSync(temp, liveFile);
    writeFileAtomic(`${liveFile}.restored-from`, `${name}\n`);
  }
}

/** Moves a file, across drives too (a backup folder on a share). */
/** A rename, or across drives (a backup folder on a share) a copy that does not block the core's thread. */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    chmodSync(to, 0o600);
    await fsyncFileAsync(to);
    rmSync(from, { force: true });
  }
}

/** The identities a backup's key is sealed to: coordinators with a chosen password, and the recovery key. */
export function backupHolders(identities: readonly Identity[]): Identity[] {
  return identities.filter((i) => i.kind === 'recovery' || (i.role === 'coordinator' && i.temporaryUntil === null));
}
