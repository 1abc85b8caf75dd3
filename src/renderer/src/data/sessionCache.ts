import { notifications } from '@mantine/notifications';
import type { QueryClient } from '@tanstack/react-query';
import type { SessionStatus } from '../session/SessionContext';

/**
 * Keeps the query cache to one session. Nothing cached for one person may be
 * shown to the next, so the cache (and any message on screen) is emptied
 * whenever the session ends (lock, core restart) or changes hands, before the
 * next screen renders.
 */
export class SessionCache {
  /** Whose answers the cache holds: user id and role while unlocked, else null. */
  private owner: string | null = null;

  constructor(private readonly client: QueryClient) {}

  follow(status: SessionStatus | null): void {
    const owner = status?.state === 'unlocked' ? `${status.user?.id ?? ''}:${status.user?.role ?? ''}` : null;
    if (owner === this.owner) return;
    this.client.clear();
    // Messages such as "family … saved" name people: they go with the session too.
    notifications.clean();
    this.owner = owner;
  }
}
