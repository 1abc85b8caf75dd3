import { render } from '@testing-library/react';
import type { QueryClient } from '@tanstack/react-query';
import { createCore, type Core } from '../../src/main/core/core';
import { silentLogger } from '../../src/main/core/log';
import type { UiLanguage } from '../../src/shared/i18n';
import { createApi, type Api } from '../../src/renderer/src/api/client';
import type { Transport } from '../../src/renderer/src/api/transport';
import { App } from '../../src/renderer/src/app/App';
import { createI18n } from '../../src/renderer/src/i18n';
import { COORDINATOR, FAST_KDF } from '../support/core';
import { familyInput } from '../support/families';
import { tempDir } from '../support/temp';

/** The real core in a temp folder, reached in-process instead of over IPC. */
export async function startCore(options: { setUp?: boolean } = {}): Promise<{ core: Core; api: Api; dispose: () => Promise<void> }> {
  const dir = tempDir('m3-ui-');
  const core = await createCore({ dataDir: dir.path, log: silentLogger, kdf: FAST_KDF });
  if (options.setUp) {
    const result = await core.call('session.setup', COORDINATOR);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  }
  const transport: Transport = {
    call: (method, input) => core.call(method, input),
    on: (event, listener) => core.onEvent((e, payload) => e === event && listener(payload)),
  };
  return {
    core,
    api: createApi(transport),
    dispose: async () => {
      await core.close();
      dir.remove();
    },
  };
}

export function renderApp(api: Api, language: UiLanguage, queryClient?: QueryClient) {
  const i18n = createI18n(language);
  return { i18n, ...render(<App api={api} i18n={i18n} queryClient={queryClient} />) };
}

async function ok<T>(core: Core, method: string, input: unknown = {}): Promise<T> {
  const result = await core.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${JSON.stringify(result.error)}`);
  return result.data as T;
}

/** The Yılmaz household from tests/support/families, registered by whoever is logged in. */
export function addFamily(core: Core): Promise<{ id: string; code: string }> {
  return ok(core, 'families.create', familyInput());
}

export const STAFF_PASSWORD = 'Sonnenblume-Wiese-77';

/** The coordinator (logged in after setup) creates an account; it is then logged in past its temporary password. */
export async function logInAsNewStaff(core: Core, username: string, role: string): Promise<void> {
  const created = (await ok(core, 'users.create', { username, displayName: `Test ${username}`, role })) as { temporaryPassword: string };
  await ok(core, 'session.lock');
  await ok(core, 'session.login', { username, password: created.temporaryPassword });
  await ok(core, 'session.changePassword', { currentPassword: created.temporaryPassword, newPassword: STAFF_PASSWORD });
}
