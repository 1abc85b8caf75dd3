import { z } from 'zod';
import type { RpcResult } from '../errors';
import { fail } from '../errors';

/**
 * The audit chain's head, which the core hands to its host to keep outside
 * the data folder (Electron main: in the OS keystore). It travels as the
 * host-only event `audit-anchor` and back in at start as M3_AUDIT_ANCHOR.
 */
export const anchorSchema = z.object({ fileId: z.string().max(64), seq: z.number().int().nonnegative(), hash: z.string().max(128) });
export type Anchor = z.infer<typeof anchorSchema>;
export const ANCHOR_EVENT = 'audit-anchor';

/** Messages between a host (Electron main, the test bridge) and the core process. */
/** `shutdown`: close the database (clean-shutdown marker off, background work finished), then exit. */
export type HostToCore = { type: 'call'; id: number; method: string; input: unknown } | { type: 'shutdown' };
export type CoreToHost =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: RpcResult<unknown> }
  | { type: 'event'; event: string; payload?: unknown };

/**
 * The host's side of the message channel: numbers each call and resolves it
 * when its result comes back. When the core dies, every pending call ends as
 * an INTERNAL error value instead of hanging.
 */
export class CoreChannel {
  private nextId = 1;
  private readonly pending = new Map<number, (result: RpcResult<unknown>) => void>();

  constructor(
    private readonly send: (message: HostToCore) => void,
    private readonly onEvent: (event: string, payload?: unknown) => void,
  ) {}

  call(method: string, input: unknown): Promise<RpcResult<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        this.send({ type: 'call', id, method, input });
      } catch {
        this.pending.delete(id);
        resolve(fail('INTERNAL', 'errors:core_unavailable'));
      }
    });
  }

  receive(message: CoreToHost): void {
    if (message.type === 'result') {
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message.result);
    } else if (message.type === 'event') {
      this.onEvent(message.event, message.payload);
    }
  }

  /** The core process ended: answer everything still waiting. */
  failAll(): void {
    for (const resolve of this.pending.values()) resolve(fail('INTERNAL', 'errors:core_restarted'));
    this.pending.clear();
  }
}
