import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo } from '../../../shared/rpc/areas/backup';
import type { DatabaseFiles, Store } from '../db/dialect';
import type { Db } from '../db/schema';
import { fsyncFile, writeFileAtomic } from '../files/atomic';

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
  constructor(readonly reason: 'invalid' | 'newer' | 'missing' | 'io' | 'unavailable') {
    super(reason);
    this.name = 'BackupError';
  }
}

/**
 * Encrypted backups: a consistent copy of the database (same cipher and key)
 * plus a copy of the key-slot file, so a backup can be opened on its own with
 * the passwords or the recovery key of its day.
 */
export class BackupService {
  constructor(
    private readonly keysFile: string,
    private readonly dirOf: () => string,
    /** Null where the database is not a file (the office hub backs up with pg_dump). */
    private readonly files: DatabaseFiles | null,
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
      }));
  }

  /** Writes a new backup and prunes to the newest `keep`. */
  create(store: Store, reason: BackupReason, keep: number): BackupInfo {
    if (!store.copyTo) throw new BackupError('unavailable');
    const dir = this.dir;
    mkdirSync(dir, { recursive: true });
    // Several backups in one second (a daily one right after setup, then one by hand) get a sequence number.
    const base = `m3desk-${stamp(this.now())}`;
    const taken = readdirSync(dir).filter((f) => f.startsWith(`${base}-`) && f.endsWith('.db')).length;
    const name = taken === 0 ? `${base}-${reason}.db` : `${base}-${taken + 1}-${reason}.db`;
    const temp = join(dir, `.${name}.partial`);
    rmSync(temp, { force: true });
    try {
      store.copyTo(temp);
      fsyncFile(temp);
      if (existsSync(this.keysFile)) copyFileSync(this.keysFile, join(dir, `${name.slice(0, -3)}.keys`));
      renameSync(temp, join(dir, name));
    } catch {
      rmSync(temp, { force: true });
      throw new BackupError('io');
    }
    this.prune(keep);
    return this.list().find((b) => b.name === name)!;
  }

  prune(keep: number): void {
    for (const old of this.list().slice(keep)) {
      rmSync(join(this.dir, old.name), { force: true });
      rmSync(join(this.dir, `${old.name.slice(0, -3)}.keys`), { force: true });
    }
  }

  /**
   * Opens a backup read-only with the master key and checks integrity and
   * schema before anyone relies on it.
   */
  verify(name: string, key: Buffer, knownMigrations: readonly string[]): void {
    if (!this.files) throw new BackupError('unavailable');
    const file = join(this.dir, name);
    if (!parseBackupName(name) || !existsSync(file)) throw new BackupError('missing');
    let check;
    try {
      check = this.files.check(file, key);
    } catch {
      throw new BackupError('invalid');
    }
    if (!check.integrityOk || check.migrations.length === 0) throw new BackupError('invalid');
    if (check.migrations.some((n) => !knownMigrations.includes(n))) throw new BackupError('newer');
  }

  /** Reads from a verified backup without restoring it (e.g. who may restore). */
  peek<T>(name: string, key: Buffer, read: (db: Db) => Promise<T>): Promise<T> {
    if (!this.files) throw new BackupError('unavailable');
    return this.files.read(join(this.dir, name), key, read);
  }

  /**
   * Replaces the (closed) live database with a verified backup. The file it
   * replaces is kept beside it, renamed, never deleted.
   */
  replaceLive(name: string, liveFile: string): string {
    const source = join(this.dir, name);
    const keptAs = `${liveFile}.replaced-${stamp(this.now())}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(liveFile + suffix)) renameSync(liveFile + suffix, keptAs + suffix);
    }
    const temp = `${liveFile}.restoring`;
    copyFileSync(source, temp);
    fsyncFile(temp);
    renameSync(temp, liveFile);
    writeFileAtomic(`${liveFile}.restored-from`, `${name}\n`);
    return keptAs;
  }
}
