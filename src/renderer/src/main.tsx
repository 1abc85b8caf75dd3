import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import { createRoot } from 'react-dom/client';
import { isUiLanguage } from '../../shared/i18n';
import { createApi } from './api/client';
import { detectTransport } from './api/transport';
import { App } from './app/App';
import { createI18n } from './i18n';

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const transport = detectTransport(window);
  if (!transport) {
    // Neither the app's preload nor a bridge token: nothing can reach the core.
    const i18n = createI18n();
    document.body.textContent = i18n.t('errors:core_unavailable');
    return;
  }
  const api = createApi(transport);
  const prefs = await api.call('ui.preferences', {});
  const language = prefs.ok && isUiLanguage(prefs.data.language) ? prefs.data.language : undefined;
  const i18n = createI18n(language);
  root.render(<App api={api} i18n={i18n} />);
}

void boot();
