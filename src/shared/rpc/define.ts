import type { z } from 'zod';
import type { Role } from '../roles';

/** One RPC method as the contract declares it. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Roles allowed to call it while logged in. */
  roles: readonly Role[];
  /** Whether it changes data (runs in a write transaction, is audited). */
  writes: boolean;
  /** True for the few `session.*` methods that must answer while locked. */
  whenLocked?: boolean;
  /**
   * What the audit log records: every write by default ('write'), reads of
   * confidential data ('read'), or nothing for content-free housekeeping
   * such as draft autosave ('none').
   */
  audit?: 'write' | 'read' | 'none';
  /** The handler manages its own transactions (backup, restore: VACUUM cannot run inside one). */
  ownTransaction?: boolean;
  /**
   * A long read (a report, an export): it runs beside the core's one-at-a-time
   * queue, its reads on a connection of their own, so a check-in, a search or
   * the lock answers meanwhile. Like ownTransaction it is audited after the fact.
   */
  longRead?: boolean;
}

export function defineMethod<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

/** Method names are `area.verb`, e.g. `session.status`. */
export const METHOD_NAME = /^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/;
