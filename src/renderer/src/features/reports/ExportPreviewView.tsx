import { Alert, Box, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconSettings } from '@tabler/icons-react';
import type { ExportPreview } from '../../../../shared/rpc/areas/reports';
import { useNavigation } from '../../app/navigation';
import { formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';
import { periodRange } from './periodText';
import { MARK_STYLE, PreviewTable } from './PreviewTable';
import { PreviewRecords } from './PreviewRecords';

/**
 * What a package for the central project would hold, in plain words and in
 * full: every aggregate table as it leaves (suppressed cells marked and
 * explained), every pseudonymised record, who is left out and why, and what
 * is still missing before a package can be made.
 */
export function ExportPreviewView({ preview }: { preview: ExportPreview }) {
  const { t, i18n } = useT();
  const { navigate } = useNavigation();
  const n = (v: number) => formatNumber(i18n.language, v);
  const toSettings = (
    <Button variant="light" size="compact-sm" leftSection={<IconSettings size={14} aria-hidden />} onClick={() => navigate({ area: 'admin', view: 'settings' })}>
      {t('reports:preview.toSettings')}
    </Button>
  );
  return (
    <Stack gap="md" data-testid="export-preview">
      <Alert color="blue" icon={<IconInfoCircle aria-hidden />} title={t('reports:preview.leavesTitle')}>
        <List size="sm" spacing={4}>
          <List.Item>{t('reports:preview.leavesTables', { office: preview.office, period: periodRange(t, i18n.language, preview), count: preview.tables.length })}</List.Item>
          <List.Item>{t('reports:preview.leavesRecords', { count: preview.records.length, n: n(preview.records.length) })}</List.Item>
          <List.Item>{t('reports:preview.neverLeaves')}</List.Item>
          <List.Item data-testid="without-consent">{t('reports:preview.withoutConsent', { count: preview.withoutConsent, n: n(preview.withoutConsent) })}</List.Item>
        </List>
      </Alert>
      {preview.missing.includes('central_recipient') && (
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} title={t('reports:preview.noRecipientTitle')} data-testid="missing-recipient">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('reports:preview.noRecipient')}</Text>
            {toSettings}
          </Stack>
        </Alert>
      )}
      {preview.recordsWithheld === 'no_pseudonym_key' && (
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} title={t('reports:preview.noKeyTitle')} data-testid="records-withheld">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('reports:preview.noKey')}</Text>
            {toSettings}
          </Stack>
        </Alert>
      )}

      <Title order={2} size="h3">
        {t('reports:preview.tablesTitle')}
      </Title>
      <Stack gap={6} data-testid="suppression-legend">
        <Text size="sm" fw={600}>
          {t('reports:preview.suppressedCount', { count: preview.suppressedCells, n: n(preview.suppressedCells) })}
        </Text>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Box px={8} fw={900} style={MARK_STYLE.primary} aria-hidden>
            {t('reports:suppressed')}
          </Box>
          <Text size="sm">{t('reports:preview.legend.primary', { threshold: n(preview.threshold) })}</Text>
        </Group>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Box px={8} fw={900} style={MARK_STYLE.secondary} aria-hidden>
            {t('reports:suppressed')}
          </Box>
          <Text size="sm">{t('reports:preview.legend.secondary')}</Text>
        </Group>
      </Stack>
      <Stack gap="xl">
        {preview.tables.map((table) => (
          <PreviewTable key={table.id} table={table} />
        ))}
      </Stack>

      <Title order={2} size="h3">
        {t('reports:preview.records.title')}
      </Title>
      <Text size="sm">{t('reports:preview.records.hint')}</Text>
      {preview.recordsWithheld ? <Text size="sm">{t('reports:preview.records.withheld')}</Text> : <PreviewRecords records={preview.records} />}
    </Stack>
  );
}
