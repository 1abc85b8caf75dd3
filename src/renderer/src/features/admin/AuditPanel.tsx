import { Alert, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useRpcMutation } from '../../data/useRpcMutation';
import { DateField } from '../../forms/DateField';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useAuditLog, useUsers, type AuditFilter } from './queries';

interface Filters {
  userId: string | null;
  method: string;
  outcome: string | null;
  from: string;
  to: string;
}

/** Record ids are UUIDs: the first block is enough to tell entries apart on screen. */
function shortId(id: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(id) ? id.slice(0, 8) : id;
}

const EMPTY: Filters = { userId: null, method: '', outcome: null, from: '', to: '' };

/** The form's fields as the core's filter: empty fields filter nothing. */
function toFilter(f: Filters): AuditFilter {
  return {
    ...(f.userId ? { userId: f.userId } : {}),
    ...(f.method ? { method: f.method } : {}),
    ...(f.outcome === 'ok' || f.outcome === 'failed' ? { outcome: f.outcome } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

export function AuditPanel() {
  const { t, i18n } = useT();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<AuditFilter>({});
  const { items, hasMore, more } = useAuditLog(applied);
  const users = useUsers(true).data?.items ?? [];
  // Verifying reads the whole chain on demand; it is an action, not a cached view.
  const verifyChain = useRpcMutation('audit.verify');
  const [verify, setVerify] = useState<{ ok: boolean; checked: number; firstBrokenId: number | null } | null>(null);

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('admin:audit.title')}
      </Title>
      <Text>{t('admin:audit.intro')}</Text>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(toFilter(filters));
        }}
      >
        <Group align="flex-end" gap="sm">
          <Select
            label={t('admin:audit.filterUser')}
            placeholder={t('admin:audit.all')}
            clearable
            data={users.map((u) => ({ value: u.id, label: u.displayName }))}
            value={filters.userId}
            onChange={(userId) => setFilters({ ...filters, userId })}
            w={200}
          />
          <TextInput label={t('admin:audit.filterMethod')} value={filters.method} onChange={(e) => setFilters({ ...filters, method: e.currentTarget.value })} w={180} />
          <Select
            label={t('admin:audit.filterOutcome')}
            placeholder={t('admin:audit.all')}
            clearable
            data={[
              { value: 'ok', label: t('admin:audit.ok') },
              { value: 'failed', label: t('admin:audit.failed') },
            ]}
            value={filters.outcome}
            onChange={(outcome) => setFilters({ ...filters, outcome })}
            w={220}
          />
          <DateField label={t('admin:audit.filterFrom')} clearable value={filters.from || null} onChange={(value) => setFilters({ ...filters, from: value ?? '' })} w={150} />
          <DateField label={t('admin:audit.filterTo')} clearable value={filters.to || null} onChange={(value) => setFilters({ ...filters, to: value ?? '' })} w={150} />
          <Button type="submit">{t('admin:audit.apply')}</Button>
          <Button
            variant="default"
            leftSection={<IconShieldCheck size={16} aria-hidden />}
            onClick={async () => {
              const result = await verifyChain.mutate({});
              if (result.ok) setVerify(result.data);
            }}
          >
            {t('admin:audit.verify')}
          </Button>
        </Group>
      </form>
      {verify && (
        <Alert color={verify.ok ? 'brand' : 'red'} role="status" data-testid="audit-verify">
          {verify.ok ? t('admin:audit.verifyOk', { count: verify.checked }) : t('admin:audit.verifyBroken', { id: verify.firstBrokenId ?? 0 })}
        </Alert>
      )}
      <Table striped aria-label={t('admin:audit.tableLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin:audit.time')}</Table.Th>
            <Table.Th>{t('admin:audit.user')}</Table.Th>
            <Table.Th>{t('admin:audit.method')}</Table.Th>
            <Table.Th>{t('admin:audit.entity')}</Table.Th>
            <Table.Th>{t('admin:audit.outcome')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{formatDate(i18n.language, new Date(e.at), { dateStyle: 'short', timeStyle: 'medium' })}</Table.Td>
              <Table.Td>{e.userName ?? t('admin:audit.system')}</Table.Td>
              <Table.Td>
                <code>{e.method}</code>
              </Table.Td>
              <Table.Td>{e.entityType ? `${e.entityType}${e.entityId ? ` ${shortId(e.entityId)}` : ''}` : '–'}</Table.Td>
              <Table.Td>{e.outcome === 'ok' ? t('admin:audit.ok') : e.outcome === 'OFFLINE' ? t('admin:audit.offline') : e.outcome}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {items.length === 0 && <Text c="dimmed">{t('admin:audit.empty')}</Text>}
      {hasMore && (
        <Group>
          <Button variant="default" onClick={more}>
            {t('admin:audit.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
