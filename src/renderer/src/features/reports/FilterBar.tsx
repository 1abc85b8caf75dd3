import { Button, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { EVENT_TYPES, FIELDS_OF_ACTION, LANGUAGES } from '../../../../shared/domain/lists';
import type { MigrationDefinition, ReportFilters } from '../../../../shared/rpc/areas/reports';
import { useRpcQuery } from '../../data/useRpcQuery';
import { LabelledSegments } from '../../forms/LabelledSegments';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import { useCan } from '../../session/useCan';
import { useDistrictOptions } from '../districts/queries';

type SelectKey = 'fieldOfAction' | 'eventType' | 'districtId' | 'language' | 'staffId';

/** The report's filters; '' in a select is "any". Staff members can be chosen by coordinators only (who may list the staff). */
export function FilterBar({ value, onChange }: { value: ReportFilters; onChange: (value: ReportFilters) => void }) {
  const { t } = useT();
  const districts = useDistrictOptions();
  const mayListStaff = useCan('users.list');
  // Former staff too: a report of past years may be asked for someone who has left.
  const users = useRpcQuery('users.list', { includeInactive: true }, { dependsOn: ['user'], enabled: mayListStaff });
  const languages = useMemo(() => listOptions(t, LANGUAGES, 'language').sort((a, b) => a.label.localeCompare(b.label)), [t]);
  const staff = useMemo(() => (mayListStaff ? (users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName })) : []), [mayListStaff, users.data]);
  const any = { value: '', label: t('reports:filters.any') };
  const set = (key: SelectKey, raw: string) => {
    const next: Record<string, unknown> = { ...value };
    if (raw === '') delete next[key];
    else next[key] = key === 'fieldOfAction' ? Number(raw) : raw;
    onChange(next as ReportFilters);
  };
  const select = (key: SelectKey, label: string, data: { value: string; label: string }[]) => (
    <Select label={label} data={[any, ...data]} value={value[key] === undefined ? '' : String(value[key])} onChange={(v) => set(key, v ?? '')} allowDeselect={false} searchable={data.length > 8} />
  );
  const definition = value.definition ?? 'background';
  const filtered = Object.keys(value).some((k) => k !== 'definition');
  return (
    <Paper withBorder p="sm" radius="md" role="search" aria-label={t('reports:filters.label')}>
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 2, md: mayListStaff ? 5 : 4 }} spacing="xs" verticalSpacing="xs">
          {select('fieldOfAction', t('reports:filters.fieldOfAction'), listOptions(t, FIELDS_OF_ACTION, 'fieldOfAction'))}
          {select('eventType', t('reports:filters.eventType'), listOptions(t, EVENT_TYPES, 'eventType'))}
          {select('districtId', t('reports:filters.district'), districts)}
          {select('language', t('reports:filters.language'), languages)}
          {mayListStaff && select('staffId', t('reports:filters.staff'), staff)}
        </SimpleGrid>
        <LabelledSegments
          label={t('reports:filters.definition')}
          data={[
            { value: 'background', label: t('reports:filters.definitions.background') },
            { value: 'history', label: t('reports:filters.definitions.history') },
          ]}
          value={definition}
          onChange={(v) => onChange({ ...value, definition: v as MigrationDefinition })}
          w="fit-content"
        />
        <Text size="xs" c="dimmed">
          {t(`reports:definitions.${definition === 'history' ? 'history' : 'migration'}`)}
        </Text>
        {(value.districtId || value.language) && (
          <Text size="sm" data-testid="family-filter-note">
            {t('reports:filters.familyFilterNote')}
          </Text>
        )}
        {filtered && (
          <Button variant="subtle" px="xs" w="fit-content" onClick={() => onChange(value.definition ? { definition: value.definition } : {})}>
            {t('reports:filters.reset')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
