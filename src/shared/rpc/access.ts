import { CASEWORK, COORDINATOR_ONLY, OFFICE_STAFF, type Role } from '../roles';

/**
 * Rules for one record, for what a method's roles alone cannot say: which
 * parts of a family a role sees, whose confidential note it is. Handlers
 * apply them in the core (`ctx.can`); the renderer may read them to decide
 * what to show, never to protect anything.
 */
export interface RecordRule {
  /** Roles that may see such a record or part of a record at all. */
  roles: readonly Role[];
  /** Among those roles, only the record's owner (e.g. a confidential note's author). */
  ownerOnly?: boolean;
}

export const RECORD_RULES = {
  /**
   * A family's address, phone, e-mail, languages, notes, consents and
   * contacts: office staff. An event host sees what check-in needs (names,
   * members, family code).
   */
  familyDetails: { roles: OFFICE_STAFF },
  /**
   * A volunteer's address, phone, e-mail, certificates, confidentiality
   * declaration and notes: coordinators, who manage the pool. Caseworkers and
   * reception see names, roles, languages, districts and availability.
   */
  volunteerDetails: { roles: COORDINATOR_ONLY },
  /**
   * How a referral went — hours, the feedback, comments on its steps: those
   * who broker referrals (caseworkers, coordinators). Reception creates
   * requests and sees their status, dates and who was asked.
   */
  referralDetails: { roles: CASEWORK },
} as const satisfies Record<string, RecordRule>;
export type RecordRuleName = keyof typeof RECORD_RULES;

export interface Accessor {
  userId: string;
  role: Role;
}

export function mayAccess(rule: RecordRule, who: Accessor, record?: { ownerId: string | null }): boolean {
  if (!rule.roles.includes(who.role)) return false;
  if (rule.ownerOnly) return record !== undefined && record.ownerId === who.userId;
  return true;
}
