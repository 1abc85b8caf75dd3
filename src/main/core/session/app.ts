import { randomBytes } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import { DomainError } from '../../../shared/errors';
import { passwordDiffersFromUsername } from '../../../shared/passwords';
import type { Contract } from '../../../shared/rpc/contract';
import { appendAudit } from '../audit/chain';
import { BackupError } from '../backup/service';
import { appliedMigrations, migrate } from '../db/migrate';
import { requireSession } from '../db/require';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { readSettings, writeSettings } from '../settings/store';
import { generateRecoveryKey, normalizeRecoveryKey } from '../vault/recovery-key';
import { Vault, VaultFileError } from '../vault/slots';
import { KNOWN_MIGRATIONS, beginSession, dailyBackup, newUserId, openError, openLive } from './unlock';

/** Methods a user with a temporary password may still call. */
export const ALLOWED_WHILE_PASSWORD_CHANGE = new Set([
  'session.status',
  'session.lock',
  'session.heartbeat',
  'session.changePassword',
  'ui.preferences',
  'ui.setLanguage',
  'users.me',
]);

/** The `session.*` area: first-run setup, login, lock, recovery, password change. */
export function registerSessionApp(registry: Registry<Contract>, services: CoreServices): void {
  const { state, throttle } = services;

  const userSummary = () => {
    const s = state.session!;
    return { id: s.userId, username: s.username, displayName: s.displayName, role: s.role };
  };

  const loadVault = (): Vault => {
    try {
      return state.loadVault();
    } catch (error) {
      if (error instanceof VaultFileError) throw new DomainError('INTERNAL', 'errors:keys_damaged');
      throw error;
    }
  };

  /** Refuses while this name is throttled, with the same answer for known and unknown names. */
  const checkThrottle = (tag: string) => {
    const wait = throttle.waitSeconds(tag);
    if (wait > 0) throw new DomainError('AUTH_FAILED', 'errors:login_throttled', { retryAfterSeconds: wait });
  };
  const failed = (tag: string, message = 'errors:AUTH_FAILED'): DomainError => {
    const wait = throttle.recordFailure(tag);
    return new DomainError('AUTH_FAILED', message, wait > 0 ? { retryAfterSeconds: wait } : undefined);
  };

  /**
   * Ends the open session, if any, as a lock does: audited, and announced so
   * that every window shows the lock screen (a login over an open session
   * never leaves the previous person's screens up elsewhere).
   */
  const endSession = async () => {
    if (state.session && state.db) {
      const userId = state.session.userId;
      try {
        await state.db.transaction().execute((trx) =>
          appendAudit(trx, { method: 'session.lock', userId, entityType: null, entityId: null, outcome: 'ok' }, services.now()),
        );
      } catch {
        services.log.error('lock_audit_failed');
      }
    }
    const wasOpen = state.session !== null;
    state.close();
    if (wasOpen) services.emit('locked', { reason: 'manual' });
  };

  /** Checks a username and password against the slot file; returns the master key. */
  const unlockSlot = async (vault: Vault, username: string, password: string) => {
    const tag = vault.tagFor(username);
    checkThrottle(tag);
    const slot = vault.findUserSlot(username);
    if (!slot) {
      await vault.dummyUnwrap(password);
      throw failed(tag);
    }
    const key = await vault.unwrap(slot, password);
    if (!key) throw failed(tag);
    return { key, slot, tag };
  };

  registry.register('session', {
    'session.status': () => {
      const user = state.session;
      if (user) {
        return {
          state: 'unlocked' as const,
          user: userSummary(),
          officeName: state.settings?.officeName || undefined,
          mustChangePassword: user.mustChangePassword ?? false,
          autoLockSeconds: state.autoLockMs() / 1000,
        };
      }
      return { state: state.isSetUp() ? ('locked' as const) : ('setup' as const) };
    },

    'session.setup': async (input) => {
      if (state.isSetUp()) throw new DomainError('CONFLICT', 'errors:setup_done');
      state.close();
      // A database without a key file is a leftover of an interrupted setup: keep it aside, never overwrite.
      if (existsSync(state.paths.dbFile)) {
        const aside = `${state.paths.dbFile}.orphan-${Date.now()}`;
        for (const suffix of ['', '-wal', '-shm']) {
          if (existsSync(state.paths.dbFile + suffix)) renameSync(state.paths.dbFile + suffix, aside + suffix);
        }
      }
      const masterKey = randomBytes(32);
      const recoveryKey = generateRecoveryKey();
      const userId = newUserId();
      const now = services.now().toISOString();
      try {
        try {
          await state.open(masterKey, true);
        } catch (error) {
          throw openError(services, error);
        }
        // Setup starts a new office: it never takes over a database that already holds one.
        if ((await appliedMigrations(state.db!)).length > 0) throw new DomainError('CONFLICT', 'errors:setup_database_in_use');
        await migrate(state.db!, { dialect: state.dialect.migrations });
        await state.db!.transaction().execute(async (trx) => {
          await writeSettings(trx, { officeName: input.officeName, officeLocation: input.officeLocation ?? '' });
          await trx
            .insertInto('users')
            .values({
              id: userId,
              username: input.username,
              display_name: input.displayName,
              role: 'coordinator',
              active: 1,
              must_change_password: 0,
              created_at: now,
              updated_at: now,
              last_login_at: null,
            })
            .execute();
          await appendAudit(trx, { method: 'session.setup', userId, entityType: 'user', entityId: userId, outcome: 'ok' }, services.now());
        });
        state.settings = await readSettings(state.db!);
        // The key file is written last: its existence marks setup as done.
        const vault = Vault.create(state.paths.keysFile, state.kdf);
        await vault.setUserSlot(userId, input.username, input.password, masterKey);
        await vault.setRecoverySlot(normalizeRecoveryKey(recoveryKey)!, masterKey);
        vault.save();
      } catch (error) {
        state.close();
        throw error;
      } finally {
        masterKey.fill(0);
      }
      state.session = { userId, username: input.username, displayName: input.displayName, role: 'coordinator', mustChangePassword: false };
      state.lastActivity = Date.now();
      // No 'unlocked' here: the setup screen still has to show the recovery key.
      services.defer(() => dailyBackup(services));
      return { recoveryKey, user: userSummary() };
    },

    'session.login': async (input) => {
      if (!state.isSetUp()) throw new DomainError('CONFLICT', 'errors:setup_needed');
      await endSession();
      const vault = loadVault();
      const { key, slot, tag } = await unlockSlot(vault, input.username, input.password);
      try {
        await openLive(services, key);
      } finally {
        key.fill(0);
      }
      try {
        await beginSession(services, slot.userId!, 'session.login');
      } catch (error) {
        if (error instanceof DomainError && error.code === 'AUTH_FAILED') throw failed(tag);
        throw error;
      }
      throttle.reset(tag);
      return { user: userSummary(), mustChangePassword: state.session!.mustChangePassword ?? false };
    },

    'session.lock': async () => {
      await endSession();
      return { state: 'locked' as const };
    },

    'session.heartbeat': () => ({ autoLockSeconds: state.autoLockMs() / 1000 }),

    'session.recover': async (input) => {
      if (!state.isSetUp()) throw new DomainError('CONFLICT', 'errors:setup_needed');
      const recoveryKey = normalizeRecoveryKey(input.recoveryKey);
      if (!recoveryKey) {
        throw new DomainError('VALIDATION', 'errors:VALIDATION', {
          issues: [{ path: ['recoveryKey'], message: 'validation:recovery_key_format' }],
        });
      }
      await endSession();
      const vault = loadVault();
      const tag = vault.tagFor(`recovery:${input.username}`);
      checkThrottle(tag);
      const slot = vault.recoverySlot();
      const key = slot ? await vault.unwrap(slot, recoveryKey) : null;
      if (!key) throw failed(tag, 'errors:recovery_failed');
      try {
        await openLive(services, key);
        const user = await state.db!.selectFrom('users').selectAll().where('username', '=', input.username).where('active', '=', 1).executeTakeFirst();
        if (!user) {
          state.close();
          throw failed(tag, 'errors:recovery_failed');
        }
        await vault.setUserSlot(user.id, user.username, input.newPassword, key);
        vault.save();
        await state.db!.updateTable('users').set({ must_change_password: 0, updated_at: services.now().toISOString() }).where('id', '=', user.id).execute();
        await beginSession(services, user.id, 'session.recover');
      } finally {
        key.fill(0);
      }
      throttle.reset(tag);
      return { user: userSummary(), mustChangePassword: false };
    },

    'session.changePassword': async (input, ctx) => {
      const session = requireSession(ctx);
      if (!passwordDiffersFromUsername(input.newPassword, session.username)) {
        throw new DomainError('VALIDATION', 'errors:VALIDATION', {
          issues: [{ path: ['newPassword'], message: 'validation:password_contains_username' }],
        });
      }
      if (input.newPassword === input.currentPassword) {
        throw new DomainError('VALIDATION', 'errors:VALIDATION', {
          issues: [{ path: ['newPassword'], message: 'validation:password_unchanged' }],
        });
      }
      const vault = loadVault();
      const slot = vault.findUserSlot(session.username);
      const key = slot ? await vault.unwrap(slot, input.currentPassword) : null;
      if (!key) {
        throw new DomainError('VALIDATION', 'errors:VALIDATION', {
          issues: [{ path: ['currentPassword'], message: 'validation:current_password_wrong' }],
        });
      }
      try {
        await vault.setUserSlot(session.userId, session.username, input.newPassword, key);
      } finally {
        key.fill(0);
      }
      vault.save();
      await ctx.db!.updateTable('users').set({ must_change_password: 0, updated_at: services.now().toISOString() }).where('id', '=', session.userId).execute();
      ctx.audit('user', session.userId);
      state.session = { ...session, mustChangePassword: false };
      return { ok: true as const };
    },

    'session.restoreLatestBackup': async (input) => {
      if (!state.isSetUp()) throw new DomainError('CONFLICT', 'errors:setup_needed');
      await endSession();
      const vault = loadVault();
      const { key, slot, tag } = await unlockSlot(vault, input.username, input.password);
      try {
        // Restore only when the live file really cannot be opened.
        try {
          await openLive(services, key);
          state.close();
          throw new DomainError('CONFLICT', 'errors:db_not_damaged');
        } catch (error) {
          if (!(error instanceof DomainError && error.messageKey === 'errors:db_damaged')) throw error;
        }
        const candidate = services.backups.list().find((b) => {
          try {
            services.backups.verify(b.name, key, KNOWN_MIGRATIONS);
            return true;
          } catch {
            return false;
          }
        });
        if (!candidate) throw new DomainError('NOT_FOUND', 'errors:no_valid_backup');
        const role = await services.backups.peek(candidate.name, key, async (db) => {
          const user = await db.selectFrom('users').select('role').where('id', '=', slot.userId!).where('active', '=', 1).executeTakeFirst();
          return user?.role;
        });
        if (role !== 'coordinator') throw new DomainError('FORBIDDEN', 'errors:restore_coordinator_only');
        try {
          services.backups.replaceLive(candidate.name, state.paths.dbFile);
        } catch {
          throw new DomainError('INTERNAL', 'errors:restore_failed');
        }
        await openLive(services, key);
        await beginSession(services, slot.userId!, 'session.restoreLatestBackup');
        throttle.reset(tag);
        return { user: userSummary(), mustChangePassword: state.session!.mustChangePassword ?? false, restoredFrom: candidate.name };
      } catch (error) {
        if (error instanceof BackupError) throw new DomainError('INTERNAL', 'errors:restore_failed');
        throw error;
      } finally {
        key.fill(0);
      }
    },
  });
}
