import { existsSync, renameSync } from 'node:fs';
import { DomainError } from '../../../shared/errors';
import { auditHead } from '../audit/chain';
import { renameAndSync } from '../files/atomic';
import type { CoreServices } from '../services';
import { replacedKeys, wipeKeys, type DataKeys, type Unlocked, type Vault } from '../vault/vault';
import { dropUnknown, holdersKept, readHolders, recordHolders } from './holders';
import { backupSidecar } from './keys';
import { KNOWN_MIGRATIONS, openLive } from './unlock';

/**
 * Puts a backup in place of the live database, re-encrypted under new keys
 * sealed to today's holders: no password that was revoked before the restore
 * opens anything after it. The next key file is written first and promoted
 * last (as in a rekey). The audit chain's head outside the data folder moves
 * to the restored one, so the older database is no alarm. Needs a
 * coordinator's (or the recovery key's) identity; answers the new keys (the
 * caller holds or wipes them); leaves the database open. The restored file
 * holds today's key holders from the moment it is swapped in.
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
  // A backup being made reads the file that is about to be replaced; its prune may remove old backups,
  // so the chosen one is looked up only afterwards.
  await services.settled();
  const backupKey = await backups.keyFor(name, unlocked.privateKey);
  const next = replacedKeys({ audit: keys.audit });
  const caseworkFrom = keys.casework ? { generation: vault.caseworkGeneration, key: keys.casework } : null;
  let restoredCasework = false;
  try {
    backups.verify(name, backupKey, KNOWN_MIGRATIONS, keys.audit);
    if (!state.store && holdersKept(services)) {
      // The live database cannot vouch for the key file (it is damaged): the backup's record of the
      // key holders does, so an identity added to the file by hand receives none of the new keys.
      // The restoring coordinator's own identity stays (their password may have changed since).
      const dropped = dropUnknown(await backups.peek(name, backupKey, readHolders), vault, unlocked.identity.id);
      if (dropped.length > 0) services.log.error('key_file_unknown_identities', { count: dropped.length });
    }
    // A key file of an unfinished key change may be the only one that opens what is live: kept, never overwritten.
    if (existsSync(state.paths.nextKeysFile)) renameSync(state.paths.nextKeysFile, `${state.paths.nextKeysFile}.kept-${Date.now()}`);
    // Not pruned now: with few backups kept, pruning could remove the one being restored.
    const liveKept = state.store ? await backups.create(state.store, 'restore', Number.MAX_SAFE_INTEGER, (key) => backupSidecar(services, key), keys.audit) : null;
    await vault.replaceKeys(next);
    vault.saveTo(state.paths.nextKeysFile);
    await state.closeStore();
    // A live case-work file that cannot be read is kept aside (never deleted; see sweepCasework) and case
    // work says it is unavailable; the restore goes on.
    // A backup with case work restores it with the rest (a pair); one made without the casework key carries the
    // live case-work file forward under the new key.
    if (state.dialect.files && backups.hasCasework(name)) {
      // Today's case work that no backup holds (the session's store was damaged, or its case work did not
      // open) is kept beside, like a damaged main file — never swept away by the restored pair.
      if (caseworkFrom && !liveKept?.casework) state.dialect.files.keepCaseworkAside(caseworkFrom.generation);
      backups.restoreCasework(name, backupKey, state.dialect.files.caseworkFile(vault.caseworkGeneration), next.casework);
      restoredCasework = true;
    } else if (caseworkFrom) {
      await state.dialect.files?.copyCasework(caseworkFrom, { generation: vault.caseworkGeneration, key: next.casework }).catch((error: unknown) => {
        services.log.error('casework_restore_copy_failed', { error: error instanceof Error ? error.name : 'unknown' });
      });
    }
    const holders = vault.identities();
    await backups.replaceLive(name, state.paths.dbFile, { backup: backupKey, office: next.office }, liveKept ? 'drop' : 'keep-aside', async (files, copy) => {
      if (holdersKept(services)) await files.write(copy, next.office, async (db) => ((await readHolders(db)) !== null ? recordHolders(db, holders) : undefined));
    });
    renameAndSync(state.paths.nextKeysFile, state.paths.keysFile);
  } catch (error) {
    wipeKeys(next);
    throw error;
  } finally {
    backupKey.fill(0);
  }
  await openLive(services, { ...next, generation: vault.caseworkGeneration, createCasework: !caseworkFrom && !restoredCasework });
  services.state.pagesDamaged = false;
  // A backup from before the record existed gets it now (its migrations ran in openLive).
  if (holdersKept(services) && (await readHolders(state.db!)) === null) await recordHolders(state.db!, vault.identities());
  services.anchor.write({ fileId: vault.fileId, ...(await auditHead(state.db!)) });
  return next;
}
