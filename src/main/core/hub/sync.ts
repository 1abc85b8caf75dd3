/**
 * A PC of the office hub keeps the office's key file and the staff login
 * roles in step with the hub: at login the hub's key file replaces this PC's
 * copy; after anything that changed the key file (an account, a password, a
 * key change) this PC's copy goes to the hub together with the changed
 * logins, in one transaction — so the hub never holds a password's login
 * without its key slot, or the other way round.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { DomainError } from '../../../shared/errors';
import { HubError, RECOVERY_LOGIN, type HubKeyFile, type RecoverySeal } from '../db/hub-types';
import { writeFileAtomic } from '../files/atomic';
import { parseKeyFile, type KeyFile } from '../vault/keyfile';
import type { PrivateKey } from '../vault/seal';
import type { CoreServices } from '../services';
import { hubLogin, hubPassword, scramVerifier } from './login';
import { keepRecoverySeal, newRecoveryLogin, openRecoveryLogin, recoveryRecipient } from './recovery';

export interface LoginChange {
  userId: string;
  username: string;
  /** The account's new password; null keeps it (a role change, a deactivation). */
  password: string | null;
  /** A temporary password's end: its database login ends then too. */
  until?: Date | undefined;
}

const hashOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** What a person is told when the hub refused or could not be reached. */
export function hubFailure(error: HubError): DomainError {
  if (error.kind === 'auth') return new DomainError('AUTH_FAILED');
  if (error.kind === 'certificate' || error.kind === 'fingerprint' || error.kind === 'no_tls') return new DomainError('INTERNAL', 'errors:hub_certificate');
  return new DomainError('INTERNAL', 'errors:hub_unreachable');
}

/**
 * Logs in to the hub as the account's own database role and takes the hub's
 * key file. Throws HubError (a wrong password is 'auth').
 */
export async function signInToHub(services: CoreServices, username: string, password: string): Promise<void> {
  const { state } = services;
  const hub = state.dialect.hub;
  if (!hub) return;
  const login = hubLogin(username, password);
  takeKeyFile(services, await hub.signIn(login.user, login.password));
  state.hubLogin = login;
}

/** The hub's key file becomes this PC's copy — unless it is no key file (damaged, or written by a hostile client): then this PC keeps its own. */
function takeKeyFile(services: CoreServices, file: HubKeyFile | null): void {
  const { state } = services;
  if (!file) return;
  let parsed: KeyFile;
  try {
    parsed = parseKeyFile(file.data.toString('utf8'));
  } catch {
    services.log.error('hub_keyfile_unreadable', { version: file.version });
    throw new DomainError('INTERNAL', 'errors:keys_damaged');
  }
  const local = existsSync(state.paths.keysFile) ? readFileSync(state.paths.keysFile) : null;
  if (!local || !local.equals(file.data)) writeFileAtomic(state.paths.keysFile, file.data);
  keepRecoverySeal(state.paths.dataDir, file.recovery);
  state.hubKeyFile = {
    version: file.version,
    hash: hashOf(file.data),
    keyRecipient: recoveryRecipient(parsed),
    recoveryRecipient: file.recovery?.recipient ?? null,
    recoveryLogin: file.recoveryLogin,
  };
}

/**
 * Before the key file is changed: another PC may have changed it since this
 * session began (a new account, a password), so the hub's copy is taken first.
 */
export async function refreshKeyFile(services: CoreServices): Promise<void> {
  const { state } = services;
  const hub = state.dialect.hub;
  if (!hub || !state.db) return;
  takeKeyFile(services, await hub.keyFile(state.db));
}

/**
 * Sends this PC's key file to the hub when it changed, with the login roles
 * of `logins`, in one transaction — and, when a coordinator (or a recovery)
 * acts, a new password for the recovery key's login sealed to the key file's
 * recovery key (sealNeeded). A key file another PC changed meanwhile is not
 * overwritten: CONFLICT, and this PC's copy is the hub's again at the next
 * login.
 */
export async function syncHub(services: CoreServices, logins: LoginChange[] = []): Promise<void> {
  const { state } = services;
  const hub = state.dialect.hub;
  const db = state.db;
  const known = state.hubKeyFile;
  if (!hub || !db || !known || !existsSync(state.paths.keysFile)) return;
  const bytes = readFileSync(state.paths.keysFile);
  const hash = hashOf(bytes);
  const changed = hash !== known.hash;
  // Runs after every write call: the key file is parsed only when it changed.
  const keyRecipient = changed ? recoveryRecipient(bytes) : known.keyRecipient;
  // Sealed only by whoever acts for the office (a coordinator, a recovery): the hub lets no one else.
  const recipient = state.allKeys() && known.recoveryLogin ? keyRecipient : null;
  if (!changed && logins.length === 0 && (recipient === null || recipient === known.recoveryRecipient)) return;
  const expected = known.version;
  let version = expected;
  const sealed = await db.transaction().execute(async (trx): Promise<RecoverySeal | null> => {
    const before = changed && recipient !== null ? await hub.keyFile(trx) : null;
    if (changed) {
      const written = await hub.putKeyFile(trx, bytes, expected);
      if (written === null) throw new DomainError('CONFLICT', 'errors:hub_keys_changed');
      version = written;
    }
    for (const change of logins) {
      await hub.setLogin(trx, change.userId, change.password === null ? null : scramVerifier(hubPassword(change.username, change.password)), change.until ?? null);
    }
    if (recipient === null || !sealNeeded(state, recipient, before?.data ?? null, bytes)) return null;
    const made = await newRecoveryLogin(recipient);
    return (await hub.setRecoveryLogin(trx, made.verifier, made.seal, version)) ? made.seal : null;
  });
  state.hubKeyFile = { ...known, version, hash, keyRecipient, ...(sealed ? { recoveryRecipient: sealed.recipient } : {}) };
  if (sealed) keepRecoverySeal(state.paths.dataDir, sealed);
}

/**
 * When the recovery login needs a new password: the hub has none for this
 * recovery key (a new key, a hub from before); the recovery login itself
 * acted (its password was open on this PC); or a coordinator left the key
 * file (they could have set a password of their own). Not after every
 * change: a PC keeps the seal from its last login, and a new one would make
 * that copy useless.
 */
function sealNeeded(state: CoreServices['state'], recipient: string, before: Buffer | null, after: Buffer): boolean {
  if (recipient !== state.hubKeyFile?.recoveryRecipient) return true;
  if (state.hubLogin?.user === RECOVERY_LOGIN) return true;
  if (!before) return false;
  const coordinators = (file: Buffer) =>
    new Set(parseKeyFile(file.toString('utf8')).identities.filter((i) => i.kind === 'user' && i.role === 'coordinator').map((i) => i.userId));
  const now = coordinators(after);
  return [...coordinators(before)].some((id) => !now.has(id));
}

/**
 * Logs in to the hub as the recovery key's login (its password opened with
 * the recovery identity's private key) and takes the hub's key file. False
 * when this PC holds no seal for this key; throws HubError.
 */
export async function signInWithRecovery(services: CoreServices, privateKey: PrivateKey): Promise<boolean> {
  const { state } = services;
  const hub = state.dialect.hub;
  if (!hub) return false;
  const login = await openRecoveryLogin(state.paths.dataDir, privateKey);
  if (!login) return false;
  takeKeyFile(services, await hub.signIn(login.user, login.password));
  state.hubLogin = login;
  return true;
}

/** syncHub after a call or deferred work, whose own answer is already given: a failure is logged and tried again after the next call. */
export async function syncHubQuietly(services: CoreServices): Promise<void> {
  try {
    await syncHub(services);
  } catch (error) {
    services.log.error('hub_sync_failed', { error: error instanceof Error ? error.name : 'unknown' });
  }
}

export { HubError };
