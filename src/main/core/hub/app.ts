/** The office hub's methods: joining it (session.joinHub) and `hub.status` — where this PC's data lives, whether the hub answers, what a replay found. */
import { DomainError } from '../../../shared/errors';
import type { Contract } from '../../../shared/rpc/contract';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { joinHub, JoinError } from './join';
import type { OfflineCounter } from './offline-counter';

/** What a person is told when joining did not work. */
function joinRefusal(error: JoinError): DomainError {
  const field = (message: string) => new DomainError('VALIDATION', 'errors:VALIDATION', { issues: [{ path: ['code'], message }] });
  switch (error.reason) {
    case 'code':
      return field('validation:join_code_invalid');
    case 'auth':
      return field('validation:join_code_expired');
    case 'set_up':
      return new DomainError('CONFLICT', 'errors:hub_join_set_up');
    case 'fingerprint':
    case 'certificate':
    case 'no_tls':
      return new DomainError('INTERNAL', 'errors:hub_certificate');
    default:
      return new DomainError('INTERNAL', 'errors:hub_unreachable');
  }
}

export function registerHubApp(registry: Registry<Contract>, services: CoreServices, offline: () => OfflineCounter | null): void {
  const { state } = services;
  // First run: a PC joins the office hub (a session.* method: it answers while nobody is logged in).
  registry.register('session', {
    'session.joinHub': async ({ code }) => {
      // A PC with an office of its own keeps it: joining would put it aside unseen.
      if (state.isSetUp() || state.dialect.hub) throw new DomainError('CONFLICT', 'errors:hub_join_set_up');
      try {
        await joinHub(state.paths.dataDir, code);
      } catch (error) {
        if (error instanceof JoinError) throw joinRefusal(error);
        throw error;
      }
      // The core starts again on the hub's database (the host restarts it).
      services.restart?.();
      return { joined: true as const };
    },
  });
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
