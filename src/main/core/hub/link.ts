/**
 * A PC of the office hub, inside the core: what other PCs changed refreshes
 * this PC's screens; when the hub stops answering every screen is told and
 * calls waiting on it end, everything but the counter says so at once, and
 * the counter goes on from its snapshot and journal, which go into the hub
 * when it is back; a login the hub refuses ends the session. A session
 * opened on this PC alone while the hub did not answer (session/app.ts)
 * ends as soon as the hub answers again.
 */
import { DomainError, fail, type RpcResult } from '../../../shared/errors';
import { contract } from '../../../shared/rpc/contract';
import type { MethodSpec } from '../../../shared/rpc/define';
import { HubError } from '../db/hub-types';
import type { CoreServices } from '../services';
import { OfflineCounter } from './offline-counter';

/** Counter calls that go on from this PC's snapshot and journal while the office hub does not answer. */
const OFFLINE_COUNTER = new Set(['checkin.checkIn', 'checkin.counts', 'checkin.search', 'checkin.offlineEvents']);
/** Counter calls about one event: its snapshot follows them. */
const FOLLOWS_EVENT = new Set(['checkin.checkIn', 'checkin.counts', 'checkin.search']);
/** Calls that change accounts, roles or key slots: the list of who may log in without the hub follows. */
const ACCOUNT_CHANGES = /^users\.(create|update|resetPassword|deactivate)$|^session\.changePassword$/;
/** How often a session without the hub asks whether the hub answers again. */
const PROBE_MS = 3_000;
/** Calls that need no hub (the session's own state, the UI's settings). */
const WITHOUT_HUB = new Set(['session.status', 'session.lock', 'session.heartbeat', 'session.login', 'ui.preferences', 'ui.setLanguage', 'hub.status']);

export interface HubLink {
  readonly offline: OfflineCounter;
  /** While the hub does not answer: the counter's answer from this PC's files, or the refusal; null when the call goes on as usual. */
  whileUnreachable(method: string, input: unknown): RpcResult<unknown> | null;
  /** After a call that succeeded: the counter's snapshot kept fresh, a journal left from an earlier session replayed at login. */
  answered(method: string, input: unknown, startedSession: boolean): void;
}

export function linkToHub(services: CoreServices, enqueue: <T>(work: () => Promise<T> | T) => Promise<T>): HubLink {
  const { state, log } = services;
  const offline = new OfflineCounter(services);
  /**
   * The counter's snapshot of an event, taken while the hub answers (a failure
   * leaves the older one) — beside the call queue, one at a time, so
   * a check-in never waits behind the reads and the encrypted write of the copy.
   */
  let snapshots: Promise<void> = Promise.resolve();
  const takeSnapshot = (eventId: string) => {
    // One at a time for all events: a snapshot holds one of the session's few connections while it reads.
    snapshots = snapshots.then(async () => {
      const db = state.db;
      if (!db || !state.hubOnline || !state.session) return offline.notTaken(eventId);
      // A read of this event failed while this one waited in the chain: its back-off comes first.
      if (!offline.due(eventId)) return offline.later(eventId, takeSnapshot);
      const round = offline.round;
      try {
        await offline.remember(db, eventId);
      } catch {
        // A lock or an outage meanwhile: a later counter call takes it again (sooner the first times).
        offline.notTaken(eventId, true, round);
        log.error('snapshot_failed');
      }
    });
  };
  /**
   * Who may log in here while the hub does not answer (OfflineStaff), noted
   * at each login on the hub and whenever accounts or passwords changed, on
   * this PC or another — beside the call queue, like a snapshot.
   */
  const rememberStaff = () => {
    snapshots = snapshots.then(async () => {
      const db = state.db;
      if (!db || !state.hubOnline || !state.session || state.session.offline) return;
      try {
        await offline.rememberStaff(db);
      } catch {
        log.error('offline_staff_failed');
      }
    });
  };
  /** A login on the hub: the list above, and the logins made here without the hub go into the audit log. */
  const afterLogin = () => {
    rememberStaff();
    void enqueue(async () => {
      const key = state.keys?.audit;
      if (!state.db || !key || !state.hubOnline || state.session?.offline) return;
      try {
        await offline.recordLogins(state.db, key);
      } catch {
        log.error('offline_logins_failed');
      }
    });
  };
  const replayJournal = () =>
    enqueue(async () => {
      if (!state.db || !state.keys?.audit || !state.hubOnline) return;
      try {
        if (await offline.replay(state.db, state.keys.audit)) {
          services.emit('changed', { entities: ['*'] });
          // The other PCs' counters and offline lists hear of these check-ins too.
          state.store?.announce?.(['checkin']);
        }
      } catch {
        log.error('journal_replay_failed');
      }
      services.emit('hub', { online: state.hubOnline, pending: offline.pending() });
    });

  // What other PCs changed refreshes this PC's screens as its own writes do.
  state.onRemoteChange = (entities) => {
    if (!state.session) return;
    services.emit('changed', { entities });
    offline.heard(entities, takeSnapshot);
    if (entities.includes('user') || entities.includes('*')) rememberStaff();
  };
  state.onLink = (online) => {
    if (!state.session || state.hubOnline === online) return;
    state.hubOnline = online;
    log.info(online ? 'hub_back' : 'hub_lost');
    // Calls waiting on the silent hub answer now (hub_offline) instead of holding up the queue.
    if (!online) state.store?.interrupt?.();
    services.emit('hub', { online, pending: offline.pending() });
    if (online) void replayJournal();
  };
  /**
   * A session on this PC alone: the hub is asked with the account's own
   * login every few seconds. When it lets the person in — or refuses them
   * (deactivated, password changed elsewhere) — the session ends: the next
   * login is on the hub again and replays the journal.
   */
  let probe: NodeJS.Timeout | null = null;
  let asking = false;
  const stopProbe = () => {
    if (probe) clearInterval(probe);
    probe = null;
  };
  const askHub = async () => {
    const login = state.hubLogin;
    const hub = state.dialect.hub;
    if (!state.session?.offline || !login || !hub) return stopProbe();
    if (asking) return;
    asking = true;
    let answered = true;
    try {
      await hub.signIn(login.user, login.password);
    } catch (error) {
      // The hub lets the person in or refuses them: it is there, the next login says what. Silence, a connection
      // lost mid-way or a certificate not from the office CA (which a login would refuse as well) are no answer.
      answered = error instanceof HubError ? error.kind === 'auth' : !state.dialect.unreachable?.(error);
    } finally {
      asking = false;
    }
    if (!answered) return;
    await enqueue(() => {
      if (!state.session?.offline || state.hubLogin !== login) return;
      log.info('hub_back');
      state.close();
      state.hubOnline = true;
      services.emit('locked', { reason: 'hub_back' });
      services.emit('hub', { online: true, pending: offline.pending() });
    });
  };
  const watchForHub = () => {
    if (probe) return;
    probe = setInterval(() => void askHub(), PROBE_MS);
    probe.unref();
  };

  // Nothing of a session's counter (its replay's names, its timers) stays for whoever logs in next.
  state.onClose = () => {
    stopProbe();
    offline.reset();
  };
  // The hub refuses this person now (deactivated, password changed on another PC): the session ends here too.
  state.onRevoked = () =>
    void enqueue(() => {
      if (!state.session) return;
      log.info('hub_login_revoked');
      state.close();
      services.emit('locked', { reason: 'manual' });
    });

  /** A counter call while the hub does not answer: checked like any call, answered from the snapshot and journal. */
  const offlineCall = (method: string, input: unknown): RpcResult<unknown> => {
    const session = state.session!;
    const spec = contract[method as keyof typeof contract] as MethodSpec;
    if (!spec.roles.includes(session.role)) return fail('FORBIDDEN');
    if (session.mustChangePassword) return fail('FORBIDDEN', 'errors:must_change_password');
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) return fail('VALIDATION', 'errors:VALIDATION');
    const args = parsed.data as { eventId: string; code?: string; personIds?: string[]; query?: string; limit?: number };
    try {
      if (method === 'checkin.offlineEvents') return { ok: true, data: { items: offline.events() } };
      if (method === 'checkin.counts') return { ok: true, data: offline.counts(args.eventId) };
      if (method === 'checkin.search') return { ok: true, data: { items: offline.search(args.eventId, args.query ?? '', args.limit ?? 8) } };
      const data = offline.checkIn(args, session.userId);
      services.emit('changed', { entities: ['checkin'] });
      services.emit('hub', { online: false, pending: offline.pending() });
      return { ok: true, data };
    } catch (error) {
      if (error instanceof DomainError) return fail(error.code, error.messageKey, error.details);
      log.error('offline_counter_failed', { method });
      return fail('INTERNAL');
    }
  };

  return {
    offline,
    whileUnreachable(method, input) {
      if (!state.session || state.hubOnline || WITHOUT_HUB.has(method)) return null;
      return OFFLINE_COUNTER.has(method) ? offlineCall(method, input) : fail('INTERNAL', 'errors:hub_offline');
    },
    answered(method, input, startedSession) {
      if (startedSession && state.session?.offline) return watchForHub();
      if (startedSession) afterLogin();
      else if (ACCOUNT_CHANGES.test(method)) rememberStaff();
      if (FOLLOWS_EVENT.has(method)) offline.schedule((input as { eventId: string }).eventId, takeSnapshot);
      if (startedSession && offline.pending() > 0) void replayJournal();
    },
  };
}
