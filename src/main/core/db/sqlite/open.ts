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
  /** WAL (default) or a rollback journal (to rekey a copy, which SQLite3MC 2.3 refuses in WAL mode). */
  walMode?: boolean;
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
      setKey(db, options.key, 'key');
    }
    // The first read proves the key (or reveals a foreign or damaged file).
    db.prepare('SELECT count(*) AS n FROM sqlite_master').get();
    if (options.walMode === false) db.pragma('journal_mode = DELETE');
    if (!options.readonly && options.walMode !== false) {
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

/**
 * The raw key as SQLCipher's `x'<hex>'` text, built byte by byte in a Buffer
 * (never a JavaScript string, which could not be wiped), handed to the
 * driver and zeroed.
 */
export function setKey(db: RawDatabase, key: Buffer, which: 'key' | 'rekey'): void {
  const digits = Buffer.from('0123456789abcdef');
  const text = Buffer.alloc(3 + key.length * 2);
  text[0] = 0x78; // x
  text[1] = 0x27; // '
  key.forEach((byte, i) => {
    text[2 + 2 * i] = digits[byte >> 4]!;
    text[3 + 2 * i] = digits[byte & 15]!;
  });
  text[text.length - 1] = 0x27;
  try {
    if (which === 'key') db.key(text);
    else db.rekey(text);
  } finally {
    text.fill(0);
  }
}

/**
 * Re-encrypts a database file that nothing else has open (a fresh copy) from
 * one key to another. SQLite3 Multiple Ciphers 2.3 cannot rekey in WAL mode,
 * and an in-place rekey killed halfway can leave a file no key opens (2 of 25
 * SIGKILLs here), so the app only ever rekeys copies and swaps them in.
 */
export function rekeyFile(file: string, from: Buffer, to: Buffer, nativeBinding?: string): void {
  const db = openDatabase(file, { key: from, mustExist: true, nativeBinding, walMode: false });
  try {
    setKey(db, to, 'rekey');
  } finally {
    db.close();
  }
}

/**
 * Folds the WAL into the database file: PASSIVE when idle (never waits for
 * readers), TRUNCATE before a copy (the file then holds everything).
 */
export function checkpoint(db: RawDatabase, mode: 'PASSIVE' | 'TRUNCATE' = 'PASSIVE'): void {
  db.pragma(`wal_checkpoint(${mode})`);
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
