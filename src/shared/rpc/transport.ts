import type { RpcResult } from '../errors';

/** What the preload exposes on `window.m3`. */
export interface PreloadApi {
  call(method: string, input: unknown): Promise<RpcResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** The name of the single IPC channel for calls, and the prefix for events. */
export const IPC_CALL_CHANNEL = 'm3:call';
export const IPC_EVENT_CHANNEL = 'm3:event';
