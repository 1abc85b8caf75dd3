/**
 * Running the office hub (DESIGN.md, "Office scale"): a PostgreSQL server in
 * the hub's folder, TLS from a new office CA, the office and its first
 * coordinator made by the core itself (as on a single PC), the database's own
 * rights applied after every migration, and a join code for the other PCs.
 * Used by `npm run hub` and by the app on the hub PC.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createCore } from '../core';
import { createDialect } from '../db/dialects';
import type { Dialect, PostgresConnection } from '../db/dialect';
import type { Db } from '../db/schema';
import { HubBackups } from './backup';
import { moveOffice, type MovedTable } from './move';
import { connectedClients, ensureHubDatabase, ownerClientConfig, loginHasPassword, prepareHubDatabase, setEnrolmentToken, setLoginAsOwner, startHubServer, type HubServer, type NewRecoveryLogin } from '../db/hub';
import { migrate, migrateCasework } from '../db/migrate';
import { writeFileAtomic } from '../files/atomic';
import { createOfficeCa, fingerprint, issueServerCertificate } from './ca';
import { formatJoinCode } from './join-code';
import { hubPassword, hubRoleName, scramVerifier } from './login';
import { newRecoveryLogin, recoveryRecipient } from './recovery';

const DATABASE = 'm3desk';
const OWNER = 'm3_owner';
/** An enrolment token works for a week, for every PC enrolled in it; a new code ends the old one. */
const TOKEN_DAYS = 7;

const hubFileSchema = z.object({
  version: z.literal(1),
  port: z.number().int(),
  listen: z.string(),
  address: z.string(),
  database: z.string(),
  ownerPassword: z.string(),
  ca: z.object({ certPem: z.string(), keyPem: z.string() }),
  server: z.object({ certPem: z.string(), keyPem: z.string() }),
  token: z.string(),
  tokenUntil: z.string(),
  /** The data directory's volume: 'encrypted' (checked here), 'confirmed' (the coordinator said so), 'unconfirmed' (nobody could tell), 'not_encrypted' (found so, and set up anyway from the command line). */
  volume: z.enum(['encrypted', 'confirmed', 'unconfirmed', 'not_encrypted']),
  createdAt: z.string(),
  /** Made from a single PC's office ("Make this PC the office hub"): when, and how much was moved. */
  moved: z.object({ at: z.string(), tables: z.number().int(), rows: z.number().int() }).optional(),
});
type HubFile = z.infer<typeof hubFileSchema>;

/** Where and how a new hub runs. */
export interface HubFolderOptions {
  dir: string;
  officeName: string;
  port?: number;
  /** listen_addresses; default every interface (the LAN). */
  listen?: string;
  /** The address other PCs reach the hub by; default this PC's first LAN address. */
  address?: string;
  /** How the data directory's volume was judged (see README, "Office hub"). */
  volume?: HubFile['volume'];
}

export interface HubInitOptions extends HubFolderOptions {
  username: string;
  password: string;
  displayName?: string;
  officeLocation?: string;
}

export interface RunningHub {
  joinCode: string;
  /** A new hub's recovery key (shown once, as at a single PC's setup); absent when an existing hub starts. */
  recoveryKey?: string;
  port: number;
  /** The office CA's certificate (the hub PC verifies its own hub against it too). */
  caPem: string;
  /** The owner's connection (the hub's own work: migrations, rights, status). */
  owner: PostgresConnection;
  server: HubServer;
  /** A new join code; the previous token stops working. */
  renewJoinCode(): Promise<string>;
  clients(): Promise<number>;
  /** What the app on the hub PC shows: whether the server answers, who is connected, the join code. */
  status(): Promise<HubHostStatus>;
  /** The hub's own backups (daily, before migrations, on demand), each checked by a restore. */
  backups: HubBackups;
  /**
   * An account moved from the single PC has no database login until it logs
   * in here, on the hub PC, where its password is checked against the key
   * file: then its login is set (true). False when the account has a login
   * already (its password is the hub's to check).
   */
  firstLogin(userId: string, username: string, password: string, until: Date | null): Promise<boolean>;
  stop(): Promise<void>;
}

export interface HubHostStatus {
  running: boolean;
  clients: number;
  address: string;
  port: number;
  joinCode: string;
  tokenUntil: string;
  volume: HubFile['volume'];
  createdAt: string;
  moved: NonNullable<HubFile['moved']> | null;
  lastBackupAt: string | null;
}

/** The hub a PC runs itself lives in this folder of its data folder. */
export const hostedHubDir = (dataDir: string) => join(dataDir, 'hub');
export const hostsHub = (dataDir: string) => existsSync(hubFile(hostedHubDir(dataDir)));

export class HubSetupError extends Error {
  constructor(readonly reason: 'exists' | 'missing' | 'setup_failed' | 'damaged' | 'port_taken' | 'owner') {
    super(reason);
    this.name = 'HubSetupError';
  }
}

const hubFile = (dir: string) => join(dir, 'hub.json');
const DEFAULT_PORT = 5433;

/** Whether nothing listens on `port` yet (on every address, or the one the hub will listen on). */
function portFree(port: number, listen: string): Promise<boolean> {
  return new Promise((answer) => {
    const probe = createServer();
    probe.once('error', () => answer(false));
    probe.listen({ port, host: listen === '*' ? undefined : listen, exclusive: true }, () => probe.close(() => answer(true)));
  });
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a): a is NonNullable<typeof a> => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}

function ownerConnection(file: HubFile): PostgresConnection {
  return { host: '127.0.0.1', port: file.port, database: file.database, user: OWNER, password: file.ownerPassword, ssl: { ca: file.ca.certPem } };
}

/** The owner's connection to the hub in `dir` (the hub's own maintenance, and tests that look past every role). */
export function hubOwnerConnection(dir: string): PostgresConnection {
  return ownerConnection(readHubFile(dir));
}

function readHubFile(dir: string): HubFile {
  if (!existsSync(hubFile(dir))) throw new HubSetupError('missing');
  const parsed = hubFileSchema.safeParse(JSON.parse(readFileSync(hubFile(dir), 'utf8')));
  if (!parsed.success) throw new HubSetupError('damaged');
  return parsed.data;
}

async function issueToken(file: HubFile, dir: string): Promise<HubFile> {
  const token = randomBytes(24).toString('base64url');
  const until = new Date(Date.now() + TOKEN_DAYS * 24 * 3600 * 1000);
  await setEnrolmentToken(ownerClientConfig(ownerConnection(file)), scramVerifier(token), until);
  const next = { ...file, token, tokenUntil: until.toISOString() };
  writeFileAtomic(hubFile(dir), JSON.stringify(next, null, 1));
  return next;
}

/** The join code a hub's settings file stands for: address, port, database, the CA's fingerprint, the enrolment token. */
function joinCodeOf(file: HubFile): string {
  return formatJoinCode({ host: file.address, port: file.port, database: file.database, caFingerprint: fingerprint(file.ca.certPem), token: file.token });
}

/**
 * A new enrolment token for the hub that runs from this folder (`npm run hub
 * -- code`: a server's hub, whose token outlives no week): its join code and
 * until when it holds. The token before it stops working.
 */
export async function newJoinCode(dir: string): Promise<{ joinCode: string; tokenUntil: string }> {
  const current = readHubFile(dir);
  // Run as another user (root), the rewritten settings file would be theirs: the hub could not read it at its next start.
  if (process.getuid && statSync(hubFile(dir)).uid !== process.getuid()) throw new HubSetupError('owner');
  const file = await issueToken(current, dir);
  return { joinCode: joinCodeOf(file), tokenUntil: file.tokenUntil };
}

/** How often the hub looks whether its daily backup is due. */
const BACKUP_CHECK_MS = 3600_000;

function running(dir: string, file: HubFile, server: HubServer, backups = hubBackups(dir, file)): RunningHub {
  let current = file;
  let backingUp: Promise<unknown> = Promise.resolve();
  // Daily, by the hub itself (no one needs to be logged in): looked at soon after the start, then hourly.
  const daily = () => {
    if (!backups.due()) return;
    backingUp = backups.create('daily').catch((error: unknown) => {
      process.stderr.write(`M3 hub backup failed: ${error instanceof Error ? error.message : 'unexpected'}\n`);
    });
  };
  const first = setTimeout(daily, 60_000);
  const timer = setInterval(daily, BACKUP_CHECK_MS);
  first.unref();
  timer.unref();
  // The settings file as it is now: `npm run hub -- code` may have issued a new token beside this process.
  const code = () => {
    try {
      current = readHubFile(dir);
    } catch {
      // unreadable for a moment: the one known
    }
    return joinCodeOf(current);
  };
  return {
    joinCode: code(),
    port: file.port,
    caPem: file.ca.certPem,
    owner: ownerConnection(file),
    server,
    async renewJoinCode() {
      current = await issueToken(current, dir);
      return code();
    },
    clients: () => connectedClients(ownerClientConfig(ownerConnection(current))),
    async status() {
      const clients = await connectedClients(ownerClientConfig(ownerConnection(current))).catch(() => null);
      return {
        running: clients !== null,
        clients: clients ?? 0,
        address: current.address,
        port: current.port,
        joinCode: code(),
        tokenUntil: current.tokenUntil,
        volume: current.volume,
        createdAt: current.createdAt,
        moved: current.moved ?? null,
        lastBackupAt: backups.lastBackupAt(),
      };
    },
    backups,
    async firstLogin(userId, username, password, until) {
      const config = ownerClientConfig(ownerConnection(current));
      if (await loginHasPassword(config, hubRoleName(username))) return false;
      await setLoginAsOwner(config, userId, scramVerifier(hubPassword(username, password)), until);
      return true;
    },
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      // A backup under way finishes (its check database goes) before the server stops.
      await backingUp;
      await server.stop();
    },
  };
}

function hubBackups(dir: string, file: HubFile): HubBackups {
  return new HubBackups(dir, () => ownerConnection(file));
}

/** Brings the hub's database to this version's schema and applies its rights (as the owner); a backup first when there is a migration to run. */
async function migrateAsOwner(file: HubFile, backups: HubBackups): Promise<void> {
  const dialect = createDialect({ dialect: 'postgres', connection: ownerConnection(file) }, { dbFile: '' });
  const store = await dialect.open(Buffer.alloc(0), { create: false, check: false });
  let backedUp = false;
  const beforeMigration = async () => {
    if (backedUp) return;
    await backups.create('migration');
    backedUp = true;
  };
  try {
    await migrate(store.db, { dialect: dialect.migrations, beforeMigration });
    await migrateCasework(store.db, { dialect: dialect.migrations, beforeMigration });
  } finally {
    await store.close();
  }
  await prepareHubDatabase(ownerClientConfig(ownerConnection(file)), file.database);
}

/** Makes the hub's folder, CA, server and database, lets `fill` put the office in, and issues the first join code; undone entirely on failure. */
async function createHub<T>(options: HubFolderOptions, fill: (file: HubFile) => Promise<T>): Promise<{ file: HubFile; server: HubServer; result: T }> {
  const { dir } = options;
  if (existsSync(hubFile(dir))) throw new HubSetupError('exists');
  // A server on a taken port never becomes ready: said at once instead.
  if (!(await portFree(options.port ?? DEFAULT_PORT, options.listen ?? '*'))) throw new HubSetupError('port_taken');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lan = lanAddresses();
  const address = options.address ?? lan[0] ?? '127.0.0.1';
  const ca = createOfficeCa(options.officeName);
  const ips = [...new Set(['127.0.0.1', ...lan, ...(/^[\d.]+$/.test(address) ? [address] : [])])];
  const dns = [...new Set([hostname(), 'localhost', ...(/^[\d.]+$/.test(address) ? [] : [address])])];
  const server = issueServerCertificate(ca, { dns, ips });
  let file: HubFile = {
    version: 1,
    port: options.port ?? DEFAULT_PORT,
    listen: options.listen ?? '*',
    address,
    database: DATABASE,
    ownerPassword: randomBytes(24).toString('base64url'),
    ca,
    server,
    token: '',
    tokenUntil: new Date(0).toISOString(),
    volume: options.volume ?? 'unconfirmed',
    createdAt: new Date().toISOString(),
  };
  // Written first: it holds the owner's password and the CA's key (this folder lies on the encrypted volume).
  writeFileAtomic(hubFile(dir), JSON.stringify(file, null, 1));
  let pg: HubServer | null = null;
  try {
    pg = await startHubServer({
      dir,
      port: file.port,
      listen: file.listen,
      owner: { user: OWNER, password: file.ownerPassword },
      database: file.database,
      tls: { certChainPem: server.certPem + ca.certPem, keyPem: server.keyPem },
      init: true,
    });
    await ensureHubDatabase(ownerClientConfig(ownerConnection(file)), file.database);
    const result = await fill(file);
    file = await issueToken(readHubFile(dir), dir);
    return { file, server: pg, result };
  } catch (error) {
    await pg?.stop().catch(() => undefined);
    // Nothing of a hub that was never ready stays behind: the next init starts clean.
    for (const made of ['hub.json', 'pgdata', 'core', 'core.anchor']) rmSync(join(dir, made), { recursive: true, force: true });
    throw error;
  }
}

/**
 * Makes a new hub in `dir` (`npm run hub -- init`): the office CA and the
 * server's certificate, the PostgreSQL data directory, the office with its
 * first coordinator, the database's rights, and a join code. Refuses a folder
 * that holds a hub.
 */
export async function initHub(options: HubInitOptions): Promise<RunningHub> {
  const made = await createHub(options, (file) => setUpOffice(options.dir, file, options));
  return { ...running(options.dir, made.file, made.server), recoveryKey: made.result };
}

export interface HubFromPcOptions extends HubFolderOptions {
  /** The PC's open database, its case work attached. */
  source: { db: Db; dialect: Dialect };
  /** The PC's key file: the office's keys go with its data. */
  keyFile: Buffer;
  /** The coordinator making the hub: their login works at once; every other account's at its first login on the hub PC. */
  coordinator: { userId: string; username: string; password: string };
}

/**
 * "Make this PC the office hub": a new hub whose office is this PC's own —
 * every table moved and verified by counts and checksums (hub/move.ts), the
 * key file and the coordinator's login with it. The PC's file is only read.
 */
export async function initHubFromPc(options: HubFromPcOptions): Promise<RunningHub & { moved: MovedTable[] }> {
  const made = await createHub(options, async (file) => {
    const dialect = createDialect({ dialect: 'postgres', connection: ownerConnection(file) }, { dbFile: '' });
    const store = await dialect.open(Buffer.alloc(0), { create: false, check: false });
    let moved: MovedTable[];
    try {
      await migrate(store.db, { dialect: dialect.migrations });
      await migrateCasework(store.db, { dialect: dialect.migrations });
      moved = await moveOffice(options.source, { db: store.db, dialect });
    } finally {
      await store.close();
    }
    const { userId, username, password } = options.coordinator;
    await prepareHubDatabase(ownerClientConfig(ownerConnection(file)), file.database, {
      keyFile: options.keyFile,
      login: { userId, verifier: scramVerifier(hubPassword(username, password)) },
      recovery: await recoveryLoginFor(options.keyFile),
    });
    const rows = moved.reduce((sum, t) => sum + t.rows, 0);
    writeFileAtomic(hubFile(options.dir), JSON.stringify({ ...file, moved: { at: new Date().toISOString(), tables: moved.length, rows } }, null, 1));
    return moved;
  });
  return { ...running(options.dir, made.file, made.server), moved: made.result };
}

/** The recovery key's login of a new hub, sealed to the recovery key of its key file. */
async function recoveryLoginFor(keyFile: Buffer): Promise<NewRecoveryLogin | null> {
  const recipient = recoveryRecipient(keyFile);
  return recipient ? newRecoveryLogin(recipient) : null;
}

/**
 * The office and its first coordinator, made by the core itself as on a
 * single PC (on the hub's database, as its owner); then the database's rights,
 * the office's key file and the coordinator's login. Returns the recovery key.
 */
async function setUpOffice(dir: string, file: HubFile, options: HubInitOptions): Promise<string> {
  const coreDir = join(dir, 'core');
  const core = await createCore({ dataDir: coreDir, database: { dialect: 'postgres', connection: ownerConnection(file) } });
  try {
    const setup = await core.call('session.setup', {
      officeName: options.officeName,
      ...(options.officeLocation ? { officeLocation: options.officeLocation } : {}),
      displayName: options.displayName ?? options.username,
      username: options.username,
      password: options.password,
    });
    if (!setup.ok) throw Object.assign(new HubSetupError('setup_failed'), { answer: setup.error });
    const { user: me, recoveryKey } = setup.data as { user: { id: string; username: string }; recoveryKey: string };
    await core.call('session.lock', {});
    const keyFile = readFileSync(join(coreDir, 'm3desk.keys'));
    await prepareHubDatabase(ownerClientConfig(ownerConnection(file)), file.database, {
      keyFile,
      login: { userId: me.id, verifier: scramVerifier(hubPassword(me.username, options.password)) },
      recovery: await recoveryLoginFor(keyFile),
    });
    return recoveryKey;
  } finally {
    await core.close();
  }
}

/** Starts an existing hub: the server, this version's migrations and rights; the join code stays valid until its week ends. */
export async function startHub(dir: string): Promise<RunningHub> {
  let file = readHubFile(dir);
  const pg = await startHubServer({
    dir,
    port: file.port,
    listen: file.listen,
    owner: { user: OWNER, password: file.ownerPassword },
    database: file.database,
    tls: { certChainPem: file.server.certPem + file.ca.certPem, keyPem: file.server.keyPem },
  });
  const backups = hubBackups(dir, file);
  try {
    // A file held by a virus scanner must not keep the hub from starting: swept next time.
    await backups.sweep().catch(() => undefined);
    await migrateAsOwner(file, backups);
    if (Date.parse(file.tokenUntil) < Date.now() + 3600_000) file = await issueToken(file, dir);
  } catch (error) {
    await pg.stop().catch(() => undefined);
    throw error;
  }
  return running(dir, file, pg, backups);
}
