import type { RpcResult } from '../../../shared/errors';
import type { Api } from '../api/client';
import { preloadHome } from '../app/pages';
import type { SessionStatus } from './SessionContext';

/**
 * Asks the core where the session stands. When someone is in, the answer
 * waits for the first page's chunk, so the shell comes up with its page, not a
 * spinner. An answer overtaken by a newer question resolves to null: a lock
 * must not be undone by an unlock that was still waiting for its page.
 */
export function statusAsker(api: Api): () => Promise<RpcResult<SessionStatus> | null> {
  let latest = 0;
  return async () => {
    const ticket = (latest += 1);
    const result = await api.call('session.status', {});
    if (result.ok && result.data.state === 'unlocked' && !result.data.mustChangePassword) await preloadHome(result.data.user?.role);
    return ticket === latest ? result : null;
  };
}
