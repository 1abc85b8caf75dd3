import { Paper, Stack, Text, Title } from '@mantine/core';
import { useT } from '../../i18n/useT';
import type { Area } from '../../app/areas';

/** The landing view of an area whose feature has not been switched on yet. */
export function AreaPage({ area }: { area: Area }) {
  const { t } = useT();
  const Icon = area.icon;
  return (
    <Stack gap="md" maw={720}>
      <Title order={1} size="h2">
        {t(`nav:${area.id}`)}
      </Title>
      <Text size="lg">{t(`common:area.${area.id}`)}</Text>
      <Paper withBorder p="lg" radius="md">
        <Stack align="flex-start" gap="xs">
          <Icon size={32} stroke={1.5} aria-hidden />
          <Text c="dimmed">{t('common:area.comingSoon')}</Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
