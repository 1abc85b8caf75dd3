/**
 * Running the office hub (DESIGN.md, "Office scale"): a PostgreSQL server in
 * the hub's folder, TLS from a new office CA, the office and its first
 * coordinator made by the core itself (as on a single PC), the database's own
 * rights applied after every migration, and a join code for the other PCs.
 * Used by `npm run hub` and by the app on the hub PC.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { createCore } from '../core';
import { createDialect } from '../db/dialects';
import type { PostgresConnection } from '../db/dialect';
import { connectedClients, ensureHubDatabase, prepareHubDatabase, setEnrolmentToken, startHubServer, type HubServer } from '../db/hub';
import { migrate, migrateCasework } from '../db/migrate';
import { writeFileAtomic } from '../files/atomic';
import { createOfficeCa, fingerprint, issueServerCertificate } from './ca';
import { formatJoinCode } from './join-code';
import { hubPassword, scramVerifier } from './login';

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
});
type HubFile = z.infer<typeof hubFileSchema>;

export interface HubInitOptions {
  dir: string;
  officeName: string;
  username: string;
  password: string;
  displayName?: string;
  port?: number;
  /** listen_addresses; default every interface (the LAN). */
  listen?: string;
  /** The address other PCs reach the hub by; default this PC's first LAN address. */
  address?: string;
  /** How the data directory's volume was judged (see README, "Office hub"). */
  volume?: HubFile['volume'];
}

export interface RunningHub {
  joinCode: string;
  /** A new hub's recovery key (shown once, as at a single PC's setup); absent when an existing hub starts. */
  recoveryKey?: string;
  port: number;
  /** The owner's connection (the hub's own work: migrations, rights, status). */
  owner: PostgresConnection;
  server: HubServer;
  /** A new join code; the previous token stops working. */
  renewJoinCode(): Promise<string>;
  clients(): Promise<number>;
  stop(): Promise<void>;
}

export class HubSetupError extends Error {
  constructor(readonly reason: 'exists' | 'missing' | 'setup_failed' | 'damaged') {
    super(reason);
    this.name = 'HubSetupError';
  }
}

const hubFile = (dir: string) => join(dir, 'hub.json');

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a): a is NonNullable<typeof a> => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}

function ownerConnection(file: HubFile): PostgresConnection {
  return { host: '127.0.0.1', port: file.port, database: file.database, user: OWNER, password: file.ownerPassword, ssl: { ca: file.ca.certPem } };
}

function pgConfig(connection: PostgresConnection) {
  return { ...connection, ssl: connection.ssl ? { ca: connection.ssl.ca } : false, connectionTimeoutMillis: 5000 };
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
  await setEnrolmentToken(pgConfig(ownerConnection(file)), scramVerifier(token), until);
  const next = { ...file, token, tokenUntil: until.toISOString() };
  writeFileAtomic(hubFile(dir), JSON.stringify(next, null, 1));
  return next;
}

function running(dir: string, file: HubFile, server: HubServer): RunningHub {
  let current = file;
  const code = () =>
    formatJoinCode({ host: current.address, port: current.port, database: current.database, caFingerprint: fingerprint(current.ca.certPem), token: current.token });
  return {
    joinCode: code(),
    port: file.port,
    owner: ownerConnection(file),
    server,
    async renewJoinCode() {
      current = await issueToken(current, dir);
      return code();
    },
    clients: () => connectedClients(pgConfig(ownerConnection(current))),
    stop: () => server.stop(),
  };
}

/** Brings the hub's database to this version's schema and applies its rights (as the owner). */
async function migrateAsOwner(file: HubFile): Promise<void> {
  const dialect = createDialect({ dialect: 'postgres', connection: ownerConnection(file) }, { dbFile: '' });
  const store = await dialect.open(Buffer.alloc(0), { create: false, check: false });
  try {
    await migrate(store.db, { dialect: dialect.migrations });
    await migrateCasework(store.db, { dialect: dialect.migrations });
  } finally {
    await store.close();
  }
  await prepareHubDatabase(pgConfig(ownerConnection(file)), file.database);
}

/**
 * Makes a new hub in `dir`: the office CA and the server's certificate, the
 * PostgreSQL data directory, the office with its first coordinator, the
 * database's rights, and a join code. Refuses a folder that holds a hub.
 */
export async function initHub(options: HubInitOptions): Promise<RunningHub> {
  const { dir } = options;
  if (existsSync(hubFile(dir))) throw new HubSetupError('exists');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const lan = lanAddresses();
  const address = options.address ?? lan[0] ?? '127.0.0.1';
  const ca = createOfficeCa(options.officeName);
  const ips = [...new Set(['127.0.0.1', ...lan, ...(/^[\d.]+$/.test(address) ? [address] : [])])];
  const dns = [...new Set([hostname(), 'localhost', ...(/^[\d.]+$/.test(address) ? [] : [address])])];
  const server = issueServerCertificate(ca, { dns, ips });
  let file: HubFile = {
    version: 1,
    port: options.port ?? 5433,
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
    await ensureHubDatabase(pgConfig(ownerConnection(file)), file.database);
    const recoveryKey = await setUpOffice(dir, file, options);
    file = await issueToken(file, dir);
    return { ...running(dir, file, pg), recoveryKey };
  } catch (error) {
    await pg?.stop().catch(() => undefined);
    // Nothing of a hub that was never ready stays behind: the next init starts clean.
    for (const made of ['hub.json', 'pgdata', 'core', 'core.anchor']) rmSync(join(dir, made), { recursive: true, force: true });
    throw error;
  }
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
      displayName: options.displayName ?? options.username,
      username: options.username,
      password: options.password,
    });
    if (!setup.ok) throw Object.assign(new HubSetupError('setup_failed'), { answer: setup.error });
    const { user: me, recoveryKey } = setup.data as { user: { id: string; username: string }; recoveryKey: string };
    await core.call('session.lock', {});
    await prepareHubDatabase(pgConfig(ownerConnection(file)), file.database, {
      keyFile: readFileSync(join(coreDir, 'm3desk.keys')),
      login: { userId: me.id, verifier: scramVerifier(hubPassword(me.username, options.password)) },
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
  try {
    await migrateAsOwner(file);
    if (Date.parse(file.tokenUntil) < Date.now() + 3600_000) file = await issueToken(file, dir);
  } catch (error) {
    await pg.stop().catch(() => undefined);
    throw error;
  }
  return running(dir, file, pg);
}
