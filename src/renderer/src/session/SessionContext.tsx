import { createContext, useContext } from 'react';
import type { MethodOutput } from '../../../shared/rpc/contract';

export type SessionStatus = MethodOutput<'session.status'>;

export interface SessionApi {
  status: SessionStatus;
  /** Asks the core again (after login, lock, password change). */
  refresh: () => Promise<void>;
  /** Saves drafts, then locks: the core closes the database and wipes the key. */
  lock: () => Promise<void>;
}

export const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionContext');
  return session;
}
