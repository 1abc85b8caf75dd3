import { z } from 'zod';

/** Staff roles (DESIGN.md, "Who uses it"). Volunteers are records, not users. */
export const ROLES = ['coordinator', 'caseworker', 'reception', 'host'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** Shorthands for the contract's role lists. */
export const ALL_ROLES: readonly Role[] = ROLES;
export const COORDINATOR_ONLY: readonly Role[] = ['coordinator'];
export const OFFICE_STAFF: readonly Role[] = ['coordinator', 'caseworker', 'reception'];
/** Case work: notes and plans are read and written by these only (and only they hold the casework key). */
export const CASEWORK: readonly Role[] = ['coordinator', 'caseworker'];
