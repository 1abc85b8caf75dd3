import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { DomainError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import type { SessionNotice } from '../../../shared/rpc/areas/session';
import { checkAnchor } from '../audit/anchor';
import { appendAudit, keySignsHead } from '../audit/chain';
import { BackupError } from '../backup/service';
import { appliedMigrations, migrate } from '../db/migrate';
import { MIGRATIONS } from '../db/migrations';
import { storageFailureOf, StoreOpenError } from '../db/dialect';
import type { Tx, UsersTable } from '../db/schema';
import type { CoreServices } from '../services';
import { readSettings } from '../settings/store';
import { wipeKeys, type Unlocked, type Vault } from '../vault/vault';
import { clearRekeyDue, dropUnknown, holdersKept, readHolders, recordHolders, rekeyDue, rekeyMarks } from './holders';
import { backupSidecar, changeKeysOnHub, rekey, saveVault } from './keys';
import { openCasework } from '../casework/store';

export const KNOWN_MIGRATIONS = MIGRATIONS.map(([name]) => name);

/** What a user is told when the database does not open. */
export function openError(services: CoreServices, error: unknown): unknown {
  if (!(error instanceof StoreOpenError)) return error;
  if (error.kind === 'unsupported') return new DomainError('INTERNAL', error.code === 'collation' ? 'errors:db_collation' : 'errors:db_tls_required');
  if (error.kind === 'io') {
    // A read-only or full drive says what to do, not just that it failed.
    const storage = storageFailureOf(services.state.dialect, { code: error.code });
    if (storage) return new DomainError(storage === 'full' ? 'STORAGE_FULL' : 'STORAGE_READONLY');
    // A PC of the office hub: the hub did not answer, or not with the office's certificate.
    if (error.code === 'certificate' || error.code === 'fingerprint') return new DomainError('INTERNAL', 'errors:hub_certificate');
    if (services.state.dialect.hub) return new DomainError('INTERNAL', 'errors:hub_unreachable');
    return new DomainError('INTERNAL', 'errors:db_unavailable');
  }
  return damagedError(services);
}

/** A damaged or foreign database file: the message offers the newest backup when there is one. */
export function damagedError(services: CoreServices): DomainError {
  // Never offered while an unfinished key change's file waits: it may open what is live.
  const restorable = services.backups.list().length > 0 && !existsSync(services.state.paths.nextKeysFile);
  return new DomainError('INTERNAL', 'errors:db_damaged', { restorable });
}

/** What opening the live store needs: the office key, the audit key, and — for those who hold it — the casework key with its file's generation. */
export interface LiveKeys {
  office: Buffer;
  audit: Buffer;
  casework?: Buffer | undefined;
  generation: number;
  /** The first case-work file is made with these keys (a key change of a key file from before case work). */
  createCasework?: boolean;
}

/**
 * Opens the live database with the unwrapped master key, checks it, and
 * applies pending migrations (each after a backup). Anything wrong closes
 * it again and ends in a clear error; nothing is overwritten.
 */
export async function openLive(services: CoreServices, keys: LiveKeys): Promise<void> {
  const { state } = services;
  try {
    await state.open(keys.office, false);
  } catch (error) {
    throw openError(services, error);
  }
  try {
    // An empty database is not this office's: never build a fresh one on unlock.
    if ((await appliedMigrations(state.db!)).length === 0) throw new DomainError('CONFLICT', 'errors:db_empty');
    await migrate(state.db!, {
      dialect: state.dialect.migrations,
      schemaIsHubs: !!state.dialect.hub,
      beforeMigration: async () => {
        if (!services.backups.available) return;
        const settings = await readSettings(state.db!);
        await services.backups.create(state.store!, 'migration', settings.backupKeep, (key) => backupSidecar(services, key), keys.audit);
      },
    });
    state.settings = await readSettings(state.db!);
    if (keys.casework) await openCasework(services, keys.casework, keys.generation, keys.createCasework ?? false);
  } catch (error) {
    state.close();
    if (error instanceof BackupError) throw new DomainError('INTERNAL', 'errors:backup_failed');
    throw error;
  }
}

export function sessionFromRow(row: Pick<UsersTable, 'id' | 'username' | 'display_name' | 'role' | 'must_change_password'>) {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    mustChangePassword: row.must_change_password === 1,
  };
}

/**
 * Makes an unlocked identity the session's owner. Refuses when its account is
 * not active or the role it was issued for is not the account's role (a key
 * file changed outside the app). Checks the audit chain against the head kept
 * outside the data folder, appends what the locked app queued and the login
 * itself, and tells a coordinator what they must see (recoveries, a changed
 * key file, an older database).
 */
export async function beginSession(services: CoreServices, vault: Vault, unlocked: Unlocked, method: string, options: { recorded?: boolean } = {}): Promise<void> {
  const { state } = services;
  const db = state.db!;
  const userId = unlocked.identity.userId;
  const row = userId ? await db.selectFrom('users').selectAll().where('id', '=', userId).where('active', '=', 1).executeTakeFirst() : undefined;
  // Only identities the core wrote may log in: one added to the key file by hand opens nothing here.
  const holders = holdersKept(services) ? await readHolders(db) : null;
  const unknown = dropUnknown(holders, vault);
  if (!row || row.role !== unlocked.identity.role || unknown.some((i) => i.id === unlocked.identity.id)) {
    wipeKeys(unlocked.keys);
    state.close();
    throw new DomainError('AUTH_FAILED');
  }
  state.hold(unlocked.keys, { entry: unlocked.identity, privateKey: unlocked.privateKey });
  wipeKeys(unlocked.keys);
  const notices: SessionNotice[] = [];
  if ((await checkAnchor(db, vault.fileId, services.anchor.read())) === 'rolled_back') {
    if (row.role !== 'coordinator') {
      state.close();
      throw new DomainError('CONFLICT', 'errors:db_rolled_back');
    }
    notices.push({ kind: 'rolled_back', at: null, userName: null });
    state.anchorOnHold = true;
  }
  const auditKey = state.keys!.audit!;
  if (row.role === 'coordinator') {
    // Entries the core did not write, or an audit key that does not sign the chain's newest link (replaced in the file).
    if (unknown.length > 0 || !(await keySignsHead(db, auditKey))) notices.push({ kind: 'keyfile_changed', at: null, userName: null });
    notices.push(...(await unseenRecoveries(db, row.id, method !== 'session.recover')));
  }
  const now = services.now();
  await db.transaction().execute(async (trx) => {
    await services.auditQueue.appendTo(trx, auditKey, now);
    await trx.updateTable('users').set({ last_login_at: now.toISOString() }).where('id', '=', row.id).execute();
    if (!options.recorded) await appendAudit(trx, { method, userId: row.id, entityType: 'user', entityId: row.id, outcome: 'ok' }, now, auditKey);
  });
  services.auditQueue.clear();
  // A password that counts as temporary is changed first, even if the flag in the database was not set (a crash in between).
  state.session = { ...sessionFromRow(row), mustChangePassword: row.must_change_password === 1 || unlocked.identity.temporaryUntil !== null };
  state.notices = notices;
  state.fileId = vault.fileId;
  state.keyGeneration = vault.generation;
  state.lastActivity = Date.now();
  services.emit('unlocked');
  sweepLeftovers(services, vault.caseworkGeneration);
  // Nothing is sealed or backed up while an older database waits for the coordinator's decision.
  if (state.anchorOnHold) return;
  if (row.role === 'coordinator') {
    await makeCaseworkKey(services, vault);
    // A database from before the copy existed trusts its key file once, at a coordinator's login.
    if (holdersKept(services) && holders === null) await recordHolders(db, vault.identities());
    await scheduleKeyHousekeeping(services, vault, unknown.length > 0);
  }
  dailyBackup(services);
}

/**
 * A key file from before case work has no casework key: the first
 * coordinator login makes it (and the empty case-work file) and seals it to
 * the coordinators, caseworkers and the recovery key.
 */
export async function makeCaseworkKey(services: CoreServices, vault: Vault): Promise<void> {
  const { state } = services;
  if (vault.hasKey('casework') || !state.keys || state.keys.casework) return;
  const key = randomBytes(32);
  try {
    await openCasework(services, key, vault.caseworkGeneration, true);
    if (!state.caseworkReady) return;
    await vault.reseal({ casework: key });
    await saveVault(services, vault);
    state.keys.casework = Buffer.from(key);
  } finally {
    key.fill(0);
  }
}

/**
 * At a coordinator's login the keys are replaced when the key file holds
 * identities that must go — of accounts no longer active (a deactivation
 * whose rekey did not finish), temporary passwords past their week, entries
 * the core did not write — or when a staff member changed their password.
 */
async function scheduleKeyHousekeeping(services: CoreServices, vault: Vault, hadUnknown: boolean): Promise<void> {
  const db = services.state.db!;
  const active = new Set((await db.selectFrom('users').select('id').where('active', '=', 1).execute()).map((u) => u.id));
  const now = services.now().getTime();
  const stale = new Set(
    vault
      .identities()
      .filter((i) => i.kind === 'user' && (!i.userId || !active.has(i.userId) || (i.temporaryUntil !== null && Date.parse(i.temporaryUntil) < now)))
      .map((i) => i.id),
  );
  if (stale.size === 0 && !hadUnknown && !(await rekeyDue(db))) return;
  services.defer(async () => {
    const marks = await rekeyMarks(services.state.db!);
    // The marks go only once the new keys are in the hub's key file (on the hub), and only those seen here:
    // a password changed meanwhile marks the keys again.
    await changeKeysOnHub(services, () => rekey(services, async (v) => v.remove((i) => stale.has(i.id))), []);
    await clearRekeyDue(services.state.db!, marks);
  });
}

/** Files an interrupted rekey, backup or restore left behind (under keys of their day). */
function sweepLeftovers(services: CoreServices, generation: number): void {
  const { dbFile } = services.state.paths;
  // Case-work files of older keys (a finished rekey) or of a rekey that never finished.
  services.state.dialect.files?.sweepCasework(generation);
  for (const file of [`${dbFile}.restoring`, `${dbFile}.rekey`]) {
    for (const suffix of ['', '-journal']) rmSync(file + suffix, { force: true });
  }
  services.backups.sweep();
}

/**
 * Uses of the recovery key this coordinator has not been shown yet: every
 * coordinator hears of each, once. A session that itself began with the
 * recovery key does not count as having seen it (it may not be the account's
 * owner), so the owner is told at their next own login.
 */
async function unseenRecoveries(db: Tx, userId: string, markSeen: boolean): Promise<SessionNotice[]> {
  const key = `notice_seen.${userId}`;
  const seen = Number(JSON.parse((await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value ?? '0'));
  const rows = await db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.at', 'u.display_name'])
    .where('a.method', '=', 'session.recover')
    .where('a.outcome', '=', 'ok')
    .where('a.id', '>', seen)
    .orderBy('a.id')
    .execute();
  if (markSeen && rows.length > 0) {
    const value = JSON.stringify(rows.at(-1)!.id);
    await db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  }
  return rows.map((r) => ({ kind: 'recovered', at: r.at, userName: r.display_name ?? null }));
}

/**
 * After login, in the background (a worker thread reads the file, so nobody
 * waits): at the first unlock after the app started and at the first unlock of
 * a (local) day every page of the file is checked; the latter also makes the
 * day's backup. Damage is checked first: a damaged file is not backed up (its
 * copy would push a good older backup out), the coordinators are told, and the
 * next start checks again before opening.
 */
export function dailyBackup(services: CoreServices): void {
  const { state, backups } = services;
  if (!state.store || !state.settings || !state.keys?.audit || state.dailyRunning) return;
  const today = services.now().toDateString();
  // A day's backup made without the casework key (reception's login) holds no case work: a caseworker's or
  // coordinator's first login of the day makes one that does.
  const withCasework = state.caseworkReady;
  const backupDue = backups.available && !backups.list().some((b) => new Date(b.createdAt).toDateString() === today && (b.casework || !withCasework));
  // At the first unlock after the app started, and with each day's backup (never a backup of a damaged
  // file) — unless this very open has just read every page (after an unclean shutdown).
  const checkDue = (!state.pagesChecked || backupDue) && state.store.checkPages !== undefined && !state.store.checkedOnOpen;
  if (!backupDue && !checkDue) return;
  const store = state.store;
  const keep = state.settings.backupKeep;
  // Its own copy: a lock meanwhile wipes the session's keys.
  const auditKey = Buffer.from(state.keys.audit);
  // One at a time: a second unlock meanwhile would otherwise start a second backup of the day.
  state.dailyRunning = true;
  services.background(async () => {
    try {
      if (checkDue) {
        let intact: boolean | null = null;
        try {
          intact = await store.checkPages!();
          state.pagesChecked = true;
        } catch {
          // Not damage (a lock meanwhile, an I/O error): the backup is still worth trying.
          services.log.error('page_check_failed');
        }
        if (intact === false) {
          services.log.error('pages_damaged');
          state.pagesDamaged = true;
          store.markSuspect?.();
          services.emit('notice');
          return;
        }
      }
      if (backupDue) {
        await backups.create(store, 'daily', keep, (key) => backupSidecar(services, key), auditKey);
        services.emit('backup-created');
      }
    } catch {
      services.log.error('daily_backup_failed');
    } finally {
      auditKey.fill(0);
      state.dailyRunning = false;
    }
  });
}

export function newUserId(): string {
  return randomUUID();
}
