import type { Registry } from '../rpc/registry';
import type { Contract } from '../../../shared/rpc/contract';
import type { CoreState } from '../state';

/** The `session.*` area: who is logged in, setup, login, lock. */
export function registerSessionApp(registry: Registry<Contract>, state: CoreState): void {
  registry.register('session', {
    'session.status': () => {
      const user = state.session;
      if (user) {
        return {
          state: 'unlocked',
          user: { id: user.userId, username: user.username, displayName: user.displayName, role: user.role },
          officeName: state.officeName ?? undefined,
        };
      }
      return { state: state.isSetUp() ? 'locked' : 'setup', officeName: state.officeName ?? undefined };
    },
  });
}
