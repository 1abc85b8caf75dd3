import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RpcError } from '../../../shared/errors';
import { contract, type MethodInput, type MethodName, type MethodOutput } from '../../../shared/rpc/contract';
import { useApi } from '../api/ApiContext';
import type { Api } from '../api/client';
import type { Dependency } from './entities';

/** A refusal carried through TanStack Query's error channel; it never leaves this module as a throw. */
class RpcFailure extends Error {
  constructor(readonly rpc: RpcError) {
    super(rpc.message);
    this.name = 'RpcFailure';
  }
}

/** A query function for TanStack Query: the answer's data, or the refusal thrown as an RpcFailure. */
export async function fetchRpc<M extends MethodName>(api: Api, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await api.call(method, input);
  if (!result.ok) throw new RpcFailure(result.error);
  return result.data;
}

/** A query's error back as the core's refusal value. */
export function toRpcError(error: Error | null): RpcError | null {
  if (error === null) return null;
  return error instanceof RpcFailure ? error.rpc : { code: 'INTERNAL', message: 'errors:INTERNAL' };
}

export interface RpcQueryOptions {
  /** Kinds of records the answer is made of: a `changed` event naming one of them refetches it. */
  dependsOn: readonly Dependency[];
  enabled?: boolean;
  /**
   * Keep showing the previous answer while the one for a new input loads
   * (search as you type); a function decides by the previous input whether
   * its answer still fits (not after the field was cleared and a new text begun).
   */
  keepPrevious?: boolean | ((previousInput: unknown) => boolean);
}

export interface RpcQuery<T> {
  data: T | undefined;
  /** The core's refusal, as a value; the last good answer stays in `data`. */
  error: RpcError | null;
  /** Nothing to show yet. */
  pending: boolean;
}

/** TanStack's placeholder for a kept previous answer: always, never, or when the previous input still fits. */
function placeholderFor(keep: RpcQueryOptions['keepPrevious']) {
  if (!keep) return undefined;
  if (keep === true) return keepPreviousData;
  const fits = (previous: unknown, previousQuery?: { queryKey: readonly unknown[] }) => (previousQuery && keep(previousQuery.queryKey[1]) ? previous : undefined);
  return fits as unknown as typeof keepPreviousData;
}

/**
 * A read from the core through the cache. The key is the method and its
 * input, so each input has its own answer: a late answer to an older search
 * text lands under its own key and never replaces the newer one.
 */
export function useRpcQuery<M extends MethodName>(method: M, input: MethodInput<M>, options: RpcQueryOptions): RpcQuery<MethodOutput<M>> {
  const api = useApi();
  // A read the core audits (a family's page) is asked again each time the page opens and never
  // kept once it closes: every look at it leaves its own trace, and none is served from memory.
  const audited = contract[method].audit === 'read';
  const query = useQuery({
    ...(audited ? { gcTime: 0, staleTime: 0, refetchOnMount: 'always' as const } : {}),
    queryKey: [method, input],
    queryFn: () => fetchRpc(api, method, input),
    meta: { dependsOn: options.dependsOn },
    enabled: options.enabled ?? true,
    placeholderData: placeholderFor(options.keepPrevious),
  });
  return { data: query.data, error: toRpcError(query.error), pending: query.isPending };
}
