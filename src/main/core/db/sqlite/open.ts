/**
 * The one place that knows how an encrypted SQLite file is opened: cipher,
 * raw key, pragmas and the first-read key check (TOOLCHAIN.md: `PRAGMA key`
 * accepts any key; only a read tells).
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { StoreOpenError } from '../dialect';

export type RawDatabase = Database.Database;

export interface OpenOptions {
  /** 32-byte master key; null opens without encryption (benchmark baseline only). */
  key: Buffer | null;
  /** Path of an Electron build of the native module (app); undefined under Node (tests). */
  nativeBinding?: string;
  readonly?: boolean;
  /** Must the file exist already? (unlock: yes; setup: no) */
  mustExist?: boolean;
  /** Page cache in KiB; a year's report needs far more than SQLite's 2 MiB default. */
  cacheKiB?: number;
  /** Run PRAGMA quick_check after opening. */
  check?: boolean;
  /**
   * Let SQLite fold the WAL into the file during commits (default). The app
   * turns this off and checkpoints when idle, so no save waits 30–40 ms for it.
   */
  autoCheckpoint?: boolean;
}

export function openDatabase(file: string, options: OpenOptions): RawDatabase {
  let db: RawDatabase;
  try {
    db = new Database(file, {
      fileMustExist: options.mustExist ?? false,
      readonly: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw new StoreOpenError('io', (error as { code?: string }).code);
  }
  try {
    if (options.key) {
      db.pragma(`cipher='sqlcipher'`);
      db.pragma('legacy=4');
      db.pragma(`key="x'${options.key.toString('hex')}'"`);
    }
    // The first read proves the key (or reveals a foreign or damaged file).
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      if (options.autoCheckpoint === false) db.pragma('wal_autocheckpoint = 0');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    db.pragma(`cache_size = -${options.cacheKiB ?? 65536}`);
    db.pragma('temp_store = MEMORY');
    db.pragma('busy_timeout = 5000');
    if (options.check) {
      const result = db.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw new StoreOpenError('damaged');
    }
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreOpenError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') throw new StoreOpenError('wrong_key_or_foreign', code);
    if (code === 'SQLITE_CORRUPT') throw new StoreOpenError('damaged', code);
    throw new StoreOpenError('io', code);
  }
}

/** Folds the WAL into the database file without waiting for readers (run when idle). */
export function checkpoint(db: RawDatabase): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

/** Full integrity check (used on backups before a restore). */
export function integrityOk(db: RawDatabase): boolean {
  try {
    return db.pragma('integrity_check', { simple: true }) === 'ok';
  } catch {
    return false;
  }
}

/**
 * Writes an encrypted, consistent copy with the same cipher and key
 * (VACUUM INTO; better-sqlite3's backup API refuses encrypted sources).
 */
export function copyEncrypted(db: RawDatabase, target: string): void {
  db.prepare('VACUUM INTO ?').run(target);
}

/** Applied migration names, read without Kysely (for checking a backup before restore). */
export function readMigrationNames(db: RawDatabase): string[] {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
  if (!exists) return [];
  return (db.prepare('SELECT name FROM schema_migrations ORDER BY name').all() as { name: string }[]).map((r) => r.name);
}
