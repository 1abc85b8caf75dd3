import { fail, type RpcResult } from '../../../shared/errors';
import type { PreloadApi } from '../../../shared/rpc/transport';

/** How the renderer reaches the core: IPC in the app, HTTP over loopback in the test bridge. */
export interface Transport {
  call(method: string, input: unknown): Promise<RpcResult<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    m3?: PreloadApi;
  }
}

/** In the app: the preload's bridge. */
export function preloadTransport(m3: PreloadApi): Transport {
  return {
    call: async (method, input) => {
      try {
        return await m3.call(method, input);
      } catch {
        return fail('INTERNAL', 'errors:core_unavailable');
      }
    },
    on: (event, listener) => m3.on(event, listener),
  };
}

/**
 * In the browser test bridge: POST /rpc with the per-start token from the URL
 * fragment; events arrive as server-sent events on /events.
 */
export function bridgeTransport(token: string): Transport {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  const ensureEvents = () => {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      try {
        const { event, payload } = JSON.parse(String(message.data)) as { event: string; payload?: unknown };
        listeners.get(event)?.forEach((listener) => listener(payload));
      } catch {
        // A malformed event is ignored; calls still work.
      }
    };
  };
  return {
    call: async (method, input) => {
      try {
        const response = await fetch('/rpc', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ method, input }),
        });
        if (!response.ok) return fail('INTERNAL', 'errors:network');
        return (await response.json()) as RpcResult<unknown>;
      } catch {
        return fail('INTERNAL', 'errors:network');
      }
    },
    on: (event, listener) => {
      ensureEvents();
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}

/** The preload transport when present, else the bridge token from `#token=…`. */
export function detectTransport(win: Window): Transport | null {
  if (win.m3) return preloadTransport(win.m3);
  const token = new URLSearchParams(win.location.hash.slice(1)).get('token');
  if (!token) return null;
  return bridgeTransport(token);
}
