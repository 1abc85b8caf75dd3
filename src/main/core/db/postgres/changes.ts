/**
 * Changes made on other PCs of the office hub: after each committed write a
 * PC announces what kinds of records changed (NOTIFY), and every PC listens on
 * a connection of its own (LISTEN) and tells its screens — so a counter on one
 * PC follows a check-in at another within a moment. A lost connection comes
 * back by itself; after it, everything counts as changed (announcements may
 * have been missed meanwhile).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const CHANNEL = 'm3_changed';

/** Ends a connection at once, without waiting for a hub that does not answer (its queries fail). */
export function dropConnection(client: pg.ClientBase): void {
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}

export interface ChangeFeed {
  announce(entities: readonly string[]): void;
  subscribe(listener: (entities: string[]) => void): void;
  /** Whether the hub answers: told on every change, found by the listening connection and a probe every second. */
  onLink(listener: (online: boolean) => void): void;
  /** The hub refused this session's login (deactivated, the password changed elsewhere): the session must end, not wait offline. */
  onRevoked(listener: () => void): void;
  close(): Promise<void>;
}

/** How often the listening connection asks the hub whether it is there, and how long an answer may take. */
const PROBE_MS = 1000;
const PROBE_TIMEOUT_MS = 1500;

export function changeFeed(pool: pg.Pool, connect: () => pg.ClientConfig): ChangeFeed {
  const origin = randomUUID();
  const listeners = new Set<(entities: string[]) => void>();
  const linkListeners = new Set<(online: boolean) => void>();
  const revokedListeners = new Set<() => void>();
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let online = true;
  const tell = (entities: string[]) => listeners.forEach((listener) => listener(entities));
  const link = (now: boolean) => {
    if (now === online || closed) return;
    online = now;
    linkListeners.forEach((listener) => listener(now));
  };
  // A pulled cable sends no error: the probe notices the silence.
  const probe = setInterval(() => {
    const current = client;
    if (!current || closed) return;
    let answered = false;
    const timer = setTimeout(() => {
      if (answered || client !== current) return;
      link(false);
      // A silent peer never answers a goodbye either: the socket goes, and with it the connection.
      dropConnection(current);
    }, PROBE_TIMEOUT_MS);
    current.query('SELECT 1').then(
      () => {
        answered = true;
        clearTimeout(timer);
      },
      () => {
        answered = true;
        clearTimeout(timer);
      },
    );
  }, PROBE_MS);
  probe.unref();

  const listen = async (again: boolean): Promise<void> => {
    if (closed) return;
    const next = new pg.Client(connect());
    client = next;
    const reconnect = () => {
      if (closed || client !== next || retry) return;
      client = null;
      link(false);
      retry = setTimeout(() => {
        retry = null;
        void listen(true);
      }, 1000);
    };
    next.on('error', reconnect);
    next.on('end', reconnect);
    next.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      try {
        const { o, e } = JSON.parse(message.payload) as { o: string; e: string[] };
        if (o !== origin && Array.isArray(e)) tell(e.map(String));
      } catch {
        // Not ours: ignored.
      }
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      link(true);
      if (again) tell(['*']);
    } catch (error) {
      await next.end().catch(() => undefined);
      const code = (error as { code?: string }).code;
      // invalid_password, invalid_authorization_specification (NOLOGIN): the hub answers, but not to this login.
      if (code === '28P01' || code === '28000') {
        client = null;
        revokedListeners.forEach((listener) => listener());
        return;
      }
      reconnect();
    }
  };

  return {
    announce(entities) {
      if (entities.length === 0) return;
      void pool.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ o: origin, e: entities })]).catch(() => undefined);
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!client && !retry) void listen(false);
    },
    onLink(listener) {
      linkListeners.add(listener);
    },
    onRevoked(listener) {
      revokedListeners.add(listener);
    },
    async close() {
      closed = true;
      clearInterval(probe);
      if (retry) clearTimeout(retry);
      listeners.clear();
      linkListeners.clear();
      revokedListeners.clear();
      await client?.end().catch(() => undefined);
    },
  };
}
