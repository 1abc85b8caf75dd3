import { Button, Code, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDeviceFloppy, IconEye, IconPackageExport } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { MethodOutput } from '../../../../shared/rpc/contract';
import { notify } from '../../app/notify';
import { useRpcMutation } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { errorText } from '../../forms/validate';
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

/** The package built, with the threshold of the preview it was built from (to say why a count left suppressed). */
type Built = MethodOutput<'export.build'> & { threshold: number };

/** The core's refusal when the package would not hold exactly what the preview showed (its digest differs). */
const CHANGED_SINCE_PREVIEW = 'errors:export_changed_since_preview';

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
  const [buildError, setBuildError] = useState<string | null>(null);
  const preview = useExportPreview(asked);
  const build = useRpcMutation('export.build');
  const queryClient = useQueryClient();
  const period = isComplete(choice) ? { from: choice.from, to: choice.to } : null;
  const shown = asked ? preview.data : undefined;
  const mayBuild = !!shown && shown.missing.length === 0 && !build.pending;

  const makePackage = async () => {
    if (!asked || !shown) return;
    setBuildError(null);
    // The digest of what is on screen: the core refuses if the package would hold anything else.
    const result = await build.mutate({ ...asked, download: true, digest: shown.digest });
    if (!result.ok) {
      setBuildError(errorText(t, result.error));
      if (result.error.code === 'CONFLICT' && result.error.message === CHANGED_SINCE_PREVIEW) {
        // What was checked is no longer what would leave: the preview goes, to be loaded and checked again.
        setAsked(null);
        setBuilt(null);
        queryClient.removeQueries({ queryKey: ['export.preview'] });
      }
      return;
    }
    setBuilt({ ...result.data, threshold: shown.threshold });
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
          setBuildError(null);
        }}
      />
      <Group gap="xs">
        <Button
          leftSection={<IconEye size={16} aria-hidden />}
          variant={shown ? 'default' : 'filled'}
          disabled={!period}
          onClick={() => {
            if (!period) return;
            setBuildError(null);
            setAsked(period);
          }}
        >
          {t('reports:central.preview')}
        </Button>
        <Button leftSection={<IconPackageExport size={16} aria-hidden />} disabled={!mayBuild} loading={build.pending} onClick={() => void makePackage()}>
          {t('reports:central.build')}
        </Button>
        {!shown && <Text size="sm">{t('reports:central.previewFirst')}</Text>}
      </Group>
      <FormError message={buildError} />
      {built && <PackageResult built={built} />}
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

/** Where the package was saved, its checksum and counts, and a copy to save elsewhere (a USB stick, a mail attachment). */
function PackageResult({ built }: { built: Built }) {
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
          <Text size="sm" data-testid="package-families">
            {built.families === null ? t('reports:central.familiesSuppressed', { threshold: n(built.threshold) }) : t('reports:central.families', { n: n(built.families) })}
          </Text>
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
