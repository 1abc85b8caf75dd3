/** Types of the office hub shared by db/hub.ts and db/postgres/hub-*.ts (see db/hub.ts). */
import type { Db } from './schema';

/** Where a PC finds the hub, and the office CA it verifies the hub's certificate against. */
export interface HubEndpoint {
  host: string;
  port: number;
  database: string;
  caPem: string;
}

/** The office's key file as the hub keeps it, with the version a write must name. */
export interface HubKeyFile {
  data: Buffer;
  version: number;
  /** The recovery login's password sealed to the recovery key (null on a hub that has none yet). */
  recovery: RecoverySeal | null;
  /** The hub knows the recovery login (false: a hub from before it, to be updated). */
  recoveryLogin: boolean;
}

/** The recovery login's password, sealed (age) to the recovery key whose public key is `recipient`. */
export interface RecoverySeal {
  sealed: string;
  recipient: string;
}

/** A new password for the recovery login: what the hub stores (its SCRAM verifier) and what the PCs keep (the seal). */
export interface NewRecoveryLogin {
  verifier: string;
  seal: RecoverySeal;
}

/** The database login of the office's recovery key (no staff role is named so: theirs begin with m3u_). */
export const RECOVERY_LOGIN = 'm3_recovery';

/** Why the hub could not be used: wrong password/token, a certificate not from the office CA, no answer, no TLS. */
export class HubError extends Error {
  constructor(readonly kind: 'auth' | 'certificate' | 'unreachable' | 'no_tls' | 'fingerprint') {
    super(kind);
    this.name = 'HubError';
  }
}

/** A PC's dealings with the hub beyond the domain tables. */
export interface HubAccess {
  readonly endpoint: HubEndpoint;
  /** Logs in as the staff role and reads the office's key file; throws HubError. */
  signIn(user: string, password: string): Promise<HubKeyFile | null>;
  /** The key file as the hub has it now. */
  keyFile(db: Db): Promise<HubKeyFile | null>;
  /** Writes the key file over `expected`; null when another PC wrote in between. */
  putKeyFile(db: Db, data: Buffer, expected: number): Promise<number | null>;
  /** Creates or updates an account's login role; verifier null keeps the password; `until` ends a temporary password's login. */
  setLogin(db: Db, userId: string, verifier: string | null, until?: Date | null): Promise<void>;
  /**
   * Gives the recovery key's login a new password: its SCRAM verifier, and the
   * password sealed to the recovery key of the key file at `version`; false
   * (nothing changed) when the hub's key file is another version.
   */
  setRecoveryLogin(db: Db, verifier: string, seal: RecoverySeal, version: number): Promise<boolean>;
}

export interface HubServerOptions {
  /** The hub's folder: the PostgreSQL data directory lies inside it. */
  dir: string;
  port: number;
  /** listen_addresses: '*' on the LAN, '127.0.0.1' for tests. */
  listen: string;
  /** The database superuser (the hub's own connection, from this machine only). */
  owner: { user: string; password: string };
  /** The office's database: the only one staff logins may reach. */
  database: string;
  /** The server certificate followed by the office CA's, and the server's key. */
  tls: { certChainPem: string; keyPem: string };
  /** Create the data directory (a new hub); otherwise it must exist. */
  init?: boolean;
  /** The server died and is being started again. */
  onRestart?: () => void;
}

export interface HubServer {
  stop(): Promise<void>;
  /** Kills the server process the way a crash would (tests); `hold`: it stays down until restart(). */
  kill(options?: { hold?: boolean }): void;
  /** Starts a server held down by kill({ hold: true }). */
  restart(): Promise<void>;
}
