import type { Contract } from '../../../shared/rpc/contract';
import { requireDb } from '../db/require';
import type { Registry } from '../rpc/registry';
import type { CoreServices } from '../services';
import { readSettings, writeSettings } from './store';

/** The `settings.*` area: office name, auto-lock, backups. */
export function registerSettingsApp(registry: Registry<Contract>, services: CoreServices): void {
  registry.register('settings', {
    'settings.get': async (_input, ctx) => readSettings(requireDb(ctx)),
    'settings.update': async (input, ctx) => {
      const db = requireDb(ctx);
      await writeSettings(db, input);
      const settings = await readSettings(db);
      services.state.settings = settings;
      ctx.audit('settings', null);
      return settings;
    },
  });
}
