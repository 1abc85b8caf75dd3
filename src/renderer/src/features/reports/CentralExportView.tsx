import { Button, Code, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDeviceFloppy, IconEye, IconPackageExport } from '@tabler/icons-react';
import { useState } from 'react';
import type { ExportPreview } from '../../../../shared/rpc/areas/reports';
import type { MethodOutput } from '../../../../shared/rpc/contract';
import { notify } from '../../app/notify';
import { useRpcAction } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';
import { downloadBase64 } from './download';
import { reportErrorText } from './errorText';
import { ExportHistory } from './ExportHistory';
import { ExportPreviewView } from './ExportPreviewView';
import { isComplete, type Period } from './period';
import { PeriodPicker } from './PeriodPicker';
import { useExportPreview } from './queries';
import { choiceOf, useRememberedState } from './reportState';

type Built = MethodOutput<'export.build'>;

/**
 * The package for the central project (coordinators): a period, then the
 * preview of exactly what leaves, then the signed and encrypted package,
 * and the packages made before.
 */
export function CentralExportView() {
  const { t } = useT();
  const [choice, setChoice] = useRememberedState('central', () => choiceOf('lastYear'));
  // The preview shown is for the period asked; another period must be previewed before a package is built.
  const [asked, setAsked] = useState<Period | null>(null);
  const [built, setBuilt] = useState<Built | null>(null);
  const preview = useExportPreview(asked);
  const build = useRpcAction('export.build');
  const period = isComplete(choice) ? { from: choice.from, to: choice.to } : null;
  const shown = asked ? preview.data : undefined;
  const mayBuild = !!shown && shown.missing.length === 0 && !build.pending;

  const makePackage = async () => {
    if (!asked) return;
    const result = await build.mutate({ ...asked, download: true });
    if (!result.ok) return;
    setBuilt(result.data);
    notify(t, 'brand', t('reports:central.built'));
  };

  return (
    <Stack gap="lg">
      <Text size="sm" maw={760}>
        {t('reports:central.intro')}
      </Text>
      <PeriodPicker
        value={choice}
        onChange={(next) => {
          setChoice(next);
          setAsked(null);
          setBuilt(null);
        }}
      />
      <Group gap="xs">
        <Button leftSection={<IconEye size={16} aria-hidden />} variant={shown ? 'default' : 'filled'} disabled={!period} onClick={() => period && setAsked(period)}>
          {t('reports:central.preview')}
        </Button>
        <Button leftSection={<IconPackageExport size={16} aria-hidden />} disabled={!mayBuild} loading={build.pending} onClick={() => void makePackage()}>
          {t('reports:central.build')}
        </Button>
        {!shown && <Text size="sm">{t('reports:central.previewFirst')}</Text>}
      </Group>
      {built && <PackageResult built={built} familiesSuppressedBelow={shown && familiesSuppressed(shown) ? shown.threshold : null} />}
      {asked && preview.error && <FormError message={reportErrorText(t, preview.error)} />}
      {asked && !shown && !preview.error && (
        <Group gap={6} role="status">
          <Loader size="xs" aria-hidden />
          <Text size="sm">{t('reports:loading')}</Text>
        </Group>
      )}
      {shown && <ExportPreviewView preview={shown} />}
      <ExportHistory />
    </Stack>
  );
}

/** Whether the package's count of families leaves suppressed (a small office): the build then answers 0 for it. */
function familiesSuppressed(preview: ExportPreview): boolean {
  return !!preview.tables.find((x) => x.id === 'summary')?.rows.find((r) => r.key === 'families')?.marks[0];
}

/** Where the package was saved, its checksum and counts, and a copy to save elsewhere (a USB stick, a mail attachment). */
function PackageResult({ built, familiesSuppressedBelow }: { built: Built; familiesSuppressedBelow: number | null }) {
  const { t, i18n } = useT();
  const n = (v: number) => formatNumber(i18n.language, v);
  return (
    <Paper withBorder p="md" radius="md" data-testid="package-result">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('reports:central.built')}
        </Title>
        <Text size="sm" fw={600}>
          {t('reports:central.savedAt')}
        </Text>
        <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {built.path}
        </Code>
        <Text size="sm" fw={600}>
          {t('reports:central.checksum')}
        </Text>
        <Code block data-testid="package-checksum" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {built.checksum}
        </Code>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <Text size="sm">{familiesSuppressedBelow === null ? t('reports:central.families', { n: n(built.families) }) : t('reports:central.familiesSuppressed', { threshold: n(familiesSuppressedBelow) })}</Text>
          <Text size="sm">{t('reports:central.records', { n: n(built.records) })}</Text>
          <Text size="sm">{t('reports:central.size', { n: n(Math.ceil(built.bytes / 1024)) })}</Text>
        </SimpleGrid>
        {built.base64 && (
          <Button
            variant="default"
            w="fit-content"
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            onClick={() => built.base64 && downloadBase64(built.fileName, built.base64, 'application/octet-stream')}
          >
            {t('reports:central.saveAs')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
