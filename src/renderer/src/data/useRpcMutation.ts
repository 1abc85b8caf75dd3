import { useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { RpcResult } from '../../../shared/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/rpc/contract';
import { useApi } from '../api/ApiContext';
import { notify } from '../app/notify';
import { errorText } from '../forms/validate';
import { useT } from '../i18n/useT';

export interface RpcMutation<M extends MethodName> {
  /** Sends the write; resolves to the core's answer, never throws. */
  mutate: (input: MethodInput<M>) => Promise<RpcResult<MethodOutput<M>>>;
  pending: boolean;
}

/**
 * A write to the core. Screens showing what it changed refresh through the
 * core's `changed` event (data/changes.ts), whichever window wrote, so the
 * write itself refreshes nothing. Forms hand the answer to useRpcSubmit, which
 * puts refusals next to their fields and clears nothing typed.
 */
export function useRpcMutation<M extends MethodName>(method: M): RpcMutation<M> {
  const api = useApi();
  // gcTime 0: a finished write's input (a temporary password, a whole intake) is not kept in memory.
  const { mutateAsync, isPending } = useMutation({ mutationFn: (input: MethodInput<M>) => api.call(method, input), gcTime: 0 });
  const mutate = useCallback((input: MethodInput<M>) => mutateAsync(input), [mutateAsync]);
  return { mutate, pending: isPending };
}

/** A write from a button (no form): a refusal becomes a red notification; the answer is returned as well. */
export function useRpcAction<M extends MethodName>(method: M): RpcMutation<M> {
  const { t } = useT();
  const { mutate, pending } = useRpcMutation(method);
  const run = useCallback(
    async (input: MethodInput<M>) => {
      const result = await mutate(input);
      if (!result.ok) notify(t, 'red', errorText(t, result.error));
      return result;
    },
    [mutate, t],
  );
  return { mutate: run, pending };
}
