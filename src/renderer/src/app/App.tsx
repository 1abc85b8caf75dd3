import { notify } from './notify';
import { Button, Center, Loader, MantineProvider, Stack, Text } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { RpcResult } from '../../../shared/errors';
import type { UiLanguage } from '../../../shared/i18n';
import { ApiProvider } from '../api/ApiContext';
import type { Api } from '../api/client';
import { subscribeToChanges } from '../data/changes';
import { createQueryClient } from '../data/queryClient';
import { SessionCache } from '../data/sessionCache';
import { takeRestartNotice } from '../features/hub/restartNotice';
import { DraftsProvider } from '../features/drafts/DraftsContext';
import { AuthLayout } from '../features/session/AuthLayout';
import { ChangePasswordForm } from '../features/session/ChangePasswordForm';
import { LoginScreen } from '../features/session/LoginScreen';
import { SetupWizard } from '../features/session/SetupWizard';
import { statusAsker } from '../session/askStatus';
import { SessionContext, type SessionApi, type SessionStatus } from '../session/SessionContext';
import { useHeartbeat } from '../session/useHeartbeat';
import { ErrorBoundary } from './ErrorBoundary';
import { Shell } from './Shell';
import { cssVariablesResolver, theme } from './theme';

export interface AppProps {
  api: Api;
  i18n: i18n;
  /** The cache of answers from the core; a fresh one unless a test wants to look into it. */
  queryClient?: QueryClient;
}

/** Changes that alter what session.status says: the office name, auto-lock, the person's name or role. */
const SESSION_KINDS = ['settings', 'user', '*'];

/** Providers, the session state, and which screen the session calls for. */
export function App({ api, i18n, queryClient: givenClient }: AppProps) {
  const [queryClient] = useState(() => givenClient ?? createQueryClient());
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  // A translation key, translated when shown: a language switch on the login screen changes it too.
  const [notice, setNotice] = useState<string | undefined>();
  const [language, setLanguage] = useState<UiLanguage>(i18n.language === 'en' ? 'en' : 'de');

  const [sessionCache] = useState(() => new SessionCache(queryClient));
  const [askStatus] = useState(() => statusAsker(api));
  const applyStatus = useCallback(
    (result: RpcResult<SessionStatus> | null) => {
      if (!result) return;
      setUnreachable(!result.ok);
      if (!result.ok) return;
      sessionCache.follow(result.data);
      // An unchanged answer keeps the same object, so a refresh re-renders nothing.
      setStatus((current) => (current && JSON.stringify(current) === JSON.stringify(result.data) ? current : result.data));
    },
    [sessionCache],
  );
  const refresh = useCallback(() => askStatus().then(applyStatus), [askStatus, applyStatus]);

  useEffect(() => {
    void refresh();
    const offLocked = api.on('locked', (payload) => {
      const reason = (payload as { reason?: string } | undefined)?.reason;
      setNotice(reason === 'idle' ? 'session:lockedIdle' : reason === 'hub_back' ? 'session:lockedHubBack' : undefined);
      void refresh();
    });
    // A login in another window or tab of the test bridge: this one follows.
    const offUnlocked = api.on('unlocked', () => void refresh());
    const offNotice = api.on('notice', () => void refresh());
    const offRestart = api.on('core-restarted', () => {
      // The session died with the core process: show the lock screen at once, then ask again.
      sessionCache.follow(null);
      setStatus((current) => (current && current.state !== 'setup' ? { state: 'locked' } : current));
      const asked = takeRestartNotice();
      setNotice(asked ?? 'errors:core_restarted');
      setTimeout(() => void refresh(), 1000);
      if (!asked) notify(i18n.t, 'orange', i18n.t('errors:core_restarted'), i18n.t('common:coreRestarted'));
      void refresh();
    });
    // One subscription for the whole renderer: every write, from any window, refreshes what depends on it.
    const offChanges = subscribeToChanges(api, queryClient, (kinds) => {
      if (kinds.some((kind) => SESSION_KINDS.includes(kind))) void refresh();
    });
    return () => {
      offLocked();
      offUnlocked();
      offNotice();
      offRestart();
      offChanges();
    };
  }, [api, refresh, i18n, queryClient, sessionCache]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = i18n.t('main:window.title');
  }, [language, i18n]);

  const unlocked = status?.state === 'unlocked';
  useHeartbeat(api, status?.autoLockSeconds, unlocked);

  const changeLanguage = async (next: UiLanguage) => {
    await i18n.changeLanguage(next);
    setLanguage(next);
    const result = await api.call('ui.setLanguage', { language: next });
    if (!result.ok) notify(i18n.t, 'red', i18n.t(result.error.message as never));
  };

  const session = useMemo<SessionApi | null>(
    () =>
      status && {
        status,
        refresh,
        lock: async () => {
          setNotice(undefined);
          await api.call('session.lock', {});
          await refresh();
        },
      },
    [status, refresh, api],
  );

  const afterLogin = () => {
    setNotice(undefined);
    void refresh();
  };

  let screen;
  if (unreachable && !status) {
    // The data service does not answer (e.g. it keeps crashing): say so instead of spinning forever.
    screen = (
      <Center h="100vh">
        <Stack align="center" gap="sm" role="alert">
          <Text>{i18n.t('errors:core_unavailable')}</Text>
          <Button onClick={() => void refresh()}>{i18n.t('errors:boundary_retry')}</Button>
        </Stack>
      </Center>
    );
  } else if (!status || !session) {
    screen = (
      <Center h="100vh" aria-busy="true">
        <Loader aria-label={i18n.t('common:loading')} />
      </Center>
    );
  } else if (status.state === 'setup') {
    screen = <SetupWizard language={language} onLanguageChange={(l) => void changeLanguage(l)} onDone={afterLogin} />;
  } else if (status.state === 'locked') {
    screen = <LoginScreen notice={notice} language={language} onLanguageChange={(l) => void changeLanguage(l)} onLoggedIn={afterLogin} />;
  } else if (status.mustChangePassword) {
    screen = (
      <AuthLayout title={i18n.t('session:change.title')} intro={i18n.t('session:change.intro')} language={language} onLanguageChange={(l) => void changeLanguage(l)}>
        <ChangePasswordForm onDone={afterLogin} />
      </AuthLayout>
    );
  } else {
    // Keyed by user: locking and logging in again starts from nothing cached (data/sessionCache.ts empties the query cache).
    screen = (
      <DraftsProvider key={status.user?.id}>
        <Shell language={language} onLanguageChange={(next) => void changeLanguage(next)} />
      </DraftsProvider>
    );
  }

  return (
    <I18nextProvider i18n={i18n}>
      <ApiProvider api={api}>
        <QueryClientProvider client={queryClient}>
          <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
            <Notifications position="bottom-right" />
            <ErrorBoundary>{session ? <SessionContext.Provider value={session}>{screen}</SessionContext.Provider> : screen}</ErrorBoundary>
          </MantineProvider>
        </QueryClientProvider>
      </ApiProvider>
    </I18nextProvider>
  );
}
