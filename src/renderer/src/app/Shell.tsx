import {
  ActionIcon,
  AppShell,
  Anchor,
  Burger,
  Button,
  Group,
  Kbd,
  NavLink,
  SegmentedControl,
  Text,
  Tooltip,
  useComputedColorScheme,
  useMantineColorScheme,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconLock, IconMoon, IconSearch, IconSun } from '@tabler/icons-react';
import { useState } from 'react';
import { useT } from '../i18n/useT';
import type { UiLanguage } from '../../../shared/i18n';
import type { SessionUser } from '../../../shared/rpc/areas/session';
import { AreaPage } from '../features/areas/AreaPage';
import { GlobalSearch } from '../features/search/GlobalSearch';
import { areasFor, type AreaId } from './areas';
import { ErrorBoundary } from './ErrorBoundary';

export interface ShellProps {
  officeName: string | undefined;
  user: SessionUser | undefined;
  language: UiLanguage;
  onLanguageChange: (language: UiLanguage) => void;
  onLock?: () => void;
}

/** The frame every screen lives in: header, navigation, main content. */
export function Shell({ officeName, user, language, onLanguageChange, onLock }: ShellProps) {
  const { t } = useT();
  const [navOpened, { toggle: toggleNav }] = useDisclosure();
  const [searchOpened, search] = useDisclosure(false);
  const areas = areasFor(user?.role);
  const [current, setCurrent] = useState<AreaId>(areas[0]?.id ?? 'frontdesk');
  const area = areas.find((a) => a.id === current) ?? areas[0];
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');

  useHotkeys(
    [
      ['mod+K', () => search.open()],
      ['mod+L', () => onLock?.()],
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
            <Button
              variant="default"
              leftSection={<IconSearch size={16} aria-hidden />}
              rightSection={<Kbd size="xs">{t('common:search.shortcut')}</Kbd>}
              onClick={search.open}
            >
              {t('common:search.open')}
            </Button>
            <SegmentedControl
              aria-label={t('common:language.label')}
              size="xs"
              value={language}
              onChange={(value) => onLanguageChange(value as UiLanguage)}
              data={[
                { value: 'de', label: <span lang="de" title={t('common:language.de')}>DE</span> },
                { value: 'en', label: <span lang="en" title={t('common:language.en')}>EN</span> },
              ]}
            />
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
              <Text size="sm" component="span" data-testid="current-user">
                <VisuallyHidden>{t('common:user.signedInAs', { name: '' })}</VisuallyHidden>
                {user.displayName} · {t(`common:user.role.${user.role}`)}
              </Text>
            )}
            {onLock && (
              <Tooltip label={t('common:lockHint')}>
                <Button variant="light" leftSection={<IconLock size={16} aria-hidden />} onClick={onLock}>
                  {t('common:lock')}
                </Button>
              </Tooltip>
            )}
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
                if (navOpened) toggleNav();
              }}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={area?.id} onHome={() => setCurrent(areas[0]?.id ?? 'frontdesk')}>
          {area && <AreaPage area={area} />}
        </ErrorBoundary>
      </AppShell.Main>
      <GlobalSearch opened={searchOpened} onClose={search.close} />
    </AppShell>
  );
}
