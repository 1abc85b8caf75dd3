import { existsSync, readFileSync, renameSync } from 'node:fs';
import { DomainError } from '../../../shared/errors';
import { passwordDiffersFromUsername } from '../../../shared/passwords';
import type { Contract } from '../../../shared/rpc/contract';
import { roleSchema, type Role } from '../../../shared/roles';
import { appendAudit, auditHead } from '../audit/chain';
import type { QueuedMethod } from '../audit/queue';
import { BackupError } from '../backup/service';
import { fileStorageFailure } from '../db/dialect';
import { appliedMigrations, migrate } from '../db/migrate';
import { requireSession } from '../db/require';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { readSettings, writeSettings } from '../settings/store';
import { EarlyKey } from '../vault/kdf';
import type { Identity } from '../vault/keyfile';
import { passwordWeakness } from '../vault/password-strength';
import { generateRecoveryKey, normalizeRecoveryKey } from '../vault/recovery-key';
import { newDataKeys, Vault, wipeKeys, type DataKeys, type Unlocked } from '../vault/vault';
import { recordHolders, setCaseworkRekeyDue, setRekeyDue } from './holders';
import { loadVault, openVault, pendingKeyFile, rekey, saveVault, settlePendingRekey } from './keys';
import { confirmPassword } from './confirm';
import { restoreBackup } from './restore';
import { openCasework } from '../casework/store';
import { HubError, hubFailure, signInToHub, signInWithRecovery, syncHub } from '../hub/sync';
import { writeFileAtomic } from '../files/atomic';
import { hubLogin } from '../hub/login';
import { OfflineFiles } from '../hub/offline-files';
import { KNOWN_MIGRATIONS, beginSession, dailyBackup, damagedError, newUserId, openError, openLive } from './unlock';

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

/** A login without the hub needs a list of who may, written by this PC while the hub answered at most this long ago. */
const OFFLINE_STAFF_MAX_AGE_MS = 24 * 60 * 60_000;
const CLOCK_SLACK_MS = 5 * 60_000;

/** All uses of the recovery key share one throttle: trying other usernames buys no extra attempts. */
const RECOVERY_THROTTLE = 'recovery';

/** Refuses a weak new password with the reason, at the form field `path`. */
export function requireStrongPassword(password: string, context: { role: Role; username: string; displayName?: string; officeName?: string }, path: string): void {
  if (!passwordDiffersFromUsername(password, context.username)) {
    throw new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: [path], message: 'validation:password_contains_username' }] });
  }
  const weakness = passwordWeakness(password, { role: context.role, userInputs: [context.username, context.displayName ?? '', context.officeName ?? ''] }, path);
  if (weakness) throw new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [weakness] });
}

/** The `session.*` area: first-run setup, login, lock, recovery, password change, the recovery key. */
export function registerSessionApp(registry: Registry<Contract>, services: CoreServices): void {
  const { state, throttle } = services;

  const userSummary = () => {
    const s = state.session!;
    return { id: s.userId, username: s.username, displayName: s.displayName, role: s.role };
  };

  /** Refuses while this name is throttled, with the same answer for known and unknown names. */
  const checkThrottle = (tag: string) => {
    const wait = throttle.waitSeconds(tag);
    if (wait > 0) throw new DomainError('AUTH_FAILED', 'errors:login_throttled', { retryAfterSeconds: wait });
  };
  /** A failed attempt: counted for the throttle and queued for the audit log (the database is closed). */
  const failed = (tag: string, method: QueuedMethod, userId: string | null, message = 'errors:AUTH_FAILED'): DomainError => {
    services.auditQueue.add({ method, userId, outcome: 'AUTH_FAILED' }, services.now());
    const wait = throttle.recordFailure(tag);
    return new DomainError('AUTH_FAILED', message, wait > 0 ? { retryAfterSeconds: wait } : undefined);
  };

  /**
   * Ends the open session, if any, as a lock does: audited, and announced so
   * that every window shows the lock screen (a login over an open session
   * never leaves the previous person's screens up elsewhere).
   */
  const endSession = async () => {
    // Not while the office hub does not answer: the lock would wait for its connect timeout first.
    if (state.session && state.db && state.keys?.audit && state.hubOnline) {
      const userId = state.session.userId;
      const key = state.keys.audit;
      try {
        await state.db.transaction().execute((trx) => appendAudit(trx, { method: 'session.lock', userId, entityType: null, entityId: null, outcome: 'ok' }, services.now(), key));
      } catch {
        services.log.error('lock_audit_failed');
      }
    }
    await services.saveAnchor();
    const wasOpen = state.session !== null;
    state.close();
    if (wasOpen) services.emit('locked', { reason: 'manual' });
  };

  /** The keys openLive needs (every identity holds office and audit), with the case-work file's generation in the key file they came from. */
  const liveKeys = (keys: Partial<DataKeys>, vault: Vault) => ({ office: keys.office!, audit: keys.audit!, casework: keys.casework, generation: vault.caseworkGeneration });

  /**
   * Opens the database with an unlocked identity. When a rekey stopped half
   * way, the next key file may be the one that opens it: that is tried with
   * the same secret, and whichever opened the database is kept. `fromNext`:
   * the secret opened only the next file's identity (its password was changed
   * by that rekey), which works only if the database was already swapped.
   */
  const openUnlocked = async (
    vault: Vault,
    unlocked: Unlocked,
    find: (vault: Vault) => Identity | undefined,
    secret: string,
    fromNext = false,
  ): Promise<{ vault: Vault; unlocked: Unlocked }> => {
    const pending = pendingKeyFile(services);
    if (fromNext) {
      try {
        await openLive(services, liveKeys(unlocked.keys, loadVault(services, pending!)));
      } catch (error) {
        // Not swapped yet: the change did not happen, the old password still holds.
        if (error instanceof DomainError && error.messageKey === 'errors:db_damaged') throw new DomainError('AUTH_FAILED');
        throw error;
      }
      settlePendingRekey(services, true);
      return { vault: loadVault(services), unlocked };
    }
    try {
      await openLive(services, liveKeys(unlocked.keys, vault));
      if (pending) settlePendingRekey(services, false);
      return { vault, unlocked };
    } catch (error) {
      if (!pending || !(error instanceof DomainError && error.messageKey === 'errors:db_damaged')) throw error;
      const next = loadVault(services, pending);
      const identity = find(next);
      const other = identity ? await next.unlock(identity, secret) : null;
      // This secret's key pair was replaced in that rekey (a new password): only the new one opens the swapped file.
      if (!other) throw new DomainError('AUTH_FAILED', 'errors:rekey_unfinished');
      try {
        await openLive(services, liveKeys(other.keys, next));
      } catch (second) {
        wipeKeys(other.keys);
        throw second;
      }
      settlePendingRekey(services, true);
      wipeKeys(unlocked.keys);
      return { vault: loadVault(services), unlocked: other };
    }
  };

  /**
   * A staff member's identity, unlocked with the password; throttled and
   * audited when it fails. While a rekey is unfinished, a password it set
   * opens the identity in the next key file (`fromNext`).
   */
  const unlockUser = async (vault: Vault, username: string, password: string, method: QueuedMethod, early?: EarlyKey) => {
    const tag = vault.tagFor(username);
    checkThrottle(tag);
    const pending = pendingKeyFile(services);
    const candidates = [vault, ...(pending ? [loadVault(services, pending)] : [])];
    let unlocked: Unlocked | null = null;
    let fromNext = false;
    let known: Identity | undefined;
    for (const [index, file] of candidates.entries()) {
      const identity = file.findUser(username);
      if (!identity) continue;
      known ??= identity;
      unlocked = await file.unlock(identity, password, early);
      if (unlocked) {
        fromNext = index > 0;
        break;
      }
    }
    if (!known) {
      await vault.dummyUnlock(password);
      throw failed(tag, method, null);
    }
    if (!unlocked) throw failed(tag, method, known.userId);
    const identity = unlocked.identity;
    if (identity.temporaryUntil && new Date(identity.temporaryUntil).getTime() < services.now().getTime()) {
      wipeKeys(unlocked.keys);
      services.auditQueue.add({ method, userId: identity.userId, outcome: 'TEMPORARY_EXPIRED' }, services.now());
      throw new DomainError('AUTH_FAILED', 'errors:temporary_password_expired');
    }
    return { unlocked, tag, fromNext };
  };

  /**
   * On the office hub the password first opens the account's own database
   * login (and brings the office's key file from the hub); a refusal counts
   * like a failed login. Meanwhile this PC's copy of the key file is opened
   * ahead (two scrypts of the password at once): the derivation is returned
   * for the unlock, which derives again only if the hub's copy has another
   * salt (the password was changed on another PC).
   */
  const signInHub = async (username: string, password: string): Promise<EarlyKey> => {
    const local = loadVault(services);
    const tag = local.tagFor(username);
    checkThrottle(tag);
    const known = local.findUser(username);
    // An unknown name spends the same work, so a refusal takes as long for it as for a wrong password.
    const early = known ? EarlyKey.forSlot(password, known.kdf, state.kdf) : EarlyKey.spent(password, state.kdf);
    try {
      await signIn(username, password, tag, early);
      return early;
    } catch (error) {
      // The refusal comes once the work is over: one derivation per attempt at most, none left running.
      await early.discard();
      throw error;
    }
  };
  const signIn = async (username: string, password: string, tag: string, early: EarlyKey) => {
    try {
      try {
        await signInToHub(services, username, password);
      } catch (error) {
        // On the hub PC, an account moved from the single PC gets its login at its first login here.
        if (!(error instanceof HubError && error.kind === 'auth' && (await firstLoginAtHub(username, password, early)))) throw error;
        await signInToHub(services, username, password);
      }
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      if (error.kind === 'auth') throw failed(tag, 'session.login', null);
      throw hubFailure(error);
    }
  };

  /**
   * The hub does not answer: on a PC whose counter kept lists of events, a
   * staff member gets a session on this PC alone, opened with this PC's copy
   * of the key file (throttled and audited like any login), in which only
   * the counter works — from those lists and this PC's journal (hub/link.ts).
   * It ends when the hub answers again; the login then replays the journal.
   */
  const loginWithoutHub = async (username: string, password: string, refusal: DomainError) => {
    const files = new OfflineFiles(state.paths.dataDir);
    if (!files.hasSnapshots()) throw refusal;
    const { unlocked, tag } = await unlockUser(loadVault(services), username, password, 'session.login');
    const { identity } = unlocked;
    // Only an account active on the hub lately, with the key slot the hub had for it then (OfflineStaff): this
    // PC's copy of the key file may still hold a slot the hub has dropped or replaced since, or one added by hand.
    const fileKey = OfflineFiles.keyFrom(unlocked.keys.audit!);
    const kept = files.staff(fileKey);
    // Not older than a day, and not from the future (a clock set back would make any list look new).
    const age = kept ? services.now().getTime() - Date.parse(kept.at) : NaN;
    const fresh = kept && age < OFFLINE_STAFF_MAX_AGE_MS && age > -CLOCK_SLACK_MS ? kept : null;
    const listed = fresh?.staff.find((s) => s.userId === identity.userId && s.recipient === identity.recipient);
    const role = roleSchema.safeParse(listed?.role);
    // A temporary password is changed on the hub before anything else: no counter without it.
    if (!listed || !role.success || identity.temporaryUntil || !identity.userId) {
      wipeKeys(unlocked.keys);
      fileKey.fill(0);
      // A recent list that names this account otherwise (deactivated, or a password changed or reset since):
      // a failed login, throttled and audited; without a recent list the hub is needed, as it is for a temporary password.
      if (fresh && !listed) throw failed(tag, 'session.login', identity.userId);
      throw refusal;
    }
    try {
      // Sealed on this PC (and synced) before the session opens, in the audit log at the next login on the hub.
      files.addLogin(fileKey, { userId: identity.userId, at: services.now().toISOString() });
    } catch (error) {
      wipeKeys(unlocked.keys);
      throw new DomainError(fileStorageFailure(error) === 'readonly' ? 'STORAGE_READONLY' : 'STORAGE_FULL');
    } finally {
      fileKey.fill(0);
    }
    // Only what the counter's files need is held (hub/offline-counter.ts derives their key from the audit key).
    state.hold({ audit: unlocked.keys.audit! }, null);
    wipeKeys(unlocked.keys);
    state.hubOnline = false;
    state.offlineSettings = { autoLockMinutes: fresh!.autoLockMinutes, officeName: fresh!.officeName };
    // The account's own hub login: hub/link.ts tries it until the hub answers, and this session ends then.
    state.hubLogin = hubLogin(username, password);
    // The key file knows no display names: the username stands in.
    state.session = { userId: identity.userId, username, displayName: username, role: role.data, mustChangePassword: false, offline: true };
    state.lastActivity = Date.now();
    throttle.reset(tag);
    services.log.info('offline_login');
    services.emit('unlocked');
    return { user: userSummary(), mustChangePassword: false };
  };

  /**
   * The recovery key's database login on the hub, opened with the unlocked
   * recovery identity (the key was right: a refusal means this PC's copy of
   * the seal is out of date).
   */
  const signInHubWithRecovery = async (unlocked: Unlocked) => {
    let signedIn: boolean;
    try {
      signedIn = await signInWithRecovery(services, unlocked.privateKey);
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      // The key opened this PC's copies, but the hub has sealed a new password since this PC's last login.
      if (error.kind === 'auth') throw new DomainError('CONFLICT', 'errors:hub_recovery_stale');
      throw hubFailure(error);
    } finally {
      wipeKeys(unlocked.keys);
    }
    if (!signedIn) throw new DomainError('CONFLICT', 'errors:hub_recovery_unavailable');
  };

  /** The password opens the account's slot in the key file: then its database login is set (only one that has none yet). */
  const firstLoginAtHub = async (username: string, password: string, early: EarlyKey): Promise<boolean> => {
    const host = services.hubHost;
    if (!host) return false;
    const vault = loadVault(services);
    const identity = vault.findUser(username);
    if (!identity?.userId) return false;
    const unlocked = await vault.unlock(identity, password, early);
    if (!unlocked) return false;
    wipeKeys(unlocked.keys);
    // A temporary password's login ends with it, as anywhere on the hub.
    const until = identity.temporaryUntil ? new Date(identity.temporaryUntil) : null;
    return host.firstLogin(identity.userId, username, password, until).catch(() => false);
  };

  /** What the logged-in person must see; a damaged page found in the background is for coordinators. */
  const notices = () =>
    state.pagesDamaged && state.session?.role === 'coordinator' ? [...state.notices, { kind: 'pages_damaged' as const, at: null, userName: null }] : state.notices;

  registry.register('session', {
    'session.status': () => {
      const user = state.session;
      if (user) {
        return {
          state: 'unlocked' as const,
          user: userSummary(),
          officeName: state.settings?.officeName || state.offlineSettings?.officeName || undefined,
          mustChangePassword: user.mustChangePassword ?? false,
          ...(user.offline ? { offline: true } : {}),
          autoLockSeconds: state.autoLockMs() / 1000,
          ...(notices().length > 0 ? { notices: notices() } : {}),
        };
      }
      return { state: state.isSetUp() ? ('locked' as const) : ('setup' as const) };
    },

    'session.setup': async (input) => {
      if (state.isSetUp()) throw new DomainError('CONFLICT', 'errors:setup_done');
      requireStrongPassword(input.password, { role: 'coordinator', username: input.username, displayName: input.displayName, officeName: input.officeName }, 'password');
      state.close();
      // A database without a key file is a leftover of an interrupted setup: keep it aside, never overwrite.
      if (existsSync(state.paths.dbFile)) {
        const aside = `${state.paths.dbFile}.orphan-${Date.now()}`;
        for (const suffix of ['', '-wal', '-shm']) {
          if (existsSync(state.paths.dbFile + suffix)) renameSync(state.paths.dbFile + suffix, aside + suffix);
        }
      }
      const keys = newDataKeys();
      const recoveryKey = generateRecoveryKey();
      const userId = newUserId();
      const now = services.now();
      let unlocked: Unlocked | null;
      const vault = Vault.create(state.paths.keysFile, state.kdf);
      try {
        try {
          await state.open(keys.office, true);
        } catch (error) {
          throw openError(services, error);
        }
        // Setup starts a new office: it never takes over a database that already holds one.
        if ((await appliedMigrations(state.db!)).length > 0) throw new DomainError('CONFLICT', 'errors:setup_database_in_use');
        await migrate(state.db!, { dialect: state.dialect.migrations });
        await openCasework(services, keys.casework, vault.caseworkGeneration, true);
        if (!state.caseworkReady) throw new DomainError('INTERNAL', 'errors:casework_unavailable');
        await vault.setUser({ userId, username: input.username, role: 'coordinator', secret: input.password, temporaryUntil: null }, keys);
        await vault.setRecovery(normalizeRecoveryKey(recoveryKey)!, keys);
        await state.db!.transaction().execute(async (trx) => {
          await recordHolders(trx, vault.identities());
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
              created_at: now.toISOString(),
              updated_at: now.toISOString(),
              last_login_at: now.toISOString(),
            })
            .execute();
          await appendAudit(trx, { method: 'session.setup', userId, entityType: 'user', entityId: userId, outcome: 'ok' }, now, keys.audit);
        });
        state.settings = await readSettings(state.db!);
        unlocked = await vault.unlock(vault.user(userId)!, input.password);
        // The key file is written last: its existence marks setup as done.
        vault.save();
      } catch (error) {
        state.close();
        throw error;
      } finally {
        wipeKeys(keys);
      }
      state.hold(unlocked!.keys, { entry: unlocked!.identity, privateKey: unlocked!.privateKey });
      wipeKeys(unlocked!.keys);
      state.session = { userId, username: input.username, displayName: input.displayName, role: 'coordinator', mustChangePassword: false };
      state.fileId = vault.fileId;
      state.lastActivity = Date.now();
      // No 'unlocked' here: the setup screen still has to show the recovery key.
      dailyBackup(services);
      return { recoveryKey, user: userSummary() };
    },

    'session.login': async (input) => {
      if (!state.isSetUp()) throw new DomainError('CONFLICT', 'errors:setup_needed');
      await endSession();
      let early: EarlyKey | undefined;
      try {
        early = state.dialect.hub ? await signInHub(input.username, input.password) : undefined;
      } catch (error) {
        if (error instanceof DomainError && error.messageKey === 'errors:hub_unreachable') return loginWithoutHub(input.username, input.password, error);
        throw error;
      }
      let vault: Vault;
      let found: Awaited<ReturnType<typeof unlockUser>>;
      try {
        vault = loadVault(services);
        found = await unlockUser(vault, input.username, input.password, 'session.login', early);
      } finally {
        // Not taken (the hub's copy has a new salt, a damaged copy): wiped.
        void early?.discard();
      }
      const { unlocked, tag, fromNext } = found;
      const opened = await openUnlocked(vault, unlocked, (v) => v.findUser(input.username), input.password, fromNext).catch((error: unknown) => {
        wipeKeys(unlocked.keys);
        throw error;
      });
      await beginSession(services, opened.vault, opened.unlocked, 'session.login');
      throttle.reset(tag);
      return { user: userSummary(), mustChangePassword: state.session!.mustChangePassword ?? false };
    },

    'session.lock': async () => {
      await endSession();
      return { state: 'locked' as const };
    },

    'session.heartbeat': () => ({ autoLockSeconds: state.autoLockMs() / 1000 }),

    /**
     * Sets a new password with the printed recovery key. Its holder could be
     * anyone who found the printout: the keys are replaced, the new password
     * is temporary (changed at once), and every coordinator is told at their
     * next login.
     */
    'session.recover': async (input) => {
      if (!state.isSetUp()) throw new DomainError('CONFLICT', 'errors:setup_needed');
      const recoveryKey = normalizeRecoveryKey(input.recoveryKey);
      if (!recoveryKey) {
        throw new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: ['recoveryKey'], message: 'validation:recovery_key_format' }] });
      }
      await endSession();
      checkThrottle(RECOVERY_THROTTLE);
      const unlockRecovery = async () => {
        const vault = loadVault(services);
        const identity = vault.recovery();
        const unlocked = identity ? await vault.unlock(identity, recoveryKey) : null;
        if (!unlocked) throw failed(RECOVERY_THROTTLE, 'session.recover', null, 'errors:recovery_failed');
        return { vault, unlocked };
      };
      let { vault, unlocked } = await unlockRecovery();
      if (state.dialect.hub) {
        // On the hub the recovery key first opens its own database login, which brings the hub's key file.
        await signInHubWithRecovery(unlocked);
        ({ vault, unlocked } = await unlockRecovery().catch((error: unknown) => {
          state.close();
          throw error;
        }));
      }
      const opened = await openUnlocked(vault, unlocked, (v) => v.recovery(), recoveryKey).catch((error: unknown) => {
        wipeKeys(unlocked.keys);
        // Nothing of the recovery login (on the hub) stays in memory.
        state.close();
        throw error;
      });
      const user = await state.db!.selectFrom('users').selectAll().where('username', '=', input.username).where('active', '=', 1).executeTakeFirst();
      if (!user) {
        wipeKeys(opened.unlocked.keys);
        state.close();
        throw failed(RECOVERY_THROTTLE, 'session.recover', null, 'errors:recovery_failed');
      }
      try {
        requireStrongPassword(input.newPassword, { role: user.role as Role, username: user.username, displayName: user.display_name }, 'newPassword');
      } catch (error) {
        wipeKeys(opened.unlocked.keys);
        state.close();
        throw error;
      }
      // The recovery identity holds every key: with it the keys are replaced and the new password set.
      state.hold(opened.unlocked.keys, { entry: opened.unlocked.identity, privateKey: opened.unlocked.privateKey });
      // Which keys these are: on the hub, a key change by another PC meanwhile is followed (session/keys.ts).
      state.keyGeneration = opened.vault.generation;
      wipeKeys(opened.unlocked.keys);
      try {
        // Recorded and flagged before anything changes (the re-encrypted copy carries both): however the
        // key change ends, every coordinator is told, and nobody keeps a password that need not be changed.
        const auditKey = state.keys!.audit!;
        await state.db!.transaction().execute(async (trx) => {
          await trx.updateTable('users').set({ must_change_password: 1, updated_at: services.now().toISOString() }).where('id', '=', user.id).execute();
          await appendAudit(trx, { method: 'session.recover', userId: user.id, entityType: 'user', entityId: user.id, outcome: 'ok' }, services.now(), auditKey);
        });
        // The new password is the recovering person's own choice, not one read out to them: it is no
        // temporary password (which backups never hold), but it must be changed at once (flag above).
        await rekey(services, (v, keys) => v.setUser({ userId: user.id, username: user.username, role: user.role as Role, secret: input.newPassword, temporaryUntil: null }, keys));
        // On the hub the new password opens the account's database login, sent with the new key file.
        await syncHub(services, [{ userId: user.id, username: user.username, password: input.newPassword }]);
      } catch (error) {
        state.close();
        throw error;
      }
      // The password is set: from here on a failure is no failed recovery.
      throttle.reset(RECOVERY_THROTTLE);
      if (state.dialect.hub) {
        // The session is the person's own, on their own database login: the recovery login's connections end.
        state.close();
        await signInToHub(services, user.username, input.newPassword).catch((error: unknown) => {
          // The new password holds: the person logs in with it once the hub answers.
          throw error instanceof HubError ? new DomainError('INTERNAL', 'errors:hub_recovered_log_in') : error;
        });
      }
      const after = loadVault(services);
      const own = await after.unlock(after.user(user.id)!, input.newPassword);
      if (!own) {
        state.close();
        throw new DomainError('INTERNAL');
      }
      if (state.dialect.hub) {
        const reopened = await openUnlocked(after, own, (v) => v.user(user.id), input.newPassword).catch((error: unknown) => {
          wipeKeys(own.keys);
          throw error;
        });
        await beginSession(services, reopened.vault, reopened.unlocked, 'session.recover', { recorded: true });
      } else await beginSession(services, after, own, 'session.recover', { recorded: true });
      return { user: userSummary(), mustChangePassword: true };
    },

    'session.changePassword': async (input, ctx) => {
      const session = requireSession(ctx);
      if (input.newPassword === input.currentPassword) {
        throw new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: ['newPassword'], message: 'validation:password_unchanged' }] });
      }
      requireStrongPassword(input.newPassword, { role: session.role, username: session.username, displayName: session.displayName, officeName: state.settings?.officeName }, 'newPassword');
      const vault = await openVault(services);
      await confirmPassword(services, vault, session, input.currentPassword, 'currentPassword');
      if (state.allKeys()) {
        // A coordinator holds every key: they are replaced at once, so the old password opens nothing, not even an old copy.
        await rekey(services, (v, keys) => v.renewUser(session.userId, input.newPassword, keys));
      } else {
        await vault.renewUser(session.userId, input.newPassword, state.keys ?? {});
        // Until the keys are replaced, an old copy of the key file still opens with the old password:
        // the next coordinator login does it (marked before the file is written, so a crash cannot skip it).
        // A caseworker's old key pair opened the casework key too: that key is replaced then as well.
        await saveVault(services, vault, state.keys?.casework ? setCaseworkRekeyDue : setRekeyDue);
      }
      const after = loadVault(services);
      const own = await after.unlock(after.user(session.userId)!, input.newPassword);
      if (!own) throw new DomainError('INTERNAL');
      state.hold(own.keys, { entry: own.identity, privateKey: own.privateKey });
      wipeKeys(own.keys);
      // On the hub the new password opens the account's database login from now on (key file and login change together).
      await syncHub(services, [{ userId: session.userId, username: session.username, password: input.newPassword }]);
      if (state.dialect.hub) state.hubLogin = hubLogin(session.username, input.newPassword);
      await state.db!.updateTable('users').set({ must_change_password: 0, updated_at: services.now().toISOString() }).where('id', '=', session.userId).execute();
      ctx.audit('user', session.userId);
      state.session = { ...session, mustChangePassword: false };
      return { ok: true as const };
    },

    'session.replaceRecoveryKey': async (input, ctx) => {
      const session = requireSession(ctx);
      await confirmPassword(services, await openVault(services), session, input.password, 'password');
      const recoveryKey = generateRecoveryKey();
      // On the hub (whose copy openVault just took) the key counts only once the hub has it.
      const hubCopy = state.dialect.hub ? readFileSync(state.paths.keysFile) : null;
      await rekey(services, (v, keys) => v.setRecovery(normalizeRecoveryKey(recoveryKey)!, keys));
      if (hubCopy) {
        try {
          // The new key file, with the recovery login sealed to the new key: the old key opens neither.
          await syncHub(services);
        } catch (error) {
          // Not on the hub: the key is never shown, this PC goes back to the hub's key file (the old key stays
          // valid), and the session — whose keys the hub never got — ends.
          writeFileAtomic(state.paths.keysFile, hubCopy);
          state.close();
          services.emit('locked', { reason: 'manual' });
          throw error instanceof DomainError ? error : new DomainError('INTERNAL', 'errors:hub_unreachable');
        }
      }
      ctx.audit('user', session.userId);
      return { recoveryKey };
    },

    'session.acceptRollback': async (_input, ctx) => {
      requireSession(ctx);
      state.anchorOnHold = false;
      state.notices = state.notices.filter((n) => n.kind !== 'rolled_back');
      const head = await auditHead(ctx.db!);
      services.anchor.write({ fileId: loadVault(services).fileId, ...head });
      ctx.audit('settings', null);
      return { ok: true as const };
    },

    'session.restoreLatestBackup': async (input) => {
      if (!state.isSetUp()) throw new DomainError('CONFLICT', 'errors:setup_needed');
      await endSession();
      const vault = loadVault(services);
      const { unlocked, tag, fromNext } = await unlockUser(vault, input.username, input.password, 'session.restoreLatestBackup');
      // Restore only when the live file really cannot be opened — with the current keys, nor with those of an unfinished key change.
      try {
        await openUnlocked(vault, unlocked, (v) => v.findUser(input.username), input.password, fromNext);
        state.close();
        wipeKeys(unlocked.keys);
        throw new DomainError('CONFLICT', 'errors:db_not_damaged');
      } catch (error) {
        if (!(error instanceof DomainError && error.messageKey === 'errors:db_damaged')) {
          wipeKeys(unlocked.keys);
          throw error;
        }
      }
      // An unfinished key change's file may be the only one that opens what is live: never restored over.
      if (pendingKeyFile(services)) {
        wipeKeys(unlocked.keys);
        throw new DomainError('CONFLICT', 'errors:rekey_unfinished');
      }
      if (unlocked.identity.role !== 'coordinator') {
        wipeKeys(unlocked.keys);
        throw new DomainError('FORBIDDEN', 'errors:restore_coordinator_only');
      }
      let restoredFrom: string | null = null;
      // A backup still being made (and its prune) first: the list below is then the one that stays.
      await services.settled();
      for (const candidate of services.backups.list()) {
        try {
          const key = await services.backups.keyFor(candidate.name, unlocked.privateKey);
          try {
            services.backups.verify(candidate.name, key, KNOWN_MIGRATIONS, unlocked.keys.audit!);
          } finally {
            key.fill(0);
          }
          restoredFrom = candidate.name;
          break;
        } catch {
          // the next older one
        }
      }
      if (!restoredFrom) {
        wipeKeys(unlocked.keys);
        throw new DomainError('NOT_FOUND', 'errors:no_valid_backup');
      }
      try {
        wipeKeys(await restoreBackup(services, vault, unlocked, restoredFrom));
      } catch (error) {
        state.close();
        if (error instanceof BackupError) throw new DomainError('INTERNAL', 'errors:restore_failed');
        throw error;
      } finally {
        wipeKeys(unlocked.keys);
      }
      // restoreBackup left the restored database open under the new keys; the session starts on it.
      const after = loadVault(services);
      const own = await after.unlock(after.user(unlocked.identity.userId!)!, input.password);
      if (!own) {
        state.close();
        throw damagedError(services);
      }
      await beginSession(services, after, own, 'session.restoreLatestBackup');
      throttle.reset(tag);
      return { user: userSummary(), mustChangePassword: state.session!.mustChangePassword ?? false, restoredFrom };
    },
  });
}
