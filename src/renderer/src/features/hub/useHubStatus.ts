import { useEffect, useState } from 'react';
import type { HubStatus } from '../../../../shared/rpc/areas/hub';
import { useApi } from '../../api/ApiContext';

/**
 * Whether this PC works on the office hub and whether the hub answers: asked
 * once, then again whenever the core says the hub stopped or started
 * answering (the `hub` event).
 */
export function useHubStatus(): HubStatus | null {
  const api = useApi();
  const [status, setStatus] = useState<HubStatus | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void api.call('hub.status', {}).then((result) => {
        if (live && result.ok) setStatus(result.data);
      });
    load();
    const off = api.on('hub', load);
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return status;
}
