/** The office hub's methods: joining it (session.joinHub) and `hub.status` — where this PC's data lives, whether the hub answers, what a replay found. */
import { DomainError } from '../../../shared/errors';
import type { Contract } from '../../../shared/rpc/contract';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { readFileSync, renameSync } from 'node:fs';
import { appendAudit } from '../audit/chain';
import { requireSession } from '../db/require';
import { confirmPassword } from '../session/confirm';
import { loadVault, pendingKeyFile } from '../session/keys';
import { HubBackupError } from './backup';
import { hostedHubDir, HubSetupError, hostsHub, initHubFromPc } from './host';
import { joinHub, JoinError, rememberHub } from './join';
import { MoveError } from './move';
import { volumeState } from './volume';
import type { OfflineCounter } from './offline-counter';

/** What a person is told when joining did not work. */
function joinRefusal(error: JoinError): DomainError {
  const field = (message: string) => new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: ['code'], message }] });
  switch (error.reason) {
    case 'code':
      return field('validation:join_code_invalid');
    case 'auth':
      return field('validation:join_code_expired');
    case 'set_up':
      return new DomainError('CONFLICT', 'errors:hub_join_set_up');
    case 'fingerprint':
    case 'certificate':
    case 'no_tls':
      return new DomainError('INTERNAL', 'errors:hub_certificate');
    default:
      return new DomainError('INTERNAL', 'errors:hub_unreachable');
  }
}

/** A hub backup's failure as the coordinator reads it; nothing was changed in any case. */
function hubBackupRefusal(services: CoreServices, error: unknown, fallback: string): unknown {
  if (error instanceof DomainError) return error;
  services.log.error('hub_backup_failed', { error: error instanceof HubBackupError ? error.reason : error instanceof Error ? error.name : 'unknown' });
  if (!(error instanceof HubBackupError)) return new DomainError('INTERNAL', fallback);
  switch (error.reason) {
    case 'missing':
      return new DomainError('NOT_FOUND', 'errors:hub_backup_missing');
    case 'not_yours':
      return new DomainError('FORBIDDEN', 'errors:hub_backup_not_yours');
    case 'older':
      return new DomainError('CONFLICT', 'errors:hub_backup_older');
    case 'no_recipients':
      return new DomainError('CONFLICT', 'errors:hub_backup_no_recipients');
    default:
      return new DomainError('INTERNAL', fallback);
  }
}

export function registerHubApp(registry: Registry<Contract>, services: CoreServices, offline: () => OfflineCounter | null): void {
  const { state } = services;
  // First run: a PC joins the office hub (a session.* method: it answers while nobody is logged in).
  registry.register('session', {
    'session.joinHub': async ({ code }) => {
      // A PC with an office of its own keeps it: joining would put it aside unseen.
      if (state.isSetUp() || state.dialect.hub) throw new DomainError('CONFLICT', 'errors:hub_join_set_up');
      try {
        await joinHub(state.paths.dataDir, code);
      } catch (error) {
        if (error instanceof JoinError) throw joinRefusal(error);
        throw error;
      }
      // The core starts again on the hub's database (the host restarts it).
      services.restart?.();
      return { joined: true as const };
    },
  });
  registry.register('hub', {
    'hub.make': async ({ password, port, volumeConfirmed }, ctx) => {
      const session = requireSession(ctx);
      const db = state.db;
      const auditKey = state.keys?.audit;
      // Only a single PC's own file moves; a PC of a hub (or on a server database) has nothing of its own.
      if (state.dialect.hub || !state.dialect.files || !db || !auditKey) throw new DomainError('CONFLICT', 'errors:hub_make_single_only');
      const field = (path: string, message: string) => new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: [path], message }] });
      // The password becomes the coordinator's database login: it is checked here like at a login (and throttled so).
      await confirmPassword(services, loadVault(services), session, password, 'password');
      if (pendingKeyFile(services)) throw new DomainError('CONFLICT', 'errors:hub_make_rekey_pending');
      // Case work moves too: it must be open in this session.
      if (!state.caseworkReady) throw new DomainError('CONFLICT', 'errors:hub_make_casework');
      const dir = hostedHubDir(state.paths.dataDir);
      // PostgreSQL does not encrypt its files: the volume must (README, "Office hub").
      const volume = volumeState(state.paths.dataDir);
      if (volume !== 'encrypted' && !volumeConfirmed) {
        throw field('volumeConfirmed', volume === 'not_encrypted' ? 'validation:hub_volume_not_encrypted' : 'validation:hub_volume_unknown');
      }
      // A hub folder this PC never went over to (a move that did not finish, or a hub set aside by hand) is put aside, not deleted.
      if (hostsHub(state.paths.dataDir)) {
        await services.hubHost?.stop().catch(() => undefined);
        services.hubHost = null;
        renameSync(dir, `${dir}-aside-${Date.now()}`);
      }
      // The audit entry first: it moves with the office, its chain head with it.
      await db.transaction().execute((trx) =>
        appendAudit(trx, { method: 'hub.make', userId: session.userId, entityType: null, entityId: null, outcome: 'ok' }, services.now(), auditKey),
      );
      await services.saveAnchor();
      let hub;
      try {
        hub = await initHubFromPc({
          dir,
          officeName: state.settings?.officeName || 'M3 Desk',
          port,
          volume: volume === 'encrypted' ? 'encrypted' : 'confirmed',
          source: { db, dialect: state.dialect },
          keyFile: readFileSync(state.paths.keysFile),
          coordinator: { userId: session.userId, username: session.username, password },
        });
      } catch (error) {
        services.log.error('hub_make_failed', { error: error instanceof MoveError ? error.message : error instanceof Error ? error.name : 'unknown' });
        if (error instanceof HubSetupError && error.reason === 'port_taken') throw field('port', 'validation:hub_port_taken');
        throw new DomainError('INTERNAL', error instanceof MoveError ? 'errors:hub_move_failed' : 'errors:hub_make_failed');
      }
      // From here this PC is a PC of its own hub: the session ends, the core starts again on the hub.
      rememberHub(state.paths.dataDir, { host: '127.0.0.1', port: hub.port, database: 'm3desk', caPem: hub.caPem });
      services.hubHost = hub;
      state.close();
      services.restart?.();
      return { joinCode: hub.joinCode, tables: hub.moved.length, rows: hub.moved.reduce((sum, t) => sum + t.rows, 0) };
    },
    'hub.host': async () => {
      const host = services.hubHost;
      return host ? host.status() : null;
    },
    'hub.listBackups': () => ({ items: services.hubHost?.backups.list() ?? [] }),
    'hub.backupNow': async (_input, ctx) => {
      const host = services.hubHost;
      if (!host) throw new DomainError('CONFLICT', 'errors:hub_not_host');
      try {
        const made = await host.backups.create('manual');
        ctx.audit('backup', made.name);
        return made;
      } catch (error) {
        throw hubBackupRefusal(services, error, 'errors:hub_backup_failed');
      }
    },
    'hub.restoreBackup': async ({ name }, ctx) => {
      const host = services.hubHost;
      const privateKey = state.identity?.privateKey;
      if (!host) throw new DomainError('CONFLICT', 'errors:hub_not_host');
      if (!privateKey) throw new DomainError('LOCKED');
      try {
        await host.backups.restore(name, privateKey);
      } catch (error) {
        throw hubBackupRefusal(services, error, 'errors:hub_restore_failed');
      }
      // This PC's record of the audit chain follows the restored chain (the other PCs' coordinators confirm the rollback once).
      await services.saveAnchor();
      ctx.audit('backup', name);
      ctx.changed('*');
      // The restored day may not know this account as a coordinator (then its own database login ended too): the session ends here.
      const session = requireSession(ctx);
      const self = await state.db
        ?.selectFrom('users')
        .select(['role', 'active'])
        .where('id', '=', session.userId)
        .executeTakeFirst()
        .catch(() => undefined);
      if (!self || self.active !== 1 || self.role !== 'coordinator') {
        state.close();
        services.emit('locked', { reason: 'manual' });
      }
      return { restoredFrom: name };
    },
    'hub.renewJoinCode': async () => {
      const host = services.hubHost;
      if (!host) throw new DomainError('CONFLICT', 'errors:hub_not_host');
      const joinCode = await host.renewJoinCode();
      return { joinCode, tokenUntil: (await host.status()).tokenUntil };
    },
    'hub.status': () => {
      const counter = offline();
      return {
        mode: state.dialect.hub ? ('hub' as const) : ('single' as const),
        online: state.hubOnline,
        pending: counter?.pending() ?? 0,
        lastReplay: counter?.lastReplay ?? null,
      };
    },
  });
  // The same answer with and without the hub (hub/link.ts answers it while the hub is away): this PC's files.
  registry.register('checkin', {
    'checkin.offlineEvents': () => ({ items: offline()?.events() ?? [] }),
  });
}
