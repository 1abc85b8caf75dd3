/**
 * A staff member's own login on the office hub. Its password is derived from
 * the app password (scrypt, salted with the username), so nothing stored on a
 * PC lets anyone else in, and the hub only ever receives a SCRAM verifier
 * made here: neither the app password nor the derived one leaves the PC.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';

/** The database role of an account (usernames are [a-z0-9._-], at most 40 characters). */
export function hubRoleName(username: string): string {
  return `m3u_${username.trim().toLowerCase()}`;
}

/** The database password of an account, from its app password. */
export function hubPassword(username: string, password: string): string {
  const salt = `m3desk-hub-login/${username.trim().toLowerCase()}`;
  return scryptSync(password.normalize('NFC'), salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }).toString('base64url');
}

/** PostgreSQL's stored SCRAM-SHA-256 secret for a password (RFC 5802/7677, 4096 iterations). */
export function scramVerifier(password: string): string {
  const salt = randomBytes(16);
  const iterations = 4096;
  // The derived password is base64url: SASLprep leaves it as it is.
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** The login for an account with this password: role name and database password. */
export function hubLogin(username: string, password: string): { user: string; password: string } {
  return { user: hubRoleName(username), password: hubPassword(username, password) };
}
