import { Anchor, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ReachReport } from '../../../../shared/rpc/areas/reports';
import { formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';
import type { OpenFigure } from './ReportTableView';

type Summary = ReachReport['summary'];
/** The summary figures the drill-down can list (anonymous counts, hours and trainings name no family). */
type DrillKey = 'families' | 'persons' | 'participations' | 'contacts' | 'attendances' | 'referrals' | 'newFamilies' | 'returningFamilies';

/**
 * The headline: families, persons and participations side by side, the
 * anonymous counts apart (never persons), new and returning families,
 * volunteer hours and trainings, each with what it counts.
 */
export function Headline({ summary, onOpen }: { summary: Summary; onOpen: (open: OpenFigure) => void }) {
  const { t, i18n } = useT();
  const n = (v: number) => formatNumber(i18n.language, v, { maximumFractionDigits: 2 });
  const label = (key: keyof Summary) => String(t(`reports:summary.${key}`));
  const open = (key: DrillKey) => onOpen({ figure: { table: 'summary', row: key }, title: label(key) });
  /** A figure that lists its families or persons when clicked. */
  const drill = (key: DrillKey, size: 'big' | 'small' = 'big') =>
    summary[key] === 0 ? (
      <Text component="span" fz={size === 'big' ? 32 : 'sm'} fw={700} lh={1.1} data-testid={`figure-${key}`}>
        {n(0)}
      </Text>
    ) : (
      <Anchor component="button" type="button" w="fit-content" underline="always" fz={size === 'big' ? 32 : 'sm'} fw={700} lh={1.1} data-testid={`figure-${key}`} aria-label={t('reports:drill.openFigure', { value: n(summary[key]), label: label(key) })} onClick={() => open(key)}>
        {n(summary[key])}
      </Anchor>
    );
  const plain = (key: keyof Summary) => (
    <Text component="span" fz={32} fw={700} lh={1.1} data-testid={`figure-${key}`}>
      {n(summary[key])}
    </Text>
  );
  /** Smaller figures inside a card: label and value in one line each. */
  const parts = (keys: (keyof Summary)[], render: (key: keyof Summary) => ReactNode) => (
    <Stack gap={2}>
      {keys.map((key) => (
        <Group key={key} gap="xs" justify="space-between" wrap="nowrap">
          <Text size="sm">{label(key)}</Text>
          {render(key)}
        </Group>
      ))}
    </Stack>
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" data-testid="headline">
      <Card title={label('families')} definition={t('reports:definitions.families')}>
        {drill('families')}
      </Card>
      <Card title={label('persons')} definition={t('reports:definitions.persons')}>
        {drill('persons')}
      </Card>
      <Card title={label('participations')} definition={t('reports:definitions.participations')}>
        {drill('participations')}
        {parts(['contacts', 'attendances', 'referrals'], (key) => drill(key as DrillKey, 'small'))}
      </Card>
      <Card title={t('reports:headline.newReturning')} definition={t('reports:definitions.familyStatus')}>
        {parts(['newFamilies', 'returningFamilies'], (key) => drill(key as DrillKey, 'small'))}
      </Card>
      <Card title={t('reports:headline.anonymous')} definition={t('reports:definitions.anonymous')}>
        {parts(['anonymousAdults', 'anonymousChildren'], (key) => (
          <Text component="span" fw={700} size="sm" data-testid={`figure-${key}`}>
            {n(summary[key])}
          </Text>
        ))}
      </Card>
      <Card title={label('volunteerHours')} definition={t('reports:definitions.volunteerHours')}>
        {plain('volunteerHours')}
      </Card>
      <Card title={t('reports:headline.trainings')} definition={t('reports:definitions.trainings')}>
        {parts(['trainingsHeld', 'volunteersTrained'], (key) => (
          <Text component="span" fw={700} size="sm" data-testid={`figure-${key}`}>
            {n(summary[key])}
          </Text>
        ))}
      </Card>
    </SimpleGrid>
  );
}

function Card({ title, definition, children }: { title: string; definition: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap={6}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        {children}
        <Text size="xs" c="dimmed">
          {definition}
        </Text>
      </Stack>
    </Paper>
  );
}
