import type { RecordRuleName } from '../../../shared/rpc/access';
import type { EntityKind } from '../../../shared/rpc/events';
import type { Role } from '../../../shared/roles';
import type { Tx } from '../db/schema';

/** The logged-in staff member, as the core knows them. */
export interface SessionInfo {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  /** A temporary password must be changed before anything else. */
  mustChangePassword?: boolean;
  /** Logged in on this PC alone while the office hub did not answer: only the counter works (hub/link.ts). */
  offline?: boolean;
}

/** What every handler receives besides its parsed input. */
export interface HandlerContext {
  readonly method: string;
  readonly session: SessionInfo | null;
  /** The open database, inside this call's transaction; null while locked. */
  readonly db: Tx | null;
  /** Names the record this call touched, for the audit log (never its content). */
  audit(entityType: EntityKind, entityId: string | null): void;
  /** Other kinds of records this call changed besides the audited one (screens showing them refresh). */
  changed(...entityTypes: (EntityKind | '*')[]): void;
  /** The contract's per-record rule (RECORD_RULES) for the logged-in user; false while locked. */
  can(rule: RecordRuleName, record?: { ownerId: string | null }): boolean;
}
