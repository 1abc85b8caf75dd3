import { QueryClient } from '@tanstack/react-query';
import type { Dependency } from './entities';

declare module '@tanstack/react-query' {
  interface Register {
    /** Every query names the kinds of records its answer is made of (see data/changes.ts). */
    queryMeta: { dependsOn: readonly Dependency[] };
  }
}

/**
 * The renderer's one cache of answers from the core. The core announces every
 * committed write (`changed`), so an answer stays current until such an event
 * marks it stale: no timers, no refetch on focus. A refused call is not
 * retried; it would be refused again.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}
