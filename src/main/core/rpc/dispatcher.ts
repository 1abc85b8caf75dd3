import type { RpcResult } from '../../../shared/errors';
import { DomainError, fail } from '../../../shared/errors';
import type { MethodSpec } from '../../../shared/rpc/define';
import { toFieldIssues } from '../../../shared/validation';
import type { Logger } from '../log';
import { stackFrames } from '../log';
import type { HandlerContext, SessionInfo } from './context';
import type { AnyContract, Registry } from './registry';

export interface CallOutcome {
  method: string;
  spec: MethodSpec;
  session: SessionInfo | null;
  input: unknown;
  result: RpcResult<unknown>;
}

export interface DispatcherOptions<C extends AnyContract> {
  registry: Registry<C>;
  /** Who is logged in right now; null while locked or before setup. */
  getSession: () => SessionInfo | null;
  /** Wraps the handler in one transaction once a database exists. */
  runInTransaction?: <T>(spec: MethodSpec, work: () => Promise<T>) => Promise<T>;
  /** Called after every call that reached a handler or was refused (audit log). */
  afterCall?: (outcome: CallOutcome) => Promise<void> | void;
  log: Logger;
}

export type Dispatch = (method: string, input: unknown) => Promise<RpcResult<unknown>>;

/**
 * The single entry for every transport (IPC, test bridge, tests). Order:
 * look the method up → LOCKED → FORBIDDEN → VALIDATION → handler → output check.
 * Never throws: every failure becomes `{ ok: false, error }`.
 */
export function createDispatcher<C extends AnyContract>(options: DispatcherOptions<C>): Dispatch {
  const { registry, getSession, log } = options;
  const runInTransaction = options.runInTransaction ?? ((_spec, work) => work());

  return async (method, rawInput) => {
    if (typeof method !== 'string' || !Object.hasOwn(registry.contract, method)) {
      return fail('NOT_FOUND', 'errors:unknown_method');
    }
    const spec = registry.contract[method] as MethodSpec;
    const session = getSession();
    const finish = async (result: RpcResult<unknown>, input: unknown = undefined) => {
      if (options.afterCall) {
        try {
          await options.afterCall({ method, spec, session, input, result });
        } catch (error) {
          log.error('after_call_failed', { method, error: errorName(error), at: stackFrames(error) });
          return fail('INTERNAL');
        }
      }
      return result;
    };

    if (!session && !spec.whenLocked) return finish(fail('LOCKED'));
    if (session && !spec.roles.includes(session.role)) return finish(fail('FORBIDDEN'));

    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) {
      return finish(fail('VALIDATION', 'errors:VALIDATION', { issues: toFieldIssues(parsed.error) }));
    }

    const handler = registry.get(method);
    if (!handler) return finish(fail('INTERNAL'));
    const ctx: HandlerContext = { method, session };
    try {
      const data = await runInTransaction(spec, async () => handler(parsed.data, ctx));
      const output = spec.output.safeParse(data);
      if (!output.success) {
        // The handler broke the contract: a bug, never the caller's fault.
        log.error('output_contract_violation', { method, paths: output.error.issues.map((i) => i.path.join('.')).join(',') });
        return finish(fail('INTERNAL'), parsed.data);
      }
      return finish({ ok: true, data: output.data }, parsed.data);
    } catch (error) {
      if (error instanceof DomainError) {
        return finish(fail(error.code, error.messageKey, error.details), parsed.data);
      }
      log.error('handler_failed', { method, error: errorName(error), at: stackFrames(error) });
      return finish(fail('INTERNAL'), parsed.data);
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
