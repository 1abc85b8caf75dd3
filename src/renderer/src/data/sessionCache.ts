import type { QueryClient } from '@tanstack/react-query';
import type { SessionStatus } from '../session/SessionContext';

/**
 * Keeps the query cache to one session. Nothing cached for one person may be
 * shown to the next, so the cache is emptied whenever the session ends (lock,
 * core restart) or changes hands, before the next screen renders.
 */
export class SessionCache {
  /** Whose answers the cache holds: the user id while unlocked, else null. */
  private owner: string | null = null;

  constructor(private readonly client: QueryClient) {}

  follow(status: SessionStatus | null): void {
    const owner = status?.state === 'unlocked' ? (status.user?.id ?? '') : null;
    if (owner === this.owner) return;
    this.client.clear();
    this.owner = owner;
  }
}
