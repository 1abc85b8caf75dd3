import type { z } from 'zod';
import type { MethodSpec } from '../../../shared/rpc/define';
import type { HandlerContext } from './context';

export type AnyContract = Record<string, MethodSpec>;

export type Handler<S extends MethodSpec> = (
  input: z.output<S['input']>,
  ctx: HandlerContext,
) => Promise<z.input<S['output']>> | z.input<S['output']>;

export type Handlers<C extends AnyContract> = { [M in keyof C]?: Handler<C[M]> };

export class RegistryError extends Error {
  override name = 'RegistryError';
}

/**
 * Holds one handler per contract method. Each domain area registers its
 * handlers in its own `app.ts`; a name the contract does not declare, or a
 * second handler for the same name, is refused at start.
 */
export class Registry<C extends AnyContract> {
  private readonly handlers = new Map<string, { area: string; handler: Handler<MethodSpec> }>();

  constructor(readonly contract: C) {}

  register(area: string, handlers: Handlers<C>): this {
    for (const [name, handler] of Object.entries(handlers)) {
      if (!handler) continue;
      if (!Object.hasOwn(this.contract, name)) {
        throw new RegistryError(`${area}: "${name}" is not declared in the contract`);
      }
      const existing = this.handlers.get(name);
      if (existing) {
        throw new RegistryError(`${area}: "${name}" is already registered by ${existing.area}`);
      }
      this.handlers.set(name, { area, handler: handler as Handler<MethodSpec> });
    }
    return this;
  }

  /** Refuses to start when a declared method has no handler. */
  assertComplete(): this {
    const missing = Object.keys(this.contract).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new RegistryError(`no handler for: ${missing.join(', ')}`);
    return this;
  }

  get(name: string): Handler<MethodSpec> | undefined {
    return this.handlers.get(name)?.handler;
  }
}
