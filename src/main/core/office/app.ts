import type { Contract } from '../../../shared/rpc/contract';
import { requireDb } from '../db/require';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { ensureOfficeKey } from './identity';

/** The `office.*` area: the office's own identity towards the central project. */
export function registerOfficeApp(registry: Registry<Contract>, services: CoreServices): void {
  registry.register('office', {
    'office.identity': async (_input, ctx) => {
      const identity = await ensureOfficeKey(requireDb(ctx), services.now());
      ctx.audit('settings', 'office.identity');
      return identity;
    },
  });
}
