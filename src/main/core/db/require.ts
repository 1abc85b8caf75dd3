import { DomainError } from '../../../shared/errors';
import type { HandlerContext } from '../rpc/context';
import type { Tx } from './schema';

/** The call's database; a handler that needs one while locked is refused as LOCKED. */
export function requireDb(ctx: HandlerContext): Tx {
  if (!ctx.db) throw new DomainError('LOCKED');
  return ctx.db;
}

export function requireSession(ctx: HandlerContext) {
  if (!ctx.session) throw new DomainError('LOCKED');
  return ctx.session;
}
