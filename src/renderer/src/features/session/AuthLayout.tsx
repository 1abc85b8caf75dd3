import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { UiLanguage } from '../../../../shared/i18n';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { useT } from '../../i18n/useT';

/** The frame of the screens shown before the shell: setup, login, recovery, password change. */
export function AuthLayout(props: {
  title: string;
  intro?: ReactNode;
  language: UiLanguage;
  onLanguageChange: (language: UiLanguage) => void;
  width?: number;
  children: ReactNode;
}) {
  const { t } = useT();
  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-light)" py="xl" component="main">
      <Center>
        <Stack w={props.width ?? 440} maw="94vw" gap="md">
          <Group justify="space-between">
            <Text fw={700} size="lg">
              {t('common:appName')}
            </Text>
            <LanguageSwitch language={props.language} onChange={props.onLanguageChange} />
          </Group>
          <Paper withBorder shadow="sm" p="xl" radius="md">
            <Stack gap="md">
              <Title order={1} size="h2">
                {props.title}
              </Title>
              {props.intro && <Text>{props.intro}</Text>}
              {props.children}
            </Stack>
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
