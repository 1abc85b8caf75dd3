/**
 * A PC joins the office hub with its join code: the hub's certificate chain
 * must contain the office CA the code names (by fingerprint) — from then on
 * every connection verifies the hub against that CA (verify-full) — and the
 * enrolment token brings the office's key file. The PC keeps where the hub is
 * in hub.json beside its key file; its own SQLite file is not used any more.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { DatabaseConfig } from '../db/dialect';
import { fetchCertificateChain, HubError, redeemEnrolment, type HubEndpoint } from '../db/hub';
import { writeFileAtomic } from '../files/atomic';
import { corePaths } from '../state';
import { fingerprint } from './ca';
import { parseJoinCode } from './join-code';
import { keepRecoverySeal } from './recovery';

const joinedSchema = z.object({
  version: z.literal(1),
  host: z.string(),
  port: z.number().int(),
  database: z.string(),
  caPem: z.string(),
  joinedAt: z.string(),
});

export class JoinError extends Error {
  constructor(readonly reason: 'code' | 'set_up' | 'no_key_file' | HubError['kind']) {
    super(reason);
    this.name = 'JoinError';
  }
}

const joinedFile = (dataDir: string) => join(dataDir, 'hub.json');

/** The hub this PC joined, as the core's database configuration; null on a single PC. */
export function joinedHub(dataDir: string): DatabaseConfig | null {
  const file = joinedFile(dataDir);
  if (!existsSync(file)) return null;
  const joined = joinedSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  return {
    dialect: 'postgres',
    hub: true,
    connection: { host: joined.host, port: joined.port, database: joined.database, user: '', password: '', ssl: { ca: joined.caPem } },
  };
}

/** Joins the hub named by `code`. Refuses a PC that already holds an office of its own or a hub. */
export async function joinHub(dataDir: string, code: string): Promise<void> {
  const parsed = parseJoinCode(code);
  if (!parsed) throw new JoinError('code');
  const paths = corePaths(dataDir);
  if (existsSync(paths.keysFile) || existsSync(joinedFile(dataDir))) throw new JoinError('set_up');
  let chain: string[];
  try {
    chain = await fetchCertificateChain(parsed.host, parsed.port);
  } catch (error) {
    throw new JoinError(error instanceof HubError ? error.kind : 'unreachable');
  }
  // Only a CA certificate with the code's fingerprint is trusted; the server's own must be issued by it (checked by TLS below).
  const caPem = chain.find((pem) => fingerprint(pem) === parsed.caFingerprint && new X509Certificate(pem).ca);
  if (!caPem) throw new JoinError('fingerprint');
  const endpoint: HubEndpoint = { host: parsed.host, port: parsed.port, database: parsed.database, caPem };
  let keyFile;
  try {
    keyFile = await redeemEnrolment(endpoint, parsed.token);
  } catch (error) {
    throw new JoinError(error instanceof HubError ? error.kind : 'unreachable');
  }
  if (!keyFile) throw new JoinError('no_key_file');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileAtomic(paths.keysFile, keyFile.data);
  keepRecoverySeal(dataDir, keyFile.recovery);
  rememberHub(dataDir, endpoint);
}

/** Where this PC's hub is, from now on (the hub PC names its own hub on loopback, verified against the office CA like everyone else). */
export function rememberHub(dataDir: string, endpoint: HubEndpoint): void {
  writeFileAtomic(joinedFile(dataDir), JSON.stringify({ version: 1, ...endpoint, joinedAt: new Date().toISOString() }, null, 1));
}
