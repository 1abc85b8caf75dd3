import { existsSync, renameSync } from 'node:fs';
import { DomainError } from '../../../shared/errors';
import { auditHead } from '../audit/chain';
import { renameAndSync } from '../files/atomic';
import type { CoreServices } from '../services';
import { replacedKeys, wipeKeys, type DataKeys, type Unlocked, type Vault } from '../vault/vault';
import { recordHolders } from './holders';
import { backupSidecar } from './keys';
import { KNOWN_MIGRATIONS, openLive } from './unlock';

/**
 * Puts a backup in place of the live database, re-encrypted under new keys
 * sealed to today's holders: no password that was revoked before the restore
 * opens anything after it. The next key file is written first and promoted
 * last (as in a rekey). The audit chain's head outside the data folder moves
 * to the restored one, so the older database is no alarm. Needs a
 * coordinator's (or the recovery key's) identity; answers the new keys (the
 * caller holds or wipes them); leaves the database open.
 *
 * What was live is kept: an open database as a backup of its own ("before
 * restore", under its own key like every backup — a copy under the old office
 * key would open again with a revoked password); a damaged one, which cannot
 * be backed up, as a copy beside it.
 */
export async function restoreBackup(services: CoreServices, vault: Vault, unlocked: Unlocked, name: string): Promise<DataKeys> {
  const { state, backups } = services;
  const keys = unlocked.keys;
  if (!keys.office || !keys.admin || !keys.audit) throw new DomainError('FORBIDDEN', 'errors:restore_coordinator_only');
  const backupKey = await backups.keyFor(name, unlocked.privateKey);
  const next = replacedKeys(keys as DataKeys);
  try {
    backups.verify(name, backupKey, KNOWN_MIGRATIONS);
    // A key file of an unfinished key change may be the only one that opens what is live: kept, never overwritten.
    if (existsSync(state.paths.nextKeysFile)) renameSync(state.paths.nextKeysFile, `${state.paths.nextKeysFile}.kept-${Date.now()}`);
    // Not pruned now: with few backups kept, pruning could remove the one being restored.
    const liveKept = state.store ? await backups.create(state.store, 'restore', Number.MAX_SAFE_INTEGER, (key) => backupSidecar(services, key)) : null;
    await vault.replaceKeys(next);
    vault.saveTo(state.paths.nextKeysFile);
    await state.closeStore();
    backups.replaceLive(name, state.paths.dbFile, { backup: backupKey, office: next.office }, liveKept ? 'drop' : 'keep-aside');
    renameAndSync(state.paths.nextKeysFile, state.paths.keysFile);
  } catch (error) {
    wipeKeys(next);
    throw error;
  } finally {
    backupKey.fill(0);
  }
  await openLive(services, next.office);
  // The restored database holds the key holders of its day; today's are the ones the new keys were sealed to.
  await recordHolders(state.db!, vault.identities());
  services.anchor.write({ fileId: vault.fileId, ...(await auditHead(state.db!)) });
  return next;
}
