import { Alert, Anchor, Drawer, Loader, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { ReportFilters } from '../../../../shared/rpc/areas/reports';
import { useNavigation } from '../../app/navigation';
import { FormError } from '../../forms/FormError';
import { errorText } from '../../forms/validate';
import { formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';
import type { Period } from './period';
import { useDrill } from './queries';
import type { OpenFigure } from './ReportTableView';

/**
 * The families or persons behind one figure, each with a way to their page,
 * by name (reports are for coordinators and caseworkers). Where the core
 * withholds names, the family codes are shown and the drawer says so.
 */
export function DrillDrawer({ open, period, filters, onClose }: { open: OpenFigure | null; period: Period; filters: ReportFilters; onClose: () => void }) {
  const { t, i18n } = useT();
  const { navigate } = useNavigation();
  const drill = useDrill(period, filters, open?.figure ?? null);
  const data = open ? drill.data : undefined;
  const n = (v: number) => formatNumber(i18n.language, v);
  const withheld = !!data && data.items.some((i) => i.familyName === null);
  const persons = data?.unit === 'persons';
  const householdOnly = persons && data.items.some((i) => i.times === 0);
  return (
    <Drawer opened={open !== null} onClose={onClose} position="right" size="xl" title={open?.title} closeButtonProps={{ 'aria-label': t('common:close') }} styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}>
      <Stack gap="sm" aria-busy={drill.pending}>
        {drill.error && <FormError message={errorText(t, drill.error)} />}
        {!data && !drill.error && <Loader size="sm" aria-label={t('reports:loading')} />}
        {data && (
          <>
            <Text fw={700} data-testid="drill-count">
              {t(`reports:drill.${data.unit}`, { count: data.total, n: n(data.total) })}
            </Text>
            {data.truncated && <Text size="sm">{t('reports:drill.truncated', { shown: n(data.items.length), total: n(data.total) })}</Text>}
            {withheld && (
              <Alert color="gray" icon={<IconInfoCircle aria-hidden />}>
                {t('reports:drill.namesWithheld')}
              </Alert>
            )}
            <ScrollArea type="auto">
              <Table striped aria-label={open?.title} data-testid="drill-list">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('reports:drill.code')}</Table.Th>
                    {!withheld && <Table.Th>{t('reports:drill.family')}</Table.Th>}
                    {!withheld && persons && <Table.Th>{t('reports:drill.person')}</Table.Th>}
                    <Table.Th ta="end">{t('reports:drill.times')}</Table.Th>
                    <Table.Th>{t('reports:drill.page')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((item, i) => (
                    <Table.Tr key={`${item.familyId}-${i}`}>
                      <Table.Td ff="monospace">{item.code}</Table.Td>
                      {!withheld && <Table.Td>{item.familyName}</Table.Td>}
                      {!withheld && persons && <Table.Td>{item.personName ?? ''}</Table.Td>}
                      <Table.Td ta="end">{n(item.times)}</Table.Td>
                      <Table.Td>
                        <Anchor component="button" type="button" fz="sm" onClick={() => navigate({ area: 'families', view: `family/${item.familyId}` })}>
                          {t('reports:drill.openFamily', { name: item.familyName ?? item.code })}
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
            {householdOnly && <Text size="xs" c="dimmed">{t('reports:drill.household')}</Text>}
            <Text size="xs" c="dimmed">
              {t(`reports:drill.timesHint.${data.unit}`)}
            </Text>
          </>
        )}
      </Stack>
    </Drawer>
  );
}
