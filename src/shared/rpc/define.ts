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
}

export function defineMethod<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

/** Method names are `area.verb`, e.g. `session.status`. */
export const METHOD_NAME = /^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/;
