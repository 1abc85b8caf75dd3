/** The `hub.*` area: where this PC's data lives, whether the office hub answers, what a replay found. */
import type { Contract } from '../../../shared/rpc/contract';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import type { OfflineCounter } from './offline-counter';

export function registerHubApp(registry: Registry<Contract>, services: CoreServices, offline: () => OfflineCounter | null): void {
  const { state } = services;
  registry.register('hub', {
    'hub.status': () => {
      const counter = offline();
      return {
        mode: state.dialect.hub ? ('hub' as const) : ('single' as const),
        online: state.hubOnline,
        pending: counter?.pending() ?? 0,
        lastReplay: counter?.lastReplay ?? null,
      };
    },
  });
}
