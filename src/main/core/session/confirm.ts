import { DomainError } from '../../../shared/errors';
import type { CoreServices } from '../services';
import type { Vault } from '../vault/vault';
import { wipeKeys } from '../vault/vault';

/**
 * Checks the logged-in person's password again (before a password change, a
 * new recovery key, making the office hub). A wrong one counts like a failed
 * login: guessing it here is no shortcut.
 */
export async function confirmPassword(services: CoreServices, vault: Vault, session: { userId: string; username: string }, password: string, field: string): Promise<void> {
  const { throttle } = services;
  const tag = vault.tagFor(session.username);
  const wait = throttle.waitSeconds(tag);
  if (wait > 0) throw new DomainError('AUTH_FAILED', 'errors:login_throttled', { retryAfterSeconds: wait });
  const identity = vault.user(session.userId);
  const check = identity ? await vault.unlock(identity, password) : null;
  if (!check) {
    const next = throttle.recordFailure(tag);
    throw new DomainError('VALIDATION', 'errors:VALIDATION', {
      issues: [{ path: [field], message: 'validation:current_password_wrong' }],
      ...(next > 0 ? { retryAfterSeconds: next } : {}),
    });
  }
  wipeKeys(check.keys);
  throttle.reset(tag);
}
