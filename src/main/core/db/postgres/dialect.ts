/**
 * The office hub's database: PostgreSQL through node-postgres. It does not
 * encrypt its files (the hub's data directory sits on an encrypted volume),
 * so the master key opens nothing here; staff still log in with their key
 * slots. Backups are pg_dump archives made by the hub, not file copies.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { hubTableNames } from './bulk-load';
import { StoreOpenError, type Dialect, type PostgresConnection } from '../dialect';
import type { HubAccess } from '../hub-types';
import { postgresAuditWriter } from './audit-writer';
import { changeFeed, dropConnection } from './changes';
import { postgresHiddenNotes } from './hidden-notes';
import { currentKeyFile, hubErrorOf, readKeyFile, setLogin, setRecoveryLogin, writeKeyFile } from './hub-client';
import type { DB } from '../schema';
import { createFamilySearchKeys, createFamilySearchTables, postgresFamilySearch } from './family-search';
import { createNoteSearchTables, createNoteSearchWords, postgresNoteSearch } from './note-search';
import { createReportBucketTriggers } from './report-buckets';

/** Counts (int8) and numerics arrive as strings by default; the core's numbers are small. */
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
/**
 * Text must compare in code-point order, as SQLite compares: prefix ranges and
 * sorting behave the same on both. That is libc's C/POSIX (and C.UTF-8) or the
 * builtin provider; an ICU or language collation ("de_DE") is refused.
 */
function sortsByCodePoint(db: { datlocprovider: string; datcollate: string }): boolean {
  if (db.datlocprovider === 'b') return true;
  return db.datlocprovider === 'c' && /^(C|POSIX|C\.UTF-?8)$/i.test(db.datcollate);
}

/**
 * Per connection: give up waiting for a lock after 10 s instead of hanging a
 * PC; end a transaction left idle by a client that vanished; notice a dead
 * network peer within about a minute (TCP keepalive).
 */
const SESSION_OPTIONS = '-c lock_timeout=10000 -c idle_in_transaction_session_timeout=60000 -c statement_timeout=120000';

/** Errors that mean the hub did not answer: the network, a server that stopped or is starting. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', '57P01', '57P02', '57P03', '08000', '08003', '08006']);
/** A driver error's code (SQLSTATE or a socket's errno name), if it has one. */
function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

function unreachable(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== null && UNREACHABLE.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message);
}

/** SQLSTATE serialization_failure and deadlock_detected: the transaction was rolled back whole and may run again. */
const TRANSIENT = new Set(['40001', '40P01']);
function transient(error: unknown): boolean {
  return TRANSIENT.has(codeOf(error) ?? '');
}

/** A PC of the office hub: its key file and staff logins live on the hub. */
function hubAccess(connection: PostgresConnection): HubAccess {
  const endpoint = { host: connection.host, port: connection.port, database: connection.database, caPem: connection.ssl ? connection.ssl.ca : '' };
  return {
    endpoint,
    signIn: (user, password) => readKeyFile(endpoint, user, password),
    keyFile: currentKeyFile,
    putKeyFile: writeKeyFile,
    setLogin,
    setRecoveryLogin,
  };
}

export function postgresDialect(connection: PostgresConnection, hub = false): Dialect {
  return {
    ...(hub ? { hub: hubAccess(connection), hiddenNotes: postgresHiddenNotes, unreachable } : {}),
    transient,
    storageFailure(error) {
      // SQLSTATE: disk_full, and writes refused on a read-only server or transaction.
      const code = codeOf(error);
      if (code === '53100') return 'full';
      if (code === '25006') return 'readonly';
      return null;
    },
    // PostgreSQL databases were never made with the early schema.
    migrations: {
      familySearch: createFamilySearchTables,
      upgradeEarlySchema: async () => undefined,
      caseworkSchema: async (db) => {
        await sql`CREATE SCHEMA IF NOT EXISTS casework`.execute(db);
      },
      caseworkIndex: async (db, name, table, columns, unique) => {
        const index = db.schema.withSchema('casework').createIndex(name).on(table).columns(columns);
        await (unique ? index.unique() : index).execute();
      },
      noteSearch: createNoteSearchTables,
      noteSearchWords: createNoteSearchWords,
      familySearchKeys: createFamilySearchKeys,
      reportBuckets: createReportBucketTriggers,
    },
    familySearch: postgresFamilySearch,
    auditWriter: postgresAuditWriter,
    noteSearch: postgresNoteSearch(hub),
    tableNames: hubTableNames,
    files: null,
    async open(_key, options) {
      // Family data never crosses the office network in plain text.
      if (!connection.ssl && !LOOPBACK.has(connection.host)) throw new StoreOpenError('unsupported', 'tls_required');
      const pool = new pg.Pool({
        host: connection.host,
        port: connection.port,
        database: connection.database,
        user: options.login?.()?.user ?? connection.user,
        password: options.login ? () => options.login?.()?.password ?? '' : connection.password,
        ssl: connection.ssl || undefined,
        max: 4,
        // On the hub a new connection that does not come up soon means the hub is gone (the counter then goes on offline).
        connectionTimeoutMillis: hub ? 3000 : 5000,
        idleTimeoutMillis: 30_000,
        keepAlive: true,
        keepAliveInitialDelayMillis: 10_000,
        options: SESSION_OPTIONS,
        // On the hub a silent network must not hold a call forever (the server's own timeout never arrives).
        ...(hub ? { query_timeout: 130_000 } : {}),
        types,
      });
      // A dropped connection must not crash the core; the next call reports it.
      pool.on('error', () => undefined);
      // On the hub: the connections to end when it stops answering.
      const clients = new Set<pg.PoolClient>();
      pool.on('connect', (client) => {
        clients.add(client);
        // A connection in use that breaks (a pulled cable, an interrupt) fails its query; the event must not end the core.
        client.on('error', () => undefined);
      });
      pool.on('remove', (client) => clients.delete(client));
      let collation: { datlocprovider: string; datcollate: string } | undefined;
      try {
        const result = await pool.query<{ datlocprovider: string; datcollate: string }>(
          'SELECT datlocprovider, datcollate FROM pg_database WHERE datname = current_database()',
        );
        collation = result.rows[0];
      } catch (error) {
        await pool.end().catch(() => undefined);
        if (hub) throw new StoreOpenError('io', hubErrorOf(error).kind);
        throw new StoreOpenError('io', (error as { code?: string }).code);
      }
      if (!collation || !sortsByCodePoint(collation)) {
        await pool.end().catch(() => undefined);
        throw new StoreOpenError('unsupported', 'collation');
      }
      const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
      let caseworkAttached = false;
      // On the hub the PCs tell each other what changed (LISTEN/NOTIFY), on the session's own login.
      const feed = hub
        ? changeFeed(pool, () => ({
            host: connection.host,
            port: connection.port,
            database: connection.database,
            user: options.login?.()?.user ?? '',
            password: options.login?.()?.password ?? '',
            ssl: connection.ssl || undefined,
            connectionTimeoutMillis: 5000,
            keepAlive: true,
          }))
        : null;
      return {
        db,
        maintain: () => undefined,
        close: async () => {
          await feed?.close();
          await db.destroy();
        },
        ...(feed ? { announce: feed.announce, subscribe: feed.subscribe, onLink: feed.onLink, onRevoked: feed.onRevoked, interrupt: () => clients.forEach(dropConnection) } : {}),
        // The hub keeps case work in a schema of the same database; its migrations create it.
        async attachCasework() {
          caseworkAttached = true;
        },
        get caseworkAttached() {
          return caseworkAttached;
        },
      };
    },
  };
}
