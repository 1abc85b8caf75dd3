/**
 * The office's keys over time: loading the key file, replacing the keys
 * (rekey) so that a revoked password or recovery key opens nothing any more,
 * and the sidecar that lets a backup be opened by the coordinators of its day.
 */
import { existsSync, rmSync } from 'node:fs';
import { DomainError } from '../../../shared/errors';
import { backupHolders, type SealedSidecar } from '../backup/service';
import { fsyncFile, renameAndSync } from '../files/atomic';
import type { Tx } from '../db/schema';
import type { CoreServices } from '../services';
import { addHolders, caseworkRekeyDue, dropUnknownHolders, holdersKept, recordHolders } from './holders';
import { openCasework } from '../casework/store';
import { VaultFileError } from '../vault/keyfile';
import { refreshKeyFile, syncHub, type LoginChange } from '../hub/sync';
import { seal } from '../vault/seal';
import { holdsKey, replacedKeys, Vault, wipeKeys, type HolderKeys } from '../vault/vault';

/** The key file, or a clear message when it is damaged or from a development version that cannot be carried over. */
export function loadVault(services: CoreServices, file = services.state.paths.keysFile): Vault {
  try {
    return Vault.load(file, services.state.kdf);
  } catch (error) {
    if (error instanceof VaultFileError) throw new DomainError('INTERNAL', error.reason === 'version1' ? 'errors:keys_version1' : 'errors:keys_damaged');
    throw error;
  }
}

/**
 * The key file with only the identities the core wrote (session/holders.ts):
 * what is about to be changed and sealed anew. Needs the open database.
 */
export async function openVault(services: CoreServices): Promise<Vault> {
  const db = services.state.db;
  if (!db) throw new DomainError('LOCKED');
  // On the office hub another PC may have changed the key file since: its copy is the one to change.
  await refreshKeyFile(services);
  const vault = loadVault(services);
  // On the hub, another PC may have replaced the keys since this login: this session's keys, sealed into the
  // new file, would put the old keys back (and lose the new). It takes the new ones first.
  const { state } = services;
  if (state.dialect.hub && state.keyGeneration !== null && vault.generation !== state.keyGeneration) await followKeys(services, vault);
  const unknown = await dropUnknownHolders(services, db, vault);
  if (unknown.length > 0) services.log.error('key_file_unknown_identities', { count: unknown.length });
  return vault;
}

/**
 * Refuses before a handler writes anything when this session could not change
 * the key file afterwards (on the hub: its own slot was replaced at another
 * PC, `keys_replaced_elsewhere`), so that such a refusal leaves nothing half
 * done. Takes newer keys the way `openVault` does. (Another PC may still
 * change the file between this look and the change itself: rare, and then
 * the handler's own order decides what stays.)
 */
export async function keysStillHeld(services: CoreServices): Promise<void> {
  await openVault(services);
}

/**
 * The keys of the hub's key file, opened with this session's own identity —
 * which must be in it as it was at login (its password not changed or reset
 * elsewhere meanwhile): otherwise the person logs in again first.
 */
async function followKeys(services: CoreServices, vault: Vault): Promise<void> {
  const { state } = services;
  const held = state.identity;
  const now = held ? vault.identities().find((i) => i.id === held.entry.id && i.recipient === held.entry.recipient) : undefined;
  const keys = now && held ? await vault.keysOf(now, held.privateKey) : null;
  if (!keys || !now || !held) throw new DomainError('CONFLICT', 'errors:keys_replaced_elsewhere');
  state.hold(keys, { entry: now, privateKey: held.privateKey });
  wipeKeys(keys);
  state.keyGeneration = vault.generation;
}

/**
 * Writes a changed key file without a rekey. The new identities are added to
 * the database's copy first (with `alongside`, in the same transaction), the
 * file is written, then the copy is made exact: a crash anywhere leaves every
 * identity in the file known.
 */
export async function saveVault(services: CoreServices, vault: Vault, alongside?: (trx: Tx) => Promise<void>): Promise<void> {
  const db = services.state.db;
  if (!db) throw new DomainError('LOCKED');
  const kept = holdersKept(services);
  await db.transaction().execute(async (trx) => {
    await alongside?.(trx);
    if (kept) await addHolders(trx, vault.identities());
  });
  vault.save();
  if (kept) await recordHolders(db, vault.identities());
}

/**
 * Replaces the office and admin keys — after `change` (remove an identity,
 * give someone a new one) — and seals the new keys to the current holders.
 * On this PC's SQLite file the database is re-encrypted by copying it under
 * the new key and swapping the copy in, never in place. Crash-safe in this
 * order: the next key file is written, the copy made and the new holders
 * recorded in it (the live file keeps its own), the database swapped, then
 * the key file promoted; at any moment either the old keys open the old file
 * or the next keys the new one, each with its holders, and unlock finishes
 * what was left (see pendingKeyFile). Needs a session holding
 * all keys (coordinator, recovery). Afterwards the backups this session can
 * open are sealed to the new holders (BackupService.resealAll).
 */
export async function rekey(services: CoreServices, change?: (vault: Vault, keys: HolderKeys) => Promise<void>): Promise<void> {
  const { state } = services;
  if (!state.allKeys() || !state.store) throw new DomainError('FORBIDDEN');
  const { keysFile, nextKeysFile, dbFile } = state.paths;
  const vault = await openVault(services);
  // Read after openVault: on the hub it may have taken keys another PC replaced meanwhile (followKeys).
  const keys = state.allKeys();
  const store = state.store;
  if (!keys || !store) throw new DomainError('FORBIDDEN');
  const actor = state.identity;
  const caseworkHolders = () => new Set(vault.identities().filter((i) => holdsKey(i, 'casework')).map((i) => i.id));
  const heldCasework = caseworkHolders();
  if (change) await change(vault, keys);
  // The casework key (and its file) is replaced only when someone who held it loses it: a reception
  // password reset leaves case work as it is. A key file from before case work gets its first key here.
  const stillHeld = caseworkHolders();
  const replaceCasework = !keys.casework || [...heldCasework].some((id) => !stillHeld.has(id)) || (await caseworkRekeyDue(store.db));
  // A backup being made reads the file that is about to be swapped.
  await services.settled();
  const next = replacedKeys(keys, !replaceCasework);
  const copy = `${dbFile}.rekey`;
  const from = vault.caseworkGeneration;
  let swapped = false;
  try {
    await vault.replaceKeys(next, replaceCasework);
    vault.saveTo(nextKeysFile);
    if (store.copyTo && state.dialect.files) {
      rmSync(copy, { force: true });
      await store.copyTo(copy, next.office);
      // The case-work file of the new generation, under the new casework key (the old one goes once the new keys hold).
      // A file that did not open is copied closed; one that cannot be read stays aside (never deleted), and
      // case work then says it is unavailable until a restore.
      // A kept casework key keeps its file.
      if (replaceCasework && store.caseworkAttached) await store.copyCaseworkTo?.(state.dialect.files.caseworkFile(vault.caseworkGeneration), next.casework);
      else if (replaceCasework && keys.casework) {
        await state.dialect.files.copyCasework({ generation: from, key: keys.casework }, { generation: vault.caseworkGeneration, key: next.casework }).catch((error: unknown) => {
          services.log.error('casework_rekey_copy_failed', { error: error instanceof Error ? error.name : 'unknown' });
        });
      }
      if (holdersKept(services)) await state.dialect.files.write(copy, next.office, (db) => recordHolders(db, vault.identities()));
      fsyncFile(copy);
      await state.closeStore();
      // Closing the store checkpointed the WAL into the old file; the copy needs neither.
      for (const suffix of ['-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
      renameAndSync(copy, dbFile);
      swapped = true;
    }
    renameAndSync(nextKeysFile, keysFile);
    // The case-work file under the old key goes now: the password just revoked may open that key.
    state.dialect.files?.sweepCasework(vault.caseworkGeneration);
  } catch (error) {
    services.log.error('rekey_failed', { error: error instanceof Error ? error.name : 'unknown', swapped });
    if (!swapped) {
      rmSync(copy, { force: true });
      rmSync(nextKeysFile, { force: true });
    }
    if (!state.store) {
      await state.open(swapped ? next.office : keys.office, false).catch(() => undefined);
      const casework = swapped ? next.casework : keys.casework;
      if (casework) await openCasework(services, casework, swapped ? vault.caseworkGeneration : from);
    }
    wipeKeys(next);
    throw new DomainError('INTERNAL', 'errors:rekey_failed');
  }
  if (!state.store) await state.open(next.office, false);
  // A key file from before case work gets its first case-work file with these keys.
  await openCasework(services, next.casework, vault.caseworkGeneration, !keys.casework);
  state.hold(next, actor);
  state.keyGeneration = vault.generation;
  wipeKeys(next);
  if (actor) await services.backups.resealAll(actor.privateKey, (key) => backupSidecar(services, key));
}

/**
 * A change of the key file and the logins it goes with, sent to the hub. When
 * another PC wrote the hub's key file in between (its own account change),
 * the change is made again on that newer file — openVault takes it first —
 * so that neither PC's change is lost and the user is not asked to retry.
 */
export async function changeKeysOnHub(services: CoreServices, change: () => Promise<void>, logins: LoginChange[]): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await change();
      await syncHub(services, logins);
      return;
    } catch (error) {
      if (!services.state.dialect.hub) throw error;
      // A key change here may not have reached the hub (refused, or the connection lost): this session may
      // hold keys nobody else has, even with the generation of the hub's file. It takes the hub's keys again
      // before anything is sealed with them — for the next attempt, or whatever the session does next (it
      // follows at its next key-file change when the hub cannot be asked now).
      services.state.keyGeneration = KEYS_NOT_ON_HUB;
      try {
        await openVault(services);
      } catch (followError) {
        // Its own slot replaced elsewhere says more than the refusal; anything else, the first error.
        if (followError instanceof DomainError && followError.messageKey === 'errors:keys_replaced_elsewhere') throw followError;
        services.log.error('keys_follow_failed', { error: followError instanceof Error ? followError.name : 'unknown' });
      }
      const raced = error instanceof DomainError && error.messageKey === 'errors:hub_keys_changed';
      if (!raced || attempt >= 3) throw error;
    }
  }
}

/** A generation no key file has: the next openVault takes the hub's keys (followKeys). */
const KEYS_NOT_ON_HUB = -1;

/** A key file left by a rekey that did not finish (the app stopped in the middle). */
export function pendingKeyFile(services: CoreServices): string | null {
  return existsSync(services.state.paths.nextKeysFile) ? services.state.paths.nextKeysFile : null;
}

/** After an unlock with either key file: the one that opened the database stays, the other goes. */
export function settlePendingRekey(services: CoreServices, openedWithNext: boolean): void {
  const { keysFile, nextKeysFile, dbFile } = services.state.paths;
  if (openedWithNext) renameAndSync(nextKeysFile, keysFile);
  else rmSync(nextKeysFile, { force: true });
  rmSync(`${dbFile}.rekey`, { force: true });
}

/** The sidecar of a new backup: its key sealed to the coordinators (chosen passwords) and the recovery key. */
export async function backupSidecar(services: CoreServices, key: Buffer): Promise<SealedSidecar> {
  const vault = await openVault(services);
  const holders = backupHolders(vault.identities());
  return { format: 'm3desk-backup-keys', version: 1, fileId: vault.fileId, identities: holders, sealed: await seal(key, holders.map((h) => h.recipient)) };
}
