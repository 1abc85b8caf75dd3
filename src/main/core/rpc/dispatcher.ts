import type { RpcError, RpcResult } from '../../../shared/errors';
import { DomainError, fail } from '../../../shared/errors';
import { mayAccess, RECORD_RULES } from '../../../shared/rpc/access';
import type { MethodSpec } from '../../../shared/rpc/define';
import type { CoreEvents, EntityKind } from '../../../shared/rpc/events';
import { toFieldIssues } from '../../../shared/validation';
import type { Db, Tx } from '../db/schema';
import type { Logger } from '../log';
import { stackFrames } from '../log';
import type { HandlerContext, SessionInfo } from './context';
import type { AnyContract, Registry } from './registry';

/** What the audit log records of one call: who, what, which record, outcome — never content. */
export interface AuditRecord {
  method: string;
  userId: string | null;
  entityType: string | null;
  entityId: string | null;
  outcome: string;
}

export interface DispatcherOptions<C extends AnyContract> {
  registry: Registry<C>;
  /** Who is logged in right now; null while locked or before setup. */
  getSession: () => SessionInfo | null;
  /** The open database, or null while locked. */
  getDb?: () => Db | null;
  /** Extra refusals after the role check (e.g. a temporary password must be changed first). */
  authorize?: (method: string, spec: MethodSpec, session: SessionInfo) => RpcError | null;
  /**
   * Appends an audit entry; inside the call's transaction when it succeeded.
   * `lazy`: an audited read, which changes nothing but this entry, so the
   * commit need not wait for the disk (Dialect.auditWriter).
   */
  appendAudit?: (db: Tx, record: AuditRecord, lazy?: boolean) => Promise<void>;
  /** After a write committed: which kinds of records changed (never ids or content). */
  onCommitted?: (entityTypes: CoreEvents['changed']['entities']) => void;
  /** Tells a full or read-only storage from other failures, so the user is told what to do. */
  storageFailure?: (error: unknown) => 'full' | 'readonly' | null;
  /** The office hub did not answer: the caller is told so (and the core notes that it is offline). */
  unreachable?: (error: unknown) => boolean;
  /** A transaction that failed only for meeting another at the same moment (a deadlock): the call runs once more. */
  transient?: (error: unknown) => boolean;
  log: Logger;
}

export type Dispatch = (method: string, input: unknown) => Promise<RpcResult<unknown>>;

class OutputContractError extends Error {
  constructor(readonly paths: string) {
    super('output contract violation');
  }
}

/** Still the same person's session (a name or password change renews the object, not the session). */
const sameSession = (now: SessionInfo | null, then: SessionInfo | null) => now !== null && then !== null && now.userId === then.userId;

function audited(spec: MethodSpec): boolean {
  const mode = spec.audit ?? (spec.writes ? 'write' : 'none');
  return mode !== 'none';
}

/**
 * The single entry for every transport (IPC, test bridge, tests). Order:
 * look the method up → LOCKED → FORBIDDEN → VALIDATION → handler (in one
 * transaction, with its audit entry) → output check.
 * Never throws: every failure becomes `{ ok: false, error }`.
 */
export function createDispatcher<C extends AnyContract>(options: DispatcherOptions<C>): Dispatch {
  const { registry, getSession, log } = options;
  const getDb = options.getDb ?? (() => null);

  /** Records a refused or failed call, outside any rolled-back transaction. Best effort. */
  async function auditFailure(spec: MethodSpec, method: string, session: SessionInfo | null, entity: [string | null, string | null], code: string) {
    const db = getDb();
    if (!db || !session || !options.appendAudit || !audited(spec)) return;
    try {
      await db.transaction().execute((trx) =>
        options.appendAudit!(trx, { method, userId: session.userId, entityType: entity[0], entityId: entity[1], outcome: code }),
      );
    } catch (error) {
      log.error('audit_failed', { method, error: errorName(error) });
    }
  }

  return async (method, rawInput) => {
    if (typeof method !== 'string' || !Object.hasOwn(registry.contract, method)) {
      return fail('NOT_FOUND', 'errors:unknown_method');
    }
    const spec = registry.contract[method] as MethodSpec;
    const session = getSession();

    if (!session && !spec.whenLocked) return fail('LOCKED');
    if (session && !spec.roles.includes(session.role)) {
      await auditFailure(spec, method, session, [null, null], 'FORBIDDEN');
      return fail('FORBIDDEN');
    }
    const refusal = session && options.authorize?.(method, spec, session);
    if (refusal) return { ok: false, error: refusal };

    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) {
      return fail('VALIDATION', 'errors:VALIDATION', { issues: toFieldIssues(parsed.error) });
    }

    const handler = registry.get(method);
    if (!handler) return fail('INTERNAL');
    const entity: [string | null, string | null] = [null, null];
    const changed = new Set<EntityKind | '*'>();
    const makeCtx = (db: Tx | null): HandlerContext => ({
      method,
      session,
      db,
      audit: (type, id) => {
        entity[0] = type;
        entity[1] = id;
        changed.add(type);
      },
      changed: (...types) => types.forEach((type) => changed.add(type)),
      can: (rule, record) => session !== null && mayAccess(RECORD_RULES[rule], session, record),
    });
    const checkOutput = (data: unknown) => {
      const output = spec.output.safeParse(data);
      if (!output.success) throw new OutputContractError(output.error.issues.map((i) => i.path.join('.')).join(','));
      return output.data;
    };

    try {
      const db = getDb();
      let data: unknown;
      if (db && !spec.whenLocked && !spec.ownTransaction && !spec.longRead) {
        for (let attempt = 1; ; attempt += 1) {
          try {
            data = await db.transaction().execute(async (trx) => {
              const out = checkOutput(await handler(parsed.data, makeCtx(trx)));
              if (session && options.appendAudit && audited(spec)) {
                await options.appendAudit(trx, { method, userId: session.userId, entityType: entity[0], entityId: entity[1], outcome: 'ok' }, !spec.writes && spec.audit === 'read');
              }
              return out;
            });
            break;
          } catch (error) {
            // Rolled back whole: the database chose this call to end a deadlock with another PC's (hub only).
            // What a handler does beside its transaction (a deferred index purge, the anchor file, a renewed
            // join code) is done again then: each of those may run twice.
            if (attempt >= 3 || !options.transient?.(error)) throw error;
            log.error('transaction_retried', { method, attempt });
            entity[0] = entity[1] = null;
            changed.clear();
          }
        }
      } else {
        data = checkOutput(await handler(parsed.data, makeCtx(db)));
        // A long read that outlived its session (a lock, another login, a restore meanwhile) answers nothing
        // and is never audited under someone else's name.
        if (spec.longRead && !sameSession(getSession(), session)) return fail('LOCKED');
        // Methods that manage the database themselves (login, backup) are audited after the fact.
        const after = getSession();
        const dbAfter = getDb();
        if ((spec.ownTransaction || spec.longRead) && after && dbAfter && options.appendAudit && audited(spec)) {
          await dbAfter.transaction().execute((trx) =>
            options.appendAudit!(trx, { method, userId: after.userId, entityType: entity[0], entityId: entity[1], outcome: 'ok' }),
          );
        }
      }
      if (spec.writes && changed.size > 0) options.onCommitted?.([...changed]);
      return { ok: true, data };
    } catch (error) {
      // Its store closed under it: the session ended, which is what the caller needs to hear.
      if (spec.longRead && !sameSession(getSession(), session)) return fail('LOCKED');
      if (error instanceof DomainError) {
        await auditFailure(spec, method, session, entity, error.code);
        return fail(error.code, error.messageKey, error.details);
      }
      const storage = options.storageFailure?.(error) ?? null;
      if (storage) {
        // Nothing was written (the transaction rolled back); the core goes on answering.
        log.error('storage_failed', { method, kind: storage, error: errorName(error) });
        return fail(storage === 'full' ? 'STORAGE_FULL' : 'STORAGE_READONLY');
      }
      if (options.unreachable?.(error)) {
        log.error('hub_unreachable', { method });
        return fail('INTERNAL', 'errors:hub_offline');
      }
      if (error instanceof OutputContractError) {
        // The handler broke the contract: a bug, never the caller's fault.
        log.error('output_contract_violation', { method, paths: error.paths });
      } else {
        log.error('handler_failed', { method, error: errorName(error), at: stackFrames(error) });
      }
      await auditFailure(spec, method, session, entity, 'INTERNAL');
      return fail('INTERNAL');
    }
  };
}

function errorName(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.name}:${code}` : error.name;
  }
  return typeof error;
}
