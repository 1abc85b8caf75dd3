import { DomainError } from '../../../shared/errors';
import type { Contract } from '../../../shared/rpc/contract';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { backupSidecar, openVault } from '../session/keys';
import { restoreBackup } from '../session/restore';
import { wipeKeys } from '../vault/vault';
import { BackupError } from './service';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The `backup.*` area: encrypted backups on demand, their status, and a checked restore. */
export function registerBackupApp(registry: Registry<Contract>, services: CoreServices): void {
  const { state, backups } = services;
  const keep = () => state.settings?.backupKeep ?? 14;

  registry.register('backup', {
    'backup.status': () => {
      const newest = backups.list()[0];
      const last = newest ? newest.createdAt : null;
      return {
        available: backups.available,
        lastBackupAt: last,
        stale: backups.available && (!last || services.now().getTime() - new Date(last).getTime() > WEEK_MS),
        dir: backups.dir,
        keep: keep(),
      };
    },
    'backup.list': () => ({ items: backups.list() }),
    'backup.create': async (_input, ctx) => {
      const auditKey = state.keys?.audit;
      if (!state.store || !auditKey) throw new DomainError('LOCKED');
      try {
        const info = await backups.create(state.store, 'manual', keep(), (key) => backupSidecar(services, key), auditKey);
        ctx.audit('backup', info.name);
        return info;
      } catch (error) {
        throw backupRefusal(error, 'errors:backup_failed');
      }
    },
    'backup.restore': async (input, ctx) => {
      const session = state.session;
      const identity = state.identity;
      const keys = state.allKeys();
      if (!session || !identity || !keys) throw new DomainError('LOCKED');
      if (!backups.available) throw new DomainError('CONFLICT', 'errors:backup_unavailable');
      const vault = await openVault(services);
      const unlocked = { identity: identity.entry, privateKey: identity.privateKey, keys };
      let next;
      try {
        // Checked (key, integrity, schema) before anything is replaced; what was live becomes a backup.
        next = await restoreBackup(services, vault, unlocked, input.name);
      } catch (error) {
        // Nothing was replaced while the database is still open; otherwise the session ends and the next login sorts it out.
        if (!state.store) {
          state.close();
          services.emit('locked', { reason: 'manual' });
        }
        throw backupRefusal(error, 'errors:restore_failed');
      }
      state.hold(next, identity);
      wipeKeys(next);
      ctx.audit('backup', input.name);
      // The whole database was replaced: every screen reloads what it shows.
      ctx.changed('*');
      // The restored day may not know this account as a coordinator: then the session ends here.
      const self = await state.db!.selectFrom('users').select(['role', 'active']).where('id', '=', session.userId).executeTakeFirst();
      if (!self || self.active !== 1 || self.role !== 'coordinator') {
        state.close();
        services.emit('locked', { reason: 'manual' });
      }
      return { restoredFrom: input.name };
    },
  });
}

/** A backup's failure as the user reads it. */
function backupRefusal(error: unknown, fallback: string): unknown {
  if (error instanceof DomainError) return error;
  if (!(error instanceof BackupError)) return error;
  switch (error.reason) {
    case 'unavailable':
      return new DomainError('CONFLICT', 'errors:backup_unavailable');
    case 'newer':
      return new DomainError('CONFLICT', 'errors:backup_newer');
    case 'missing':
      return new DomainError('NOT_FOUND', 'errors:backup_missing');
    case 'not_yours':
      return new DomainError('FORBIDDEN', 'errors:backup_not_yours');
    case 'invalid':
      return new DomainError('CONFLICT', 'errors:backup_invalid');
    default:
      return new DomainError('INTERNAL', fallback);
  }
}
