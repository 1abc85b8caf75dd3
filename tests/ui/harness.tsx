import { render } from '@testing-library/react';
import { createCore, type Core } from '../../src/main/core/core';
import { silentLogger } from '../../src/main/core/log';
import type { UiLanguage } from '../../src/shared/i18n';
import { createApi, type Api } from '../../src/renderer/src/api/client';
import type { Transport } from '../../src/renderer/src/api/transport';
import { App } from '../../src/renderer/src/app/App';
import { createI18n } from '../../src/renderer/src/i18n';
import { COORDINATOR, FAST_KDF } from '../support/core';
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

export function renderApp(api: Api, language: UiLanguage) {
  const i18n = createI18n(language);
  return { i18n, ...render(<App api={api} i18n={i18n} />) };
}
