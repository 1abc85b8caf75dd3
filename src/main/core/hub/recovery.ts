/**
 * The printed recovery key on a PC of the office hub. The key unlocks its
 * identity in the key file, as on a single PC — but on the hub nothing opens
 * without a database login. So the recovery key has a login of its own
 * (RECOVERY_LOGIN), whose random password the hub keeps sealed (age) to the
 * recovery key's public key: every PC keeps a copy of that seal (from its
 * enrolment and each login), and only the printed key opens it. A new
 * password is sealed by a new hub, and (sync.ts) by a new recovery key, a
 * recovery used and a coordinator leaving the key file.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RECOVERY_LOGIN, type NewRecoveryLogin, type RecoverySeal } from '../db/hub';
import { writeFileAtomic } from '../files/atomic';
import { parseKeyFile, type KeyFile } from '../vault/keyfile';
import { seal, unseal, type PrivateKey } from '../vault/seal';
import { scramVerifier } from './login';

const sealFile = (dataDir: string) => join(dataDir, 'hub-recovery.age');

/** A new password for the recovery login: what the hub stores (verifier) and what the PCs keep (seal). */
export async function newRecoveryLogin(recipient: string): Promise<NewRecoveryLogin> {
  const secret = randomBytes(32);
  const password = secret.toString('base64url');
  try {
    return { verifier: scramVerifier(password), seal: { sealed: await seal(Buffer.from(password), [recipient]), recipient } };
  } finally {
    secret.fill(0);
  }
}

/** The recovery key's public key in a key file (null when the file has no recovery identity). */
export function recoveryRecipient(keyFile: Buffer | KeyFile): string | null {
  const parsed = Buffer.isBuffer(keyFile) ? parseKeyFile(keyFile.toString('utf8')) : keyFile;
  return parsed.identities.find((i) => i.kind === 'recovery')?.recipient ?? null;
}

/** Keeps the hub's current seal on this PC (none on the hub: the old copy opens nothing any more). */
export function keepRecoverySeal(dataDir: string, recovery: RecoverySeal | null): void {
  const file = sealFile(dataDir);
  if (recovery === null) {
    rmSync(file, { force: true });
    return;
  }
  if (!existsSync(file) || readFileSync(file, 'utf8') !== recovery.sealed) writeFileAtomic(file, recovery.sealed);
}

/** The recovery login, opened with the recovery identity's private key; null when this PC holds no seal or it is not for this key. */
export async function openRecoveryLogin(dataDir: string, privateKey: PrivateKey): Promise<{ user: string; password: string } | null> {
  const file = sealFile(dataDir);
  if (!existsSync(file)) return null;
  const opened = await unseal(readFileSync(file, 'utf8'), privateKey);
  if (!opened) return null;
  const password = opened.toString('utf8');
  opened.fill(0);
  return { user: RECOVERY_LOGIN, password };
}
