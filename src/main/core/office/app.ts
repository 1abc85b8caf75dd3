import type { Contract } from '../../../shared/rpc/contract';
import { requireDb } from '../db/require';
import type { Registry } from '../rpc/registry';
import { officeIdentity } from './identity';

/** The `office.*` area: the office's own identity towards the central project. */
export function registerOfficeApp(registry: Registry<Contract>): void {
  registry.register('office', {
    'office.identity': async (_input, ctx) => officeIdentity(requireDb(ctx)),
  });
}
