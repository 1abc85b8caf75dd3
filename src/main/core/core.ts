import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fail, type RpcResult } from '../../shared/errors';
import { contract } from '../../shared/rpc/contract';
import type { MethodSpec } from '../../shared/rpc/define';
import { fileAnchorStore, type AnchorStore } from './audit/anchor';
import { appendAudit, auditHead } from './audit/chain';
import { AuditQueue } from './audit/queue';
import { registerAuditApp } from './audit/app';
import { registerBackupApp } from './backup/app';
import { BackupService } from './backup/service';
import { registerConsentsApp } from './consents/app';
import { registerContactsApp } from './contacts/app';
import { registerDistrictsApp } from './districts/app';
import type { DatabaseConfig } from './db/dialect';
import { storageFailureOf } from './db/dialect';
import { createDialect } from './db/dialects';
import { registerDraftsApp } from './drafts/app';
import { registerCasesApp } from './cases/app';
import { registerNotesApp } from './notes/app';
import { registerPlansApp } from './plans/app';
import { registerTimelineApp } from './timeline/app';
import { registerEventsApp } from './events/app';
import { registerAttendanceApp } from './events/attendance';
import { registerCheckinApp } from './events/checkin';
import { registerVolunteersApp } from './volunteers/app';
import { registerReferralsApp } from './referrals/app';
import { registerRegistrationsApp } from './events/registrations';
import { registerFamiliesApp } from './families/app';
import { registerMembersApp } from './members/app';
import { registerOfficeApp } from './office/app';
import { registerExportApp } from './export/app';
import { registerReportsApp } from './reports/app';
import type { Logger } from './log';
import { createFileLogger } from './log';
import { createDispatcher } from './rpc/dispatcher';
import { Registry } from './rpc/registry';
import type { CoreServices } from './services';
import { ALLOWED_WHILE_PASSWORD_CHANGE, registerSessionApp } from './session/app';
import { LoginThrottle } from './session/throttle';
import { registerSettingsApp } from './settings/app';
import { CoreState, corePaths } from './state';
import { registerUiApp } from './ui/app';
import { syncHubQuietly } from './hub/sync';
import { registerHubApp } from './hub/app';
import { linkToHub } from './hub/link';
import type { RunningHub } from './hub/host';
import { registerUsersApp } from './users/app';
import { DEFAULT_KDF, type KdfParams } from './vault/kdf';

export interface CoreOptions {
  /** Folder for the database, key slots, backups and logs. */
  dataDir: string;
  log?: Logger;
  /** Electron build of the native database module (set by main in the app). */
  nativeBinding?: string;
  /** Where the data lives: this PC's encrypted SQLite file (default) or the office hub's PostgreSQL. */
  database?: DatabaseConfig;
  /** Key derivation; tests may pass cheaper parameters, the app always uses the default. */
  kdf?: KdfParams;
  now?: () => Date;
  /** How often the auto-lock timer looks at the clock. */
  idleCheckMs?: number;
  /** Milliseconds clock for inactivity (tests move it forward instead of waiting). */
  clock?: () => number;
  /**
   * Where the audit chain's head is kept outside the data folder. Default: a
   * file beside the folder (`<folder>.anchor`); in the app main keeps it in
   * the OS keystore (M3_AUDIT_ANCHOR_RELAY, see process.ts).
   */
  anchor?: AnchorStore;
  /** Ends the process so that the host starts the core again (process.ts); absent where nothing restarts it. */
  restart?: () => void;
  /** The office hub this PC runs (hub/boot.ts): stopped when the core closes. */
  host?: RunningHub | null;
}

export type CoreEventListener = (event: string, payload?: unknown) => void;

export interface Core {
  call(method: string, input: unknown): Promise<RpcResult<unknown>>;
  onEvent(listener: CoreEventListener): () => void;
  /** Resolves when background work (the daily backup and page check) is done; for tests and the bench. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** Calls that do not count as someone working (the UI asks them on its own). */
const PASSIVE = new Set(['session.status', 'ui.preferences']);
/** Methods that run beside the call queue (contract: longRead). */
const LONG_READS = new Set(Object.entries(contract as Record<string, MethodSpec>).filter(([, spec]) => spec.longRead).map(([name]) => name));
/** Answered from the core's own state at once, never behind a call waiting on the hub. */
const BESIDE_QUEUE = new Set(['hub.status']);
const STARTS_SESSION = new Set(['session.setup', 'session.login', 'session.recover', 'session.restoreLatestBackup']);

/**
 * Builds the application core: plain Node, no Electron. The same function
 * runs in Electron's utilityProcess, in the test bridge's child process and
 * inside vitest.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  // A folder made by an earlier version (or by hand) keeps its rights otherwise: it is ours alone —
  // except that, run as root, the hub PC's server runs as the system user "postgres", which must pass through.
  const mode = process.getuid?.() === 0 && existsSync(join(options.dataDir, 'hub')) ? 0o711 : 0o700;
  try {
    chmodSync(options.dataDir, mode);
  } catch {
    // not our folder to change (a read-only mount): the files inside are still 0600
  }
  const log = options.log ?? createFileLogger(join(options.dataDir, 'logs'));
  const paths = corePaths(options.dataDir);
  const dialect = createDialect(options.database ?? { dialect: 'sqlite' }, {
    dbFile: paths.dbFile,
    nativeBinding: options.nativeBinding ?? process.env.M3_NATIVE_BINDING,
    log,
  });
  const state = new CoreState(paths, options.kdf ?? DEFAULT_KDF, dialect);
  const listeners = new Set<CoreEventListener>();
  const now = options.now ?? (() => new Date());
  const clock = options.clock ?? (() => Date.now());

  // One call at a time: a session's calls run in order, and a lock must not
  // close the database under a running transaction.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(work: () => Promise<T> | T): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  // A long read (a report) starts at once beside the queue: its reads go to a connection of their own.
  const beside = <T>(work: () => Promise<T>): Promise<T> => work();

  let backgroundWork: Promise<void> = Promise.resolve();
  const anchor = options.anchor ?? fileAnchorStore(`${options.dataDir.replace(/[\\/]+$/, '')}.anchor`);
  const services: CoreServices = {
    state,
    backups: new BackupService(() => state.settings?.backupDir || paths.defaultBackupDir, dialect.files, paths.dataDir, now),
    throttle: new LoginThrottle(paths.throttleFile),
    auditQueue: new AuditQueue(paths.auditQueueFile),
    anchor,
    saveAnchor: async () => {
      // Not while the office hub does not answer (a lock would wait for it): the next session writes it.
      if (!state.db || !state.fileId || state.anchorOnHold || !state.hubOnline) return;
      try {
        // On disk first (a checkpoint syncs; on the hub a synchronous commit), so a power cut never leaves
        // the anchor ahead of the database.
        state.store?.maintain();
        const writer = dialect.auditWriter;
        const head = writer?.durableHead ? await writer.durableHead(state.db) : await auditHead(state.db);
        anchor.write({ fileId: state.fileId, ...head });
      } catch {
        log.error('anchor_failed');
      }
    },
    log,
    now,
    emit: (event, payload) => listeners.forEach((listener) => listener(event, payload)),
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    background: (work) => {
      backgroundWork = backgroundWork.then(work).catch(() => log.error('background_failed'));
    },
    settled: () => backgroundWork,
    hubHost: options.host ?? null,
    ...(options.restart ? { restart: options.restart } : {}),
    defer: (work) => {
      void enqueue(async () => {
        try {
          await work();
          await syncHubQuietly(services);
        } catch {
          log.error('deferred_failed');
        }
      });
    },
  };

  // A PC of the office hub: other PCs' changes, the hub's outages and the counter's journal.
  const hub = dialect.hub ? linkToHub(services, enqueue) : null;

  const registry = new Registry(contract);
  registerSessionApp(registry, services);
  registerUiApp(registry, options.dataDir, services.emit);
  registerUsersApp(registry, services);
  registerSettingsApp(registry, services);
  registerAuditApp(registry, state);
  registerBackupApp(registry, services);
  registerDraftsApp(registry, services);
  registerFamiliesApp(registry, services, dialect.familySearch);
  registerMembersApp(registry, services, dialect.familySearch);
  registerOfficeApp(registry);
  registerConsentsApp(registry, services);
  registerContactsApp(registry, services);
  registerDistrictsApp(registry);
  registerNotesApp(registry, services, dialect.noteSearch);
  registerPlansApp(registry, services);
  registerCasesApp(registry, services);
  registerTimelineApp(registry, services);
  registerEventsApp(registry, services);
  registerRegistrationsApp(registry, services);
  registerCheckinApp(registry, services, dialect.familySearch);
  registerAttendanceApp(registry);
  registerVolunteersApp(registry, services);
  registerReferralsApp(registry, services);
  registerReportsApp(registry, services);
  registerExportApp(registry, services);
  registerHubApp(registry, services, () => hub?.offline ?? null);
  registry.assertComplete();

  const dispatch = createDispatcher({
    registry,
    getSession: () => state.session,
    getDb: () => state.db,
    authorize: (method, _spec, session) =>
      session.mustChangePassword && !ALLOWED_WHILE_PASSWORD_CHANGE.has(method)
        ? { code: 'FORBIDDEN', message: 'errors:must_change_password' }
        : null,
    appendAudit: async (db, record, lazy) => {
      const key = state.keys?.audit;
      if (!key) throw new Error('no audit key');
      await appendAudit(db, record, now(), key, { writer: dialect.auditWriter, lazy });
    },
    // Every open screen showing these kinds of records refreshes (renderer data layer).
    // On the hub the other PCs hear of it too.
    onCommitted: (entities) => {
      services.emit('changed', { entities });
      state.store?.announce?.(entities);
    },
    storageFailure: (error) => storageFailureOf(dialect, error),
    unreachable: dialect.unreachable,
    transient: dialect.transient,
    log,
  });

  let lastCallAt = clock();
  // Auto-lock: the core decides, so a frozen or closed window cannot keep data open.
  // The same timer does the idle maintenance (WAL checkpoint) no call should wait for.
  const idleTimer = setInterval(() => {
    if ((state.unflushedWrites > 0 || state.store?.flushPending) && clock() - lastCallAt >= 1000) {
      void enqueue(async () => {
        await services.saveAnchor();
        try {
          state.maintain();
        } catch {
          log.error('checkpoint_failed');
        }
      });
    }
    if (state.session && clock() - state.lastActivity >= state.autoLockMs()) {
      void enqueue(async () => {
        if (!state.session || clock() - state.lastActivity < state.autoLockMs()) return;
        // The idle lock is in the audit log like a manual one.
        const key = state.keys?.audit;
        const userId = state.session.userId;
        if (state.db && key && state.hubOnline) {
          try {
            await state.db.transaction().execute((trx) => appendAudit(trx, { method: 'session.autoLock', userId, entityType: null, entityId: null, outcome: 'ok' }, now(), key));
          } catch {
            log.error('lock_audit_failed');
          }
        }
        await services.saveAnchor();
        state.close();
        log.info('auto_locked');
        services.emit('locked', { reason: 'idle' });
      });
    }
  }, options.idleCheckMs ?? 1000);
  idleTimer.unref();

  log.info('core_started');
  return {
    call: (method, input) =>
      (LONG_READS.has(method) || BESIDE_QUEUE.has(method) ? beside : enqueue)(async () => {
        if (state.session && !PASSIVE.has(method)) state.lastActivity = clock();
        try {
          // The hub does not answer: the counter works from this PC's files, everything else says so at once.
          const unreached = hub?.whileUnreachable(method, input);
          if (unreached) return unreached;
          const result = await dispatch(method, input);
          if (result.ok) hub?.answered(method, input, STARTS_SESSION.has(method));
          const spec = contract[method as keyof typeof contract] as MethodSpec | undefined;
          // A key file changed by this call reaches the hub (handlers that change logins did it themselves).
          // Only writes change it: a search typed letter by letter reads no file.
          if (hub && spec?.writes) await syncHubQuietly(services);
          lastCallAt = clock();
          // Audited reads write their audit entry too.
          if (spec?.writes || spec?.audit === 'read') state.unflushedWrites += 1;
          if (spec?.writes) state.dataVersion += 1;
          // A login starts the inactivity count from now.
          if (result.ok && STARTS_SESSION.has(method)) state.lastActivity = clock();
          return result;
        } catch {
          return fail('INTERNAL');
        }
      }),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled: () => services.settled(),
    close: () =>
      enqueue(async () => {
        clearInterval(idleTimer);
        await services.saveAnchor();
        // Background file work (a backup, a page check) is cut short, not waited for: quitting
        // must not outlast the host's patience, or the file is left marked as open.
        await dialect.close?.();
        await services.settled();
        state.close();
        // The hub PC's own server stops last: its connections have ended with the store.
        await state.closed();
        await services.hubHost?.stop().catch(() => log.error('hub_stop_failed'));
        listeners.clear();
        log.info('core_closed');
      }),
  };
}
