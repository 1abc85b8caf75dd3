import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionNotice } from '../../shared/rpc/areas/session';
import type { Settings } from '../../shared/rpc/areas/settings';
import type { Dialect, Store } from './db/dialect';
import type { Db } from './db/schema';
import { forgetHeldParts } from './reports/parts';
import type { SessionInfo } from './rpc/context';
import type { KdfParams } from './vault/kdf';
import type { Identity } from './vault/keyfile';
import type { PrivateKey } from './vault/seal';
import { wipeKeys, type DataKeys, type HolderKeys } from './vault/vault';

export interface CorePaths {
  dataDir: string;
  dbFile: string;
  keysFile: string;
  /** The key file a rekey writes before it swaps the database (see session/keys.ts). */
  nextKeysFile: string;
  /** Audit entries of the locked app (failed logins), appended at the next unlock. */
  auditQueueFile: string;
  throttleFile: string;
  defaultBackupDir: string;
}

export function corePaths(dataDir: string): CorePaths {
  return {
    dataDir,
    dbFile: join(dataDir, 'm3desk.db'),
    keysFile: join(dataDir, 'm3desk.keys'),
    nextKeysFile: join(dataDir, 'm3desk.keys.next'),
    auditQueueFile: join(dataDir, 'audit-queue.json'),
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
  /** The data keys the logged-in identity holds. */
  keys: Partial<DataKeys> | null = null;
  /** The logged-in identity and its private key (opens backups sealed to it). */
  identity: { entry: Identity; privateKey: PrivateKey } | null = null;
  /** Cached while unlocked, for auto-lock and the backup folder. */
  settings: Settings | null = null;
  /** What a coordinator must see after login (a recovery, a changed key file, an older database). */
  notices: SessionNotice[] = [];
  /** The audit chain's head is not written outside until a coordinator accepts an older database. */
  anchorOnHold = false;
  /** The background page check found damage: coordinators are told until a restore. */
  pagesDamaged = false;
  /** The background page check has run since the app started (once is enough per start). */
  pagesChecked = false;
  /** The day's backup or the page check is running in the background. */
  dailyRunning = false;
  /** This session's case-work store did not open (damaged, missing, newer than the app); null when it did or is not held. */
  caseworkFailure: 'unavailable' | 'newer' | null = null;
  /** The case-work store is attached and its migrations ran: case-work calls may use it. */
  caseworkReady = false;
  /** On the office hub: this session's own database login (derived from the password), while unlocked. */
  hubLogin: { user: string; password: string } | null = null;
  /**
   * On a PC of the hub: the key file as the hub had it last (version, hash, the recovery key it names) and
   * the recovery key the hub's recovery login is sealed to (none yet, or no recovery login on an older hub).
   */
  hubKeyFile: { version: number; hash: string; keyRecipient: string | null; recoveryRecipient: string | null; recoveryLogin: boolean } | null = null;
  /** A session without the office hub: the office's settings as this PC kept them (hub/offline-files.ts, OfflineStaff). */
  offlineSettings: { autoLockMinutes: number | null; officeName: string | null } | null = null;
  /** The key file's generation whose keys this session holds (on the hub, openVault follows a newer one: session/keys.ts). */
  keyGeneration: number | null = null;
  /** The key file's identity while unlocked (the anchor names it). */
  fileId: string | null = null;
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

  /** Closes the database only (a rekey swaps the file); the session and its keys stay. */
  async closeStore(): Promise<void> {
    this.caseworkReady = false;
    const store = this.store;
    this.store = null;
    await this.closing;
    await store?.close();
  }

  /** Other PCs of the office hub changed these kinds of records (set by the core: screens refresh). */
  onRemoteChange: ((entities: string[]) => void) | null = null;
  /** The office hub answers (always true on a single PC). */
  hubOnline = true;
  /** The office hub stopped or started answering (set by the core). */
  onLink: ((online: boolean) => void) | null = null;
  /** The office hub refused this session's login (set by the core: the session ends). */
  onRevoked: (() => void) | null = null;
  /** The session ended (set by the core: what the hub link kept for it — a counter replay's names — goes). */
  onClose: (() => void) | null = null;

  /** A lock's close still under way (a report's reader ending): the next open waits for it. */
  private closing: Promise<void> = Promise.resolve();

  /** Resolves once a lock's close has ended (before the hub PC's server stops). */
  closed(): Promise<void> {
    return this.closing;
  }

  /** Opens the live database with the office key (throws StoreOpenError); one open at a time. */
  async open(officeKey: Buffer, create: boolean): Promise<void> {
    await this.closeStore();
    this.store = await this.dialect.open(officeKey, { create, check: !create, login: this.dialect.hub ? () => this.hubLogin : null });
    this.store.subscribe?.((entities) => this.onRemoteChange?.(entities));
    this.hubOnline = true;
    this.store.onLink?.((online) => this.onLink?.(online));
    this.store.onRevoked?.(() => this.onRevoked?.());
  }

  /** The keys of a session, copied (the caller wipes its own). */
  hold(keys: Partial<DataKeys>, identity: { entry: Identity; privateKey: PrivateKey } | null): void {
    wipeKeys(this.keys);
    this.keys = Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, Buffer.from(key)])) as Partial<DataKeys>;
    this.identity = identity;
  }

  /** All keys, for changes to the key file; only coordinators (and the recovery key) have them. */
  allKeys(): HolderKeys | null {
    const keys = this.keys;
    return keys?.office && keys.admin && keys.audit ? { office: keys.office, admin: keys.admin, audit: keys.audit, casework: keys.casework } : null;
  }

  /** Closes the database and wipes the keys from memory. */
  close(): void {
    this.session = null;
    this.settings = null;
    this.offlineSettings = null;
    this.notices = [];
    this.anchorOnHold = false;
    this.fileId = null;
    this.keyGeneration = null;
    this.hubLogin = null;
    this.caseworkFailure = null;
    this.caseworkReady = false;
    const store = this.store;
    this.store = null;
    // A pool's connections (and a report's reader) end in the background; nothing can reach them any more,
    // and the next open waits for it.
    if (store) this.closing = store.close().catch(() => undefined);
    // The report's sums held for this database (on the hub, in this process) go with it.
    forgetHeldParts();
    wipeKeys(this.keys);
    this.keys = null;
    this.identity = null;
    // Last, after the keys are gone: a hook that fails leaves nothing of the session behind.
    this.onClose?.();
  }

  /** Writes since the last checkpoint; folded into the file when the core is idle. */
  unflushedWrites = 0;
  /** Committed writes since the core started: a report's reader keeps its reads while this stays the same. */
  dataVersion = 0;

  /** Idle maintenance: fold the WAL into the database file. */
  maintain(): void {
    if (!this.store || (this.unflushedWrites === 0 && !this.store.flushPending)) return;
    // Not done (a reader held the WAL): the next idle moment tries again.
    if (this.store.maintain() === false) return;
    this.unflushedWrites = 0;
  }

  autoLockMs(): number {
    return Math.round((this.settings?.autoLockMinutes ?? this.offlineSettings?.autoLockMinutes ?? 5) * 60_000);
  }
}
