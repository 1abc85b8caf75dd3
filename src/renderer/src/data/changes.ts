import type { QueryClient } from '@tanstack/react-query';
import type { Api } from '../api/client';
import { changedKinds, isAffected } from './entities';

/** Marks every cached answer that depends on the changed kinds stale; the ones on screen refetch at once. */
export function invalidateChanged(client: QueryClient, changed: readonly string[]): Promise<void> {
  return client.invalidateQueries({ predicate: (query) => isAffected(query.meta?.dependsOn, changed) });
}

/**
 * Listens once for the core's change announcements: `changed` after every
 * committed write (from any screen, window or tab), and `backup-created` for
 * the daily backup the core makes on its own. Returns the unsubscribe function.
 */
export function subscribeToChanges(api: Api, client: QueryClient, onChanged?: (kinds: readonly string[]) => void): () => void {
  const offChanged = api.on('changed', (payload) => {
    const kinds = changedKinds(payload);
    if (!kinds) return;
    void invalidateChanged(client, kinds);
    onChanged?.(kinds);
  });
  const offBackup = api.on('backup-created', () => void invalidateChanged(client, ['backup']));
  return () => {
    offChanged();
    offBackup();
  };
}
