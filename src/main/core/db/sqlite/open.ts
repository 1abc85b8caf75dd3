/**
 * The one place that knows how an encrypted SQLite file is opened: cipher,
 * raw key, pragmas and the first-read key check (TOOLCHAIN.md: `PRAGMA key`
 * accepts any key; only a read tells).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
  const text = keyText(key);
  try {
    if (which === 'key') db.key(text);
    else db.rekey(text);
  } finally {
    text.fill(0);
  }
}

function keyText(key: Buffer): Buffer {
  const digits = Buffer.from('0123456789abcdef');
  const text = Buffer.alloc(3 + key.length * 2);
  text[0] = 0x78; // x
  text[1] = 0x27; // '
  key.forEach((byte, i) => {
    text[2 + 2 * i] = digits[byte >> 4]!;
    text[3 + 2 * i] = digits[byte & 15]!;
  });
  text[text.length - 1] = 0x27;
  return text;
}

/** The case-work file of a key generation, beside the database: a rekey writes the next one and never changes one in place. */
export function caseworkFileOf(dbFile: string, generation: number): string {
  return join(dirname(dbFile), `m3desk-casework-${generation}.db`);
}

/** Matches case-work files (and their WAL) in the data folder; group 1 is the generation. */
export const CASEWORK_FILE = /^m3desk-casework-(\d+)\.db(?:-wal|-shm|-journal)?$/;

/**
 * Attaches the case-work file under the schema `casework`, encrypted with its
 * own key (same cipher as the main file). The key is always given: an ATTACH
 * without one encrypts the new file under the office key, which every
 * password opens. ATTACH also creates a missing file without a word, so a
 * missing file is refused unless it is being made. Runs outside a transaction.
 */
export function attachCasework(db: RawDatabase, file: string, key: Buffer, options: { create: boolean; check: boolean }): void {
  if (!options.create && !existsSync(file)) throw new StoreOpenError('damaged', 'casework_missing');
  const text = keyText(key);
  try {
    db.prepare('ATTACH DATABASE ? AS casework KEY ?').run(file, text);
    // The first read proves the key, as for the main file.
    db.prepare('SELECT count(*) AS n FROM casework.sqlite_master').get();
    db.pragma('casework.journal_mode = WAL');
    db.pragma('casework.synchronous = NORMAL');
    db.pragma('casework.secure_delete = ON');
    if (options.check && db.pragma('casework.quick_check', { simple: true }) !== 'ok') throw new StoreOpenError('damaged', 'casework');
  } catch (error) {
    try {
      db.prepare('DETACH DATABASE casework').run();
    } catch {
      // not attached
    }
    if (error instanceof StoreOpenError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') throw new StoreOpenError('wrong_key_or_foreign', code);
    if (code === 'SQLITE_CORRUPT') throw new StoreOpenError('damaged', code);
    throw new StoreOpenError('io', code);
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

/**
 * Folds the whole WAL into the file and empties it, without waiting: while a
 * reader (a report, a backup copy) holds an older snapshot the WAL cannot be
 * emptied, and waiting would stall every call. False: try again later.
 */
export function truncateWal(db: RawDatabase): boolean {
  const before = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return result?.busy === 0;
  } finally {
    db.pragma(`busy_timeout = ${before}`);
  }
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
