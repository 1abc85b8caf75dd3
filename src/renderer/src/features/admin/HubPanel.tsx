import { Alert, Badge, Button, Checkbox, CopyButton, Group, Loader, NumberInput, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCopy, IconServer2 } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { hubMakeInputSchema, type HubHost } from '../../../../shared/rpc/areas/hub';
import { useApi } from '../../api/ApiContext';
import { notify } from '../../app/notify';
import { fetchRpc } from '../../data/useRpcQuery';
import { useRpcAction, useRpcMutation } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { PasswordField } from '../../forms/PasswordField';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { zodValidate } from '../../forms/validate';
import { formatDate, formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useHubStatus } from '../hub/useHubStatus';
import { HubBackupsCard } from './HubBackupsCard';
import { expectRestart } from '../hub/restartNotice';

/**
 * The office hub in the administration: on a single PC "Make this PC the
 * office hub"; on the hub PC its state and the join code; on any other PC of
 * the hub a word on where the data lives.
 */
export function HubPanel() {
  const status = useHubStatus();
  const api = useApi();
  // The hub's state changes without a write here (PCs connect, the server stops): asked again every 15 s.
  const host = useQuery({ queryKey: ['hub.host', {}], queryFn: () => fetchRpc(api, 'hub.host', {}), refetchInterval: 15_000 });
  if (!status || host.isPending) return <Loader size="sm" aria-label="…" />;
  if (host.data) return <HostState host={host.data} />;
  if (status.mode === 'hub') return <MemberState />;
  return <MakeHubForm />;
}

function MemberState() {
  const { t } = useT();
  return (
    <Paper withBorder p="md" radius="md" maw={720}>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('admin:hub.member.title')}
        </Title>
        <Text>{t('admin:hub.member.text')}</Text>
      </Stack>
    </Paper>
  );
}

function HostState({ host }: { host: HubHost }) {
  const { t, i18n } = useT();
  const queryClient = useQueryClient();
  const renew = useRpcAction('hub.renewJoinCode');
  const when = (iso: string) => formatDate(i18n.language, new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  const renewCode = async () => {
    const result = await renew.mutate({});
    if (!result.ok) return;
    notify(t, 'brand', t('admin:hub.host.renewed'));
    await queryClient.invalidateQueries({ queryKey: ['hub.host'] });
  };
  return (
    <Stack gap="md" maw={760}>
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={2} size="h3">
              {t('admin:hub.host.title')}
            </Title>
            <Badge color={host.running ? 'teal' : 'red'} size="lg" data-testid="hub-running">
              {host.running ? t('admin:hub.host.running') : t('admin:hub.host.stopped')}
            </Badge>
          </Group>
          {!host.running && (
            <Alert color="red" role="alert" icon={<IconAlertTriangle aria-hidden />}>
              {t('admin:hub.host.stoppedText')}
            </Alert>
          )}
          <Text fw={600} data-testid="hub-clients">
            {t('admin:hub.host.clients', { count: host.clients, formattedCount: formatNumber(i18n.language, host.clients) })}
          </Text>
          <Text>{t('admin:hub.host.address', { address: host.address, port: host.port })}</Text>
          <Text>{t('admin:hub.host.since', { date: when(host.createdAt) })}</Text>
          {host.moved && (
            <Text data-testid="hub-moved">
              {t('admin:hub.host.moved', { date: when(host.moved.at), rows: formatNumber(i18n.language, host.moved.rows), tables: formatNumber(i18n.language, host.moved.tables) })}
            </Text>
          )}
          <Text>{t(`admin:hub.host.volume.${host.volume}`)}</Text>
          <Text>{host.lastBackupAt ? t('admin:hub.host.backupLast', { date: when(host.lastBackupAt) }) : t('admin:hub.host.backupNone')}</Text>
          {host.moved && (
            <Text size="sm" c="dimmed">
              {t('admin:hub.host.firstLogin')}
            </Text>
          )}
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('admin:hub.host.joinTitle')}
          </Title>
          <Text size="sm">{t('admin:hub.host.joinText', { date: when(host.tokenUntil) })}</Text>
          <Textarea label={t('admin:hub.host.code')} value={host.joinCode} readOnly autosize minRows={2} spellCheck={false} data-testid="hub-join-code" styles={{ input: { fontFamily: 'monospace' } }} />
          <Group justify="space-between">
            <CopyButton value={host.joinCode}>
              {({ copied, copy }) => (
                <Button variant="default" leftSection={<IconCopy size={16} aria-hidden />} onClick={copy}>
                  {copied ? t('admin:hub.host.copied') : t('admin:hub.host.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" color="red" onClick={() => void renewCode()} loading={renew.pending}>
              {t('admin:hub.host.renew')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <HubBackupsCard />
    </Stack>
  );
}

function MakeHubForm() {
  const { t, i18n } = useT();
  const make = useRpcMutation('hub.make');
  const [done, setDone] = useState<{ rows: number; tables: number } | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { password: '', port: 5433 as number | string, volumeConfirmed: false },
    validate: zodValidate(hubMakeInputSchema, t),
  });
  const { error, busy, run } = useRpcSubmit(form);
  const submit = form.onSubmit((values) =>
    run(
      () => make.mutate({ password: values.password, port: Number(values.port), volumeConfirmed: values.volumeConfirmed }),
      (data) => {
        // The core starts again on the hub a moment after its answer: the lock screen then says why.
        expectRestart('session:hubMadeNotice');
        setDone({ rows: data.rows, tables: data.tables });
      },
    ),
  );
  return (
    <Paper withBorder p="md" radius="md" maw={720}>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('admin:hub.single.title')}
        </Title>
        <Text size="sm">{t('admin:hub.single.intro')}</Text>
        {done ? (
          <Alert color="teal" role="status" icon={<IconServer2 aria-hidden />} data-testid="hub-made">
            {t('admin:hub.single.done', { rows: formatNumber(i18n.language, done.rows), tables: formatNumber(i18n.language, done.tables) })}
          </Alert>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <PasswordField label={t('admin:hub.single.password')} autoComplete="current-password" required disabled={busy} {...form.getInputProps('password')} />
              <NumberInput label={t('admin:hub.single.port')} description={t('admin:hub.single.portHint')} min={1024} max={65535} allowDecimal={false} thousandSeparator="" maw={220} disabled={busy} {...form.getInputProps('port')} />
              <Checkbox label={t('admin:hub.single.volume')} description={t('admin:hub.single.volumeHint')} disabled={busy} {...form.getInputProps('volumeConfirmed', { type: 'checkbox' })} />
              <FormError message={error} />
              {busy && (
                <Alert color="blue" role="status" icon={<Loader size="xs" aria-hidden />}>
                  {t('admin:hub.single.busy')}
                </Alert>
              )}
              <Group justify="flex-end">
                <Button type="submit" leftSection={<IconServer2 size={16} aria-hidden />} loading={busy}>
                  {t('admin:hub.single.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
