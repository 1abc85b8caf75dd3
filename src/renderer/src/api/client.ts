import type { RpcResult } from '../../../shared/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/rpc/contract';
import type { Transport } from './transport';

/** The typed api the whole renderer uses; it cannot tell which transport carries it. */
export interface Api {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<RpcResult<MethodOutput<M>>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export function createApi(transport: Transport): Api {
  return {
    call: (method, input) => transport.call(method, input) as never,
    on: (event, listener) => transport.on(event, listener),
  };
}
