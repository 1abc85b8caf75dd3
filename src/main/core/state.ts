import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../../shared/rpc/areas/settings';
import type { Db } from './db/schema';
import { createKysely } from './db/sqlite/kysely';
import { checkpoint, openDatabase, type RawDatabase } from './db/sqlite/open';
import type { SessionInfo } from './rpc/context';
import { Vault } from './vault/slots';
import type { KdfParams } from './vault/kdf';

export interface CorePaths {
  dataDir: string;
  dbFile: string;
  keysFile: string;
  throttleFile: string;
  defaultBackupDir: string;
}

export function corePaths(dataDir: string): CorePaths {
  return {
    dataDir,
    dbFile: join(dataDir, 'm3desk.db'),
    keysFile: join(dataDir, 'm3desk.keys'),
    throttleFile: join(dataDir, 'login-throttle.json'),
    defaultBackupDir: join(dataDir, 'backups'),
  };
}

/**
 * The core's mutable state: who is logged in, and — only while someone is —
 * the open database and the master key. Locking drops both.
 */
export class CoreState {
  session: SessionInfo | null = null;
  raw: RawDatabase | null = null;
  db: Db | null = null;
  masterKey: Buffer | null = null;
  /** Cached while unlocked, for auto-lock and the backup folder. */
  settings: Settings | null = null;
  lastActivity = Date.now();

  constructor(
    readonly paths: CorePaths,
    readonly kdf: KdfParams,
    readonly nativeBinding: string | undefined,
  ) {}

  /** The key-slot file exists once first-run setup has finished. */
  isSetUp(): boolean {
    return existsSync(this.paths.keysFile);
  }

  loadVault(): Vault {
    return Vault.load(this.paths.keysFile, this.kdf);
  }

  /** Opens the live database with the master key (throws DatabaseOpenError). */
  open(key: Buffer, create: boolean): void {
    const raw = openDatabase(this.paths.dbFile, { key, mustExist: !create, check: !create, nativeBinding: this.nativeBinding, autoCheckpoint: false });
    this.raw = raw;
    this.db = createKysely(raw);
    this.masterKey = Buffer.from(key);
  }

  /** Closes the database and wipes the key from memory. */
  close(): void {
    this.session = null;
    this.settings = null;
    try {
      this.raw?.close();
    } catch {
      // already closed
    }
    this.raw = null;
    this.db = null;
    this.masterKey?.fill(0);
    this.masterKey = null;
  }

  /** Writes since the last checkpoint; folded into the file when the core is idle. */
  unflushedWrites = 0;

  /** Idle maintenance: fold the WAL into the database file. */
  maintain(): void {
    if (!this.raw || this.unflushedWrites === 0) return;
    checkpoint(this.raw);
    this.unflushedWrites = 0;
  }

  autoLockMs(): number {
    return Math.round((this.settings?.autoLockMinutes ?? 5) * 60_000);
  }
}
