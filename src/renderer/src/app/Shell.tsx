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
import { useEffect, useState } from 'react';
import type { UiLanguage } from '../../../shared/i18n';
import { useApi } from '../api/ApiContext';
import { AdminPage } from '../features/admin/AdminPage';
import { AreaPage } from '../features/areas/AreaPage';
import { FrontDeskPage, type FrontDeskView } from '../features/families/FrontDeskPage';
import { DraftBanner } from '../features/drafts/DraftBanner';
import { useDrafts } from '../features/drafts/DraftsContext';
import { GlobalSearch } from '../features/search/GlobalSearch';
import { ChangePasswordForm } from '../features/session/ChangePasswordForm';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionContext';
import { areasFor, type AreaId } from './areas';
import { ErrorBoundary } from './ErrorBoundary';
import { LanguageSwitch } from './LanguageSwitch';

export interface ShellProps {
  language: UiLanguage;
  onLanguageChange: (language: UiLanguage) => void;
}

/** The frame every screen lives in: header, navigation, main content. */
export function Shell({ language, onLanguageChange }: ShellProps) {
  const { t } = useT();
  const api = useApi();
  const session = useSession();
  const drafts = useDrafts();
  const { user, officeName } = session.status;
  const [navOpened, { toggle: toggleNav }] = useDisclosure();
  const [searchOpened, search] = useDisclosure(false);
  const [passwordOpened, passwordModal] = useDisclosure(false);
  const [backupStale, setBackupStale] = useState(false);
  const areas = areasFor(user?.role);
  const [current, setCurrent] = useState<AreaId>(areas[0]?.id ?? 'frontdesk');
  const area = areas.find((a) => a.id === current) ?? areas[0];
  const [deskView, setDeskView] = useState<FrontDeskView>({ kind: 'search' });
  const openFamily = (id: string) => {
    setCurrent(areas.some((a) => a.id === 'families') ? 'families' : current);
    setDeskView({ kind: 'family', id });
  };
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const lock = async () => {
    // Whatever is being typed goes into an encrypted draft before the key is wiped.
    await drafts.flush();
    await session.lock();
  };

  useHotkeys(
    [
      ['mod+K', () => search.open()],
      ['mod+L', () => void lock()],
    ],
    [],
  );

  useEffect(() => {
    if (user?.role !== 'coordinator') return;
    void api.call('backup.status', {}).then((result) => setBackupStale(result.ok && result.data.stale));
  }, [api, user?.role]);

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
            <Button
              variant="default"
              leftSection={<IconSearch size={16} aria-hidden />}
              rightSection={<Kbd size="xs">{t('common:search.shortcut')}</Kbd>}
              onClick={search.open}
            >
              {t('common:search.open')}
            </Button>
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
                  <Menu.Item onClick={passwordModal.open}>{t('session:menu.changePassword')}</Menu.Item>
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
              leftSection={<Icon size={18} stroke={1.6} aria-hidden />}
              active={a.id === area?.id}
              variant="filled"
              aria-current={a.id === area?.id ? 'page' : undefined}
              onClick={() => {
                setCurrent(a.id);
                setDeskView({ kind: 'search' });
                if (navOpened) toggleNav();
              }}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {backupStale && (
          <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} mb="md" role="status">
            {t('session:backupStale')}
          </Alert>
        )}
        <DraftBanner
          onOpen={(id, formKey) => {
            setCurrent(id);
            if (formKey === 'intake.family') setDeskView({ kind: 'intake' });
          }}
        />
        <ErrorBoundary resetKey={area?.id} onHome={() => setCurrent(areas[0]?.id ?? 'frontdesk')}>
          {area?.id === 'admin' ? (
            <AdminPage />
          ) : area?.id === 'frontdesk' || area?.id === 'families' ? (
            <FrontDeskPage title={area.id} view={deskView} onView={setDeskView} />
          ) : (
            area && <AreaPage area={area} />
          )}
        </ErrorBoundary>
      </AppShell.Main>
      <GlobalSearch opened={searchOpened} onClose={search.close} onOpen={openFamily} />
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
