import type { Role } from '../../../shared/roles';

/** The logged-in staff member, as the core knows them. */
export interface SessionInfo {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
}

/** What every handler receives besides its parsed input. */
export interface HandlerContext {
  readonly method: string;
  readonly session: SessionInfo | null;
}
