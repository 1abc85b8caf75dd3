import { notify } from './notify';
import {
  ActionIcon,
  Alert,
  AppShell,
  Anchor,
  Burger,
  Button,
  Group,
  Kbd,
  Menu,
  Modal,
  NavLink,
  Text,
  Tooltip,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconAlertTriangle, IconChevronDown, IconLock, IconMoon, IconSearch, IconSun } from '@tabler/icons-react';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { UiLanguage } from '../../../shared/i18n';
import { useBackupStatus } from '../features/admin/queries';
import { DraftBanner } from '../features/drafts/DraftBanner';
import { OfflineCounters } from '../features/events/OfflineCounters';
import { HubBanner } from '../features/hub/HubBanner';
import { useHubStatus } from '../features/hub/useHubStatus';
import { useDrafts } from '../features/drafts/DraftsContext';
import { GlobalSearch } from '../features/search/GlobalSearch';
import { ChangePasswordForm } from '../features/session/ChangePasswordForm';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionContext';
import { roleMayCall, useCan } from '../session/useCan';
import { homeOf, isDeskArea, visibleAreas, type Location } from './areas';
import { ErrorBoundary } from './ErrorBoundary';
import { LanguageSwitch } from './LanguageSwitch';
import { SessionNotices } from './SessionNotices';
import { NavigationContext, type Navigation } from './navigation';
import { PageLoader } from './PageLoader';
import { AREA_PAGES, type AnyAreaPage } from './pages';

export interface ShellProps {
  language: UiLanguage;
  onLanguageChange: (language: UiLanguage) => void;
}

/** The page of the area shown. The table cannot tie each page to its own location type; each accepts its area's. */
function AreaOutlet({ location }: { location: Location }) {
  const Page = AREA_PAGES[location.area].page as AnyAreaPage;
  return <Page location={location} />;
}

/** The frame every screen lives in: header, navigation, main content. */
export function Shell({ language, onLanguageChange }: ShellProps) {
  const { t } = useT();
  const session = useSession();
  const drafts = useDrafts();
  const { user, officeName } = session.status;
  const [navOpened, { toggle: toggleNav }] = useDisclosure();
  const [searchOpened, search] = useDisclosure(false);
  const [passwordOpened, passwordModal] = useDisclosure(false);
  const role = user?.role;
  // Logged in without the office hub: only the counter works, reached through the events area.
  const withoutHub = session.status.offline === true;
  const areas = useMemo(() => visibleAreas((method) => roleMayCall(role, method)).filter((a) => !withoutHub || a.id === 'events'), [role, withoutHub]);
  const [chosen, setChosen] = useState<Location | null>(null);
  // Where the person went, while their role still shows that area (roles can change); else the role's first area.
  const location = useMemo(
    () => (chosen && areas.some((a) => a.id === chosen.area) ? chosen : areas[0] ? homeOf(areas[0]) : null),
    [chosen, areas],
  );
  const navigate = useCallback(
    (to: Location) => {
      if (areas.some((a) => a.id === to.area)) setChosen(to);
    },
    [areas],
  );
  const navigation = useMemo<Navigation | null>(() => location && { location, navigate }, [location, navigate]);
  const goHome = () => areas[0] && navigate(homeOf(areas[0]));
  const mayRegister = useCan('families.create');
  const maySearch = useCan('families.search') && !withoutHub;
  const mayCheckBackups = useCan('backup.status');
  const backup = useBackupStatus(mayCheckBackups);
  const hub = useHubStatus();
  // While the office hub does not answer, screens that change data are read-only (what is typed stays); the counter goes on.
  const hubOffline = hub?.mode === 'hub' && !hub.online;
  const readOnly = hubOffline && !(location?.area === 'events' && location.view.startsWith('counter/'));
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const lock = async () => {
    // Whatever is being typed goes into an encrypted draft before the key is wiped.
    await drafts.flush();
    await session.lock();
  };

  useEffect(() => {
    // Once the first screen is up, the role's other areas load in the background: opening one then shows no spinner.
    const preloadAreas = () => areas.forEach((a) => void AREA_PAGES[a.id].preload());
    if (typeof window.requestIdleCallback !== 'function') {
      const timer = setTimeout(preloadAreas, 1000);
      return () => clearTimeout(timer);
    }
    const idle = window.requestIdleCallback(preloadAreas, { timeout: 3000 });
    return () => window.cancelIdleCallback(idle);
  }, [areas]);

  useHotkeys(
    [
      ['mod+K', () => maySearch && search.open()],
      ['mod+L', () => void lock()],
      // Intake from the family areas; elsewhere (administration) a half-typed form must not vanish.
      ['alt+N', () => mayRegister && location && isDeskArea(location.area) && navigate({ area: location.area, view: 'intake' })],
    ],
    [],
  );

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <Anchor href="#main" className="skip-link" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('common:skipToContent')}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label={t('common:toggleNavigation')} />
            <Text fw={700} size="lg" component="span">
              {t('common:appName')}
            </Text>
            <Text c="dimmed" size="sm" component="span" truncate>
              {officeName ?? t('common:officeUnknown')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {maySearch && (
              <Button
                variant="default"
                leftSection={<IconSearch size={16} aria-hidden />}
                rightSection={<Kbd size="xs">{t('common:search.shortcut')}</Kbd>}
                onClick={search.open}
              >
                {t('common:search.open')}
              </Button>
            )}
            <LanguageSwitch language={language} onChange={onLanguageChange} />
            <Tooltip label={scheme === 'dark' ? t('common:colorScheme.toLight') : t('common:colorScheme.toDark')}>
              <ActionIcon
                variant="default"
                size="lg"
                aria-label={scheme === 'dark' ? t('common:colorScheme.toLight') : t('common:colorScheme.toDark')}
                onClick={() => setColorScheme(scheme === 'dark' ? 'light' : 'dark')}
              >
                {scheme === 'dark' ? <IconSun size={18} aria-hidden /> : <IconMoon size={18} aria-hidden />}
              </ActionIcon>
            </Tooltip>
            {user && (
              <Menu position="bottom-end">
                <Menu.Target>
                  <UnstyledButton aria-label={t('common:user.signedInAs', { name: user.displayName })} data-testid="current-user" px="xs">
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" component="span">
                        {user.displayName} · {t(`common:user.role.${user.role}`)}
                      </Text>
                      <IconChevronDown size={14} aria-hidden />
                    </Group>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>{t('session:menu.label')}</Menu.Label>
                  {!withoutHub && <Menu.Item onClick={passwordModal.open}>{t('session:menu.changePassword')}</Menu.Item>}
                  <Menu.Item onClick={() => void lock()}>{t('session:menu.switchUser')}</Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
            <Tooltip label={t('common:lockHint')}>
              <Button variant="default" leftSection={<IconLock size={16} aria-hidden />} onClick={() => void lock()}>
                {t('common:lock')}
              </Button>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav:label')}>
        {areas.map((a) => {
          const Icon = a.icon;
          return (
            <NavLink
              key={a.id}
              component="button"
              type="button"
              label={t(`nav:${a.id}`)}
              title={t(`common:area.${a.id}`)}
              leftSection={<Icon size={18} stroke={1.6} aria-hidden />}
              active={a.id === location?.area}
              variant="filled"
              aria-current={a.id === location?.area ? 'page' : undefined}
              onPointerEnter={() => void AREA_PAGES[a.id].preload()}
              onFocus={() => void AREA_PAGES[a.id].preload()}
              onClick={() => {
                navigate(homeOf(a));
                if (navOpened) toggleNav();
              }}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <HubBanner status={hub} />
        <SessionNotices />
        {backup.data?.stale && (
          <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} mb="md" role="status">
            {t('session:backupStale')}
          </Alert>
        )}
        {navigation ? (
          <NavigationContext.Provider value={navigation}>
            <DraftBanner />
            {/* While the hub does not answer, the counters this PC can run lead the events area — outside the read-only frame. */}
            {hubOffline && navigation.location.area === 'events' && !navigation.location.view.startsWith('counter/') && (
              <OfflineCounters onCounter={(id) => navigate({ area: 'events', view: `counter/${id}` })} />
            )}
            {/* A view that failed to render is cleared by going to another view or area. */}
            <ErrorBoundary resetKey={`${navigation.location.area}/${navigation.location.view}`} onHome={goHome}>
              <Suspense fallback={<PageLoader />}>
                <fieldset disabled={readOnly} className="area-fieldset">
                  <AreaOutlet location={navigation.location} />
                </fieldset>
              </Suspense>
            </ErrorBoundary>
          </NavigationContext.Provider>
        ) : (
          // A role none of whose areas exist yet (event hosts, until events come).
          <Text>{t('nav:none')}</Text>
        )}
      </AppShell.Main>
      {maySearch && <GlobalSearch opened={searchOpened} onClose={search.close} onOpen={(id) => navigate({ area: 'families', view: `family/${id}` })} />}
      <Modal opened={passwordOpened} onClose={passwordModal.close} title={t('session:change.modalTitle')} closeButtonProps={{ 'aria-label': t('common:close') }}>
        <ChangePasswordForm
          onDone={() => {
            passwordModal.close();
            notify(t, 'brand', t('session:change.done'));
          }}
        />
      </Modal>
    </AppShell>
  );
}
