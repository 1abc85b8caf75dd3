/**
 * Opening case work for a session that holds the casework key: the store
 * attaches it (SQLite: its own encrypted file), then the case-work migration
 * track runs. A case-work file that does not open never locks anyone out of
 * the office's database: the session goes on without case work and says so.
 */
import { DomainError } from '../../../shared/errors';
import { StoreOpenError } from '../db/dialect';
import { migrateCasework } from '../db/migrate';
import type { CoreServices } from '../services';
import type { HandlerContext } from '../rpc/context';
import type { Tx } from '../db/schema';

export async function openCasework(services: CoreServices, key: Buffer, generation: number, create = false): Promise<void> {
  const { state } = services;
  const store = state.store;
  if (!store || store.caseworkAttached) return;
  try {
    await store.attachCasework(key, generation, { create });
    await migrateCasework(store.db, { dialect: state.dialect.migrations, schemaIsHubs: !!state.dialect.hub });
    state.caseworkFailure = null;
    state.caseworkReady = true;
  } catch (error) {
    // Whatever failed (the file, a migration), case work stays closed for this session; the office's data does not.
    state.caseworkReady = false;
    const kind = error instanceof StoreOpenError ? error.kind : error instanceof DomainError ? error.code : error instanceof Error ? error.name : 'unknown';
    services.log.error('casework_open_failed', { kind, code: (error instanceof StoreOpenError && error.code) || '' });
    state.caseworkFailure = error instanceof DomainError && error.code === 'CONFLICT' ? 'newer' : 'unavailable';
  }
}

/**
 * The case-work tables for a call: FORBIDDEN to roles without the casework
 * key (also checked by the dispatcher's roles), a clear error when this
 * session's case-work file did not open.
 */
export function caseworkDb(ctx: HandlerContext, services: CoreServices): Tx {
  const { state } = services;
  if (!state.keys?.casework) throw new DomainError('FORBIDDEN');
  if (!state.store?.caseworkAttached || !state.caseworkReady) throw new DomainError('INTERNAL', state.caseworkFailure === 'newer' ? 'errors:db_newer_than_app' : 'errors:casework_unavailable');
  if (!ctx.db) throw new DomainError('LOCKED');
  return ctx.db;
}
