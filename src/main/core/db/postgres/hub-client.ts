/**
 * What a PC does with the office hub outside the domain tables: fetch the
 * hub's certificate chain to check the office CA's fingerprint (enrolment),
 * redeem the enrolment token for the office's key file, and keep the key
 * file and the staff login roles in step.
 */
import { Socket } from 'node:net';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import { sql } from 'kysely';
import pg from 'pg';
import type { HubEndpoint, HubKeyFile, RecoverySeal } from '../hub-types';
import { HubError } from '../hub-types';
import type { Db } from '../schema';
import { ENROL_ROLE } from './hub-rights';

function pemOf(raw: Buffer): string {
  const b64 = raw.toString('base64').match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/**
 * The certificates the server presents (its own and the CA's), without
 * trusting them yet: PostgreSQL's SSLRequest, then a TLS handshake that
 * verifies nothing. The caller accepts a CA only by its fingerprint.
 */
export function fetchCertificateChain(host: string, port: number, timeoutMs = 5000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new HubError('unreachable'));
    }, timeoutMs);
    const done = (error: Error | null, chain?: string[]) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(chain!);
    };
    socket.once('error', () => done(new HubError('unreachable')));
    socket.connect(port, host, () => {
      const request = Buffer.alloc(8);
      request.writeInt32BE(8, 0);
      request.writeInt32BE(80877103, 4);
      socket.write(request);
      socket.once('data', (answer) => {
        if (answer[0] !== 0x53) return done(new HubError('no_tls'));
        const tls = tlsConnect({ socket, rejectUnauthorized: false, ...(isIp(host) ? {} : { servername: host }) }, () => {
          const chain: string[] = [];
          let cert: PeerCertificate | undefined = tls.getPeerCertificate(true);
          const seen = new Set<string>();
          while (cert?.raw && !seen.has(cert.fingerprint256)) {
            seen.add(cert.fingerprint256);
            chain.push(pemOf(cert.raw));
            cert = (cert as { issuerCertificate?: PeerCertificate }).issuerCertificate;
          }
          tls.destroy();
          done(null, chain);
        });
        tls.once('error', () => done(new HubError('no_tls')));
      });
    });
  });
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

/** Connection settings for a role on the hub: TLS verified against the office CA (verify-full). */
export function clientConfig(endpoint: HubEndpoint, user: string, password: string): pg.ClientConfig {
  return {
    host: endpoint.host,
    port: endpoint.port,
    database: endpoint.database,
    user,
    password,
    ssl: { ca: endpoint.caPem, rejectUnauthorized: true, ...(isIp(endpoint.host) ? {} : { servername: endpoint.host }) },
    connectionTimeoutMillis: 5000,
  };
}

/** PostgreSQL's answer to a login as what the PC should say. */
export function hubErrorOf(error: unknown): HubError {
  if (error instanceof HubError) return error;
  const code = (error as { code?: string } | null)?.code;
  // invalid_password, invalid_authorization_specification (no such role, NOLOGIN, expired)
  if (code === '28P01' || code === '28000') return new HubError('auth');
  const message = error instanceof Error ? error.message : '';
  if (/certificate|self[- ]signed|altname|SSL|TLS/i.test(message) || (error as { code?: string })?.code?.startsWith?.('ERR_TLS') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'SELF_SIGNED_CERT_IN_CHAIN' || code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new HubError('certificate');
  }
  return new HubError('unreachable');
}

async function withClient<T>(config: pg.ClientConfig, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(config);
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw hubErrorOf(error);
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The key file with the recovery login's sealed password, in one read. */
const KEY_FILE_READ = 'SELECT k.data, k.version, r.sealed, r.recipient FROM m3hub.keyfile k LEFT JOIN m3hub.recovery_login r ON r.id = 1 WHERE k.id = 1';
/** The same on a hub from before the recovery login: no seal, and no recovery there until the hub is updated (its start applies the rights). */
const KEY_FILE_READ_OLD = 'SELECT k.data, k.version, NULL AS sealed, NULL AS recipient FROM m3hub.keyfile k WHERE k.id = 1';
const UNDEFINED_TABLE = '42P01';
type KeyFileRow = { data: Buffer; version: number; sealed: string | null; recipient: string | null };

const sealOf = (row: { sealed: string | null; recipient: string | null } | undefined): RecoverySeal | null =>
  row?.sealed && row.recipient ? { sealed: row.sealed, recipient: row.recipient } : null;
const keyFileOf = (row: KeyFileRow | undefined, recoveryLogin: boolean): HubKeyFile | null =>
  row ? { data: row.data, version: row.version, recovery: sealOf(row), recoveryLogin } : null;
const isUndefinedTable = (error: unknown) => (error as { code?: string }).code === UNDEFINED_TABLE;

/** Outside a transaction only: on a hub from before the recovery login the first read fails. */
async function readWith(query: (text: string) => Promise<KeyFileRow[]>): Promise<HubKeyFile | null> {
  try {
    return keyFileOf((await query(KEY_FILE_READ))[0], true);
  } catch (error) {
    if (!isUndefinedTable(error)) throw error;
    return keyFileOf((await query(KEY_FILE_READ_OLD))[0], false);
  }
}

/** Redeems the enrolment token: the office's key file, or HubError('auth') for a token that is wrong or expired. */
export function redeemEnrolment(endpoint: HubEndpoint, token: string): Promise<HubKeyFile | null> {
  return withClient(clientConfig(endpoint, ENROL_ROLE, token), async (client) => {
    const result = await client.query<{ keyfile: Buffer; version: number }>('SELECT keyfile, version FROM m3hub.enrol()');
    const row = result.rows[0];
    if (!row) return null;
    // Read after the key file: a seal made meanwhile is for a key file this PC takes at its first login.
    try {
      const seal = await client.query<{ sealed: string; recipient: string }>('SELECT sealed, recipient FROM m3hub.recovery_login WHERE id = 1');
      return { data: row.keyfile, version: row.version, recovery: sealOf(seal.rows[0]), recoveryLogin: true };
    } catch (error) {
      if (!isUndefinedTable(error)) throw error;
      return { data: row.keyfile, version: row.version, recovery: null, recoveryLogin: false };
    }
  });
}

/** Logs in as a staff role and reads the office's key file (the login proves the password). */
export function readKeyFile(endpoint: HubEndpoint, user: string, password: string): Promise<HubKeyFile | null> {
  return withClient(clientConfig(endpoint, user, password), (client) => readWith(async (text) => (await client.query<KeyFileRow>(text)).rows));
}

/** The office's key file as the hub has it now (read in the session's own connection, outside a transaction). */
export function currentKeyFile(db: Db): Promise<HubKeyFile | null> {
  return readWith(async (text) => (await sql.raw<KeyFileRow>(text).execute(db)).rows);
}

/** Writes the key file over the version it replaces; null when another PC wrote in between. */
export async function writeKeyFile(db: Db, data: Buffer, expected: number): Promise<number | null> {
  try {
    const result = await sql<{ v: number | null }>`SELECT m3hub.put_keyfile(${data}, ${expected}) AS v`.execute(db);
    return result.rows[0]?.v ?? null;
  } catch (error) {
    // A hub from before its function took two writes at once: the second's history row collides — the same CONFLICT.
    if ((error as { code?: string }).code === '23505') return null;
    throw error;
  }
}

/** Creates or updates an account's login role (verifier null: keep the password, follow role and active; until: a temporary password's end). */
export async function setLogin(db: Db, userId: string, verifier: string | null, until: Date | null = null): Promise<void> {
  await sql`SELECT m3hub.set_login(${userId}, ${verifier}, ${until ? until.toISOString() : null}::timestamptz)`.execute(db);
}

/** The recovery key's login gets a new password (its SCRAM verifier), sealed to the recovery key for the PCs. */
export async function setRecoveryLogin(db: Db, verifier: string, seal: RecoverySeal, version: number): Promise<boolean> {
  const result = await sql<{ set: boolean }>`SELECT m3hub.set_recovery_login(${verifier}, ${seal.sealed}, ${seal.recipient}, ${version}::integer) AS set`.execute(db);
  return result.rows[0]?.set === true;
}
