import { DomainError } from '../../../shared/errors';
import type { Contract } from '../../../shared/rpc/contract';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { KNOWN_MIGRATIONS, openLive } from '../session/unlock';
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
    'backup.create': (_input, ctx) => {
      if (!state.store) throw new DomainError('LOCKED');
      try {
        const info = backups.create(state.store, 'manual', keep());
        ctx.audit('backup', info.name);
        return info;
      } catch (error) {
        if (error instanceof BackupError && error.reason === 'unavailable') throw new DomainError('CONFLICT', 'errors:backup_unavailable');
        if (error instanceof BackupError) throw new DomainError('INTERNAL', 'errors:backup_failed');
        throw error;
      }
    },
    'backup.restore': async (input, ctx) => {
      const key = state.masterKey ? Buffer.from(state.masterKey) : null;
      const session = state.session;
      if (!key || !session) throw new DomainError('LOCKED');
      try {
        try {
          backups.verify(input.name, key, KNOWN_MIGRATIONS);
        } catch (error) {
          if (error instanceof BackupError && error.reason === 'unavailable') throw new DomainError('CONFLICT', 'errors:backup_unavailable');
          if (error instanceof BackupError && error.reason === 'newer') throw new DomainError('CONFLICT', 'errors:backup_newer');
          if (error instanceof BackupError && error.reason === 'missing') throw new DomainError('NOT_FOUND', 'errors:backup_missing');
          throw new DomainError('CONFLICT', 'errors:backup_invalid');
        }
        // Only now, with a backup proven good, is the live file replaced (and kept aside).
        const settings = state.settings;
        state.close();
        try {
          backups.replaceLive(input.name, state.paths.dbFile);
        } finally {
          await openLive(services, key);
        }
        state.session = session;
        state.settings = state.settings ?? settings;
        ctx.audit('backup', input.name);
        // The whole database was replaced: every screen reloads what it shows.
        ctx.changed('*');
        return { restoredFrom: input.name };
      } finally {
        key.fill(0);
      }
    },
  });
}
