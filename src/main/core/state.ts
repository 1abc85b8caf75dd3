import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../../shared/rpc/areas/settings';
import type { Dialect, Store } from './db/dialect';
import type { Db } from './db/schema';
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
  store: Store | null = null;
  masterKey: Buffer | null = null;
  /** Cached while unlocked, for auto-lock and the backup folder. */
  settings: Settings | null = null;
  lastActivity = Date.now();

  constructor(
    readonly paths: CorePaths,
    readonly kdf: KdfParams,
    readonly dialect: Dialect,
  ) {}

  /** The open database (Kysely), or null while locked. */
  get db(): Db | null {
    return this.store?.db ?? null;
  }

  /** The key-slot file exists once first-run setup has finished. */
  isSetUp(): boolean {
    return existsSync(this.paths.keysFile);
  }

  loadVault(): Vault {
    return Vault.load(this.paths.keysFile, this.kdf);
  }

  /** Opens the live database with the master key (throws StoreOpenError). */
  async open(key: Buffer, create: boolean): Promise<void> {
    this.store = await this.dialect.open(key, { create, check: !create });
    this.masterKey = Buffer.from(key);
  }

  /** Closes the database and wipes the key from memory. */
  close(): void {
    this.session = null;
    this.settings = null;
    const store = this.store;
    this.store = null;
    // A pool's connections end in the background; nothing can reach them any more.
    store?.close().catch(() => undefined);
    this.masterKey?.fill(0);
    this.masterKey = null;
  }

  /** Writes since the last checkpoint; folded into the file when the core is idle. */
  unflushedWrites = 0;

  /** Idle maintenance: fold the WAL into the database file. */
  maintain(): void {
    if (!this.store || this.unflushedWrites === 0) return;
    this.store.maintain();
    this.unflushedWrites = 0;
  }

  autoLockMs(): number {
    return Math.round((this.settings?.autoLockMinutes ?? 5) * 60_000);
  }
}
