import { Badge, Button, Group, Pagination, Paper, Select, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconDownload, IconSelector, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { FAMILY_STATUS, MIGRATION_BACKGROUND } from '../../../../shared/domain/lists';
import type { FamilyListSort } from '../../../../shared/rpc/areas/families';
import { notify } from '../../app/notify';
import { useRpcAction } from '../../data/useRpcMutation';
import { useRpcQuery } from '../../data/useRpcQuery';
import { DateField } from '../../forms/DateField';
import { errorText } from '../../forms/validate';
import { formatDate, formatNumber } from '../../i18n';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionContext';
import { useCan } from '../../session/useCan';
import { useDistrictOptions } from '../districts/queries';
import { useLanguageOptions } from '../intake/HouseholdFields';
import { downloadText, familyListCsv } from './csv';
import { EMPTY_FILTERS, INITIAL_LIST, nextSort, PAGE_SIZE, toListFilters, type FilterValues, type ListState } from './listState';
import { localDay } from '../../../../shared/dates';

/** Kept while the app runs: back from a family, the list is where it was — for the same person only. */
let remembered: { userId: string | undefined; state: ListState } = { userId: undefined, state: INITIAL_LIST };

/** Familien: every family in a table, filtered and sorted by the core, fifty to a page. */
export function FamilyListPage({ onOpen, onNew }: { onOpen: (id: string) => void; onNew?: () => void }) {
  const { t, i18n } = useT();
  const userId = useSession().status.user?.id;
  const [state, setState] = useState<ListState>(() => (remembered.userId === userId ? remembered.state : INITIAL_LIST));
  useEffect(() => {
    remembered = { userId, state };
  }, [userId, state]);
  const filters = useMemo(() => toListFilters(state.filters), [state.filters]);
  const list = useRpcQuery(
    'families.list',
    { filters, sort: state.sort, offset: (state.page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
    { dependsOn: ['family', 'member', 'district', 'contact'], keepPrevious: true },
  );
  const mayExport = useCan('families.exportList');
  const exportList = useRpcAction('families.exportList');
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const date = (iso: string | null) => (iso ? formatDate(i18n.language, new Date(iso)) : '—');
  const setFilter = <K extends keyof FilterValues>(key: K, value: FilterValues[K]) => setState({ ...state, filters: { ...state.filters, [key]: value }, page: 1 });
  const language = (code: string) => String(t(`lists:language.${code}` as never));

  const download = async () => {
    const result = await exportList.mutate({ filters, sort: state.sort });
    if (!result.ok) return;
    const day = localDay();
    downloadText(`${t('families:list.fileName')}-${day}.csv`, familyListCsv(result.data.items, t, i18n.language));
    notify(t, 'brand', t('families:list.exported', { count: result.data.items.length }));
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('families:familiesTitle')}
        </Title>
        <Group gap="xs">
          {mayExport && (
            <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} loading={exportList.pending} onClick={() => void download()}>
              {t('families:list.export')}
            </Button>
          )}
          {onNew && (
            <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={onNew}>
              {t('families:new')}
            </Button>
          )}
        </Group>
      </Group>
      <Filters values={state.filters} onChange={setFilter} onReset={() => setState({ ...state, filters: EMPTY_FILTERS, page: 1 })} />
      <Group justify="space-between">
        <Text size="sm" aria-live="polite">
          {t('families:list.count', { count: total, formatted: formatNumber(i18n.language, total) })}
        </Text>
        {pages > 1 && <Pagination total={pages} value={state.page} onChange={(page) => setState({ ...state, page })} size="sm" getControlProps={(control) => ({ 'aria-label': t(`families:list.page.${control}`) })} getItemProps={(page) => ({ 'aria-label': t('families:list.page.number', { page }) })} />}
      </Group>
      {list.error && <Text c="red">{errorText(t, list.error)}</Text>}
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={800}>
          <Table highlightOnHover stickyHeader aria-label={t('families:list.table')} aria-busy={list.pending}>
            <Table.Thead>
              <Table.Tr>
                <SortHeader label={t('families:list.name')} by="name" sort={state.sort} onSort={(sort) => setState({ ...state, sort, page: 1 })} />
                <Table.Th>{t('families:intake.district')}</Table.Th>
                <Table.Th>{t('families:list.members')}</Table.Th>
                <Table.Th>{t('families:intake.languages')}</Table.Th>
                <SortHeader label={t('families:list.registered')} by="registered" sort={state.sort} onSort={(sort) => setState({ ...state, sort, page: 1 })} />
                <SortHeader label={t('families:list.lastContact')} by="lastContact" sort={state.sort} onSort={(sort) => setState({ ...state, sort, page: 1 })} />
                <Table.Th>{t('families:edit.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.items.map((row) => (
                <Table.Tr key={row.id} onClick={() => onOpen(row.id)} style={{ cursor: 'pointer' }}>
                  <Table.Td>
                    {/* The name is the row's button: Tab reaches it, Enter opens the family. */}
                    <UnstyledButton
                      fw={600}
                      onClick={(event) => {
                        event.stopPropagation();
                        onOpen(row.id);
                      }}
                    >
                      {row.displayName}
                    </UnstyledButton>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {row.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>{row.districtName ?? '—'}</Table.Td>
                  <Table.Td>{row.members}</Table.Td>
                  <Table.Td>
                    {row.languages.map(language).join(', ')}
                    {row.interpreterNeeded && (
                      <Badge ml={6} size="xs" variant="light">
                        {t('families:list.interpreter')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{date(row.createdAt)}</Table.Td>
                  <Table.Td>{date(row.lastContactAt)}</Table.Td>
                  <Table.Td>{t(`lists:status.${row.status}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {list.data && list.data.items.length === 0 && total === 0 && (
          <Text c="dimmed" p="md">
            {t('families:list.none')}
          </Text>
        )}
        {/* The list shrank (families merged or closed elsewhere) below the page shown. */}
        {list.data && list.data.items.length === 0 && total > 0 && (
          <Button variant="subtle" m="md" onClick={() => setState({ ...state, page: 1 })}>
            {t('families:list.toFirstPage')}
          </Button>
        )}
      </Paper>
      {pages > 1 && (
        <Group justify="flex-end">
          <Pagination total={pages} value={state.page} onChange={(page) => setState({ ...state, page })} size="sm" getControlProps={(control) => ({ 'aria-label': t(`families:list.page.${control}`) })} getItemProps={(page) => ({ 'aria-label': t('families:list.page.number', { page }) })} />
        </Group>
      )}
    </Stack>
  );
}

function SortHeader({ label, by, sort, onSort }: { label: string; by: FamilyListSort['by']; sort: FamilyListSort; onSort: (sort: FamilyListSort) => void }) {
  const active = sort.by === by;
  const Icon = !active ? IconSelector : sort.dir === 'asc' ? IconChevronUp : IconChevronDown;
  return (
    <Table.Th aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton fw={700} fz="sm" onClick={() => onSort(nextSort(sort, by))}>
        <Group gap={4} wrap="nowrap">
          {label}
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

function Filters({ values, onChange, onReset }: { values: FilterValues; onChange: <K extends keyof FilterValues>(key: K, value: FilterValues[K]) => void; onReset: () => void }) {
  const { t } = useT();
  const districts = useDistrictOptions();
  const languages = useLanguageOptions();
  const any = { value: '', label: t('families:list.any') };
  const select = (key: 'status' | 'districtId' | 'language' | 'migrationBackground' | 'interpreterNeeded', label: string, data: { value: string; label: string }[]) => (
    <Select label={label} data={[any, ...data]} value={values[key]} onChange={(value) => onChange(key, value ?? '')} allowDeselect={false} searchable={data.length > 8} />
  );
  const day = (key: 'lastContactAfter' | 'lastContactBefore' | 'registeredFrom' | 'registeredTo', label: string) => (
    <DateField label={label} clearable value={values[key]} onChange={(value) => onChange(key, value ? String(value) : null)} />
  );
  return (
    <Paper withBorder p="sm" radius="md" role="search" aria-label={t('families:list.filters')}>
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="xs" verticalSpacing="xs">
        {select('status', t('families:edit.status'), listOptions(t, FAMILY_STATUS, 'status'))}
        {select('districtId', t('families:intake.district'), districts)}
        {select('language', t('families:list.language'), languages)}
        {select('migrationBackground', t('families:intake.migration'), listOptions(t, MIGRATION_BACKGROUND, 'migration'))}
        {select('interpreterNeeded', t('families:intake.interpreterNeeded'), [
          { value: 'yes', label: t('families:edit.yes') },
          { value: 'no', label: t('families:edit.no') },
        ])}
        {day('lastContactAfter', t('families:list.lastContactAfter'))}
        {day('lastContactBefore', t('families:list.lastContactBefore'))}
        {day('registeredFrom', t('families:list.registeredFrom'))}
        {day('registeredTo', t('families:list.registeredTo'))}
        <Button variant="subtle" px="xs" onClick={onReset} style={{ alignSelf: 'end' }}>
          {t('families:list.reset')}
        </Button>
      </SimpleGrid>
    </Paper>
  );
}
