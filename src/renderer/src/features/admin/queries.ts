import { useInfiniteQuery } from '@tanstack/react-query';
import type { MethodInput } from '../../../../shared/rpc/contract';
import { useApi } from '../../api/ApiContext';
import { fetchRpc, toRpcError, useRpcQuery } from '../../data/useRpcQuery';

export function useUsers(includeInactive: boolean) {
  return useRpcQuery('users.list', { includeInactive }, { dependsOn: ['user'] });
}

export function useSettings() {
  return useRpcQuery('settings.get', {}, { dependsOn: ['settings'] });
}

/** Last backup and whether it is too old; the folder and how many are kept come from the settings. */
export function useBackupStatus(enabled = true) {
  return useRpcQuery('backup.status', {}, { dependsOn: ['backup', 'settings'], enabled });
}

export function useBackups() {
  return useRpcQuery('backup.list', {}, { dependsOn: ['backup', 'settings'] });
}

export type AuditFilter = Omit<MethodInput<'audit.list'>, 'beforeId' | 'limit'>;
const AUDIT_PAGE = 50;

/** The audit log, newest first, 50 entries a page; every write adds an entry, so any change refreshes it. */
export function useAuditLog(filter: AuditFilter) {
  const api = useApi();
  const query = useInfiniteQuery({
    queryKey: ['audit.list', filter],
    queryFn: ({ pageParam }) => fetchRpc(api, 'audit.list', { ...filter, ...(pageParam === undefined ? {} : { beforeId: pageParam }), limit: AUDIT_PAGE }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.hasMore ? last.items.at(-1)?.id : undefined),
    meta: { dependsOn: ['*'] },
  });
  return {
    items: query.data?.pages.flatMap((page) => page.items) ?? [],
    hasMore: query.hasNextPage,
    more: () => void query.fetchNextPage(),
    error: toRpcError(query.error),
  };
}
