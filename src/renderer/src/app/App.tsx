import { Center, Loader, MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import type { i18n } from 'i18next';
import { useCallback, useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { UiLanguage } from '../../../shared/i18n';
import type { MethodOutput } from '../../../shared/rpc/contract';
import { ApiProvider } from '../api/ApiContext';
import type { Api } from '../api/client';
import { ErrorBoundary } from './ErrorBoundary';
import { Shell } from './Shell';
import { cssVariablesResolver, theme } from './theme';

type Status = MethodOutput<'session.status'>;

export interface AppProps {
  api: Api;
  i18n: i18n;
}

/** Providers, the session state and the shell. */
export function App({ api, i18n }: AppProps) {
  const [status, setStatus] = useState<Status | null>(null);
  const [language, setLanguage] = useState<UiLanguage>(i18n.language === 'en' ? 'en' : 'de');

  const refresh = useCallback(async () => {
    const result = await api.call('session.status', {});
    if (result.ok) setStatus(result.data);
  }, [api]);

  useEffect(() => {
    void refresh();
    const offLocked = api.on('locked', () => void refresh());
    const offRestart = api.on('core-restarted', () => {
      notifications.show({ color: 'orange', title: i18n.t('common:coreRestarted'), message: i18n.t('errors:core_restarted') });
      void refresh();
    });
    return () => {
      offLocked();
      offRestart();
    };
  }, [api, refresh, i18n]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = i18n.t('main:window.title');
  }, [language, i18n]);

  const changeLanguage = async (next: UiLanguage) => {
    await i18n.changeLanguage(next);
    setLanguage(next);
    const result = await api.call('ui.setLanguage', { language: next });
    if (!result.ok) notifications.show({ color: 'red', message: i18n.t(result.error.message as never) });
  };

  return (
    <I18nextProvider i18n={i18n}>
      <ApiProvider api={api}>
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
          <Notifications position="bottom-right" />
          <ErrorBoundary>
            {status ? (
              <Shell
                officeName={status.officeName}
                user={status.user}
                language={language}
                onLanguageChange={(next) => void changeLanguage(next)}
              />
            ) : (
              <Center h="100vh" aria-busy="true">
                <Loader aria-label={i18n.t('common:loading')} />
              </Center>
            )}
          </ErrorBoundary>
        </MantineProvider>
      </ApiProvider>
    </I18nextProvider>
  );
}
