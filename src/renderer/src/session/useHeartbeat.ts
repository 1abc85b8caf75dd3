import { useEffect } from 'react';
import type { Api } from '../api/client';

const EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/**
 * Tells the core that someone is working, at most every few seconds: the core
 * locks itself after the configured inactivity, whatever the window does.
 */
export function useHeartbeat(api: Api, autoLockSeconds: number | undefined, enabled: boolean): void {
  useEffect(() => {
    if (!enabled || !autoLockSeconds) return;
    const interval = Math.min(15_000, (autoLockSeconds * 1000) / 3);
    let last = Date.now();
    const onActivity = () => {
      const now = Date.now();
      if (now - last < interval) return;
      last = now;
      void api.call('session.heartbeat', {});
    };
    EVENTS.forEach((e) => window.addEventListener(e, onActivity, { passive: true }));
    return () => EVENTS.forEach((e) => window.removeEventListener(e, onActivity));
  }, [api, autoLockSeconds, enabled]);
}
