import { Badge, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { LANGUAGES, VOLUNTEER_ROLES, VOLUNTEER_STATUS } from '../../../../shared/domain/lists';
import type { Volunteer, VolunteerLookup } from '../../../../shared/rpc/areas/volunteers';
import { FormError } from '../../forms/FormError';
import { errorText } from '../../forms/validate';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import { useCan } from '../../session/useCan';
import { useVolunteers } from '../referrals/queries';
import { weekdayName } from '../referrals/reasons';

/** Languages with their level, and weekly slots, as one line each. */
export function useVolunteerLines() {
  const { t, i18n } = useT();
  return {
    languages: (v: VolunteerLookup | Volunteer) => v.languages.map((l) => `${t(`lists:language.${l.code as 'de'}`)} (${t(`lists:languageLevel.${l.level}`)})`).join(', '),
    availability: (v: VolunteerLookup | Volunteer) => v.availability.map((a) => `${weekdayName(i18n.language, a.weekday, 'short')} ${a.from}–${a.to}`).join(', '),
  };
}

/**
 * The volunteer pool with filters. Coordinators open and add records;
 * caseworkers and reception see who fits (names, languages, availability —
 * no addresses, the core sends none).
 */
export function VolunteerPool({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useT();
  const mayAdd = useCan('volunteers.save');
  const lines = useVolunteerLines();
  const [status, setStatus] = useState<string | null>('active');
  const [role, setRole] = useState<string | null>(null);
  const [language, setLanguage] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const list = useVolunteers({
    ...(status ? { status: status as Volunteer['status'] } : {}),
    ...(role ? { role: role as Volunteer['roles'][number] } : {}),
    ...(language ? { language: language as (typeof LANGUAGES)[number] } : {}),
    ...(query.trim() ? { query: query.trim() } : {}),
  });
  const items = list.data?.items ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end" gap="sm">
          <TextInput label={t('volunteering:pool.search')} leftSection={<IconSearch size={16} aria-hidden />} value={query} onChange={(e) => setQuery(e.currentTarget.value)} w={220} />
          <Select label={t('volunteering:pool.status')} data={listOptions(t, VOLUNTEER_STATUS, 'volunteerStatus')} value={status} onChange={setStatus} clearable w={150} />
          <Select label={t('volunteering:pool.role')} data={listOptions(t, VOLUNTEER_ROLES, 'volunteerRole')} value={role} onChange={setRole} clearable w={190} />
          <Select label={t('volunteering:pool.language')} data={listOptions(t, LANGUAGES, 'language')} value={language} onChange={setLanguage} clearable searchable w={180} />
        </Group>
        {mayAdd && (
          <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => onOpen('new')}>
            {t('volunteering:pool.add')}
          </Button>
        )}
      </Group>
      {list.error && <FormError message={errorText(t, list.error)} />}
      <Table striped highlightOnHover aria-label={t('volunteering:tabs.pool')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('volunteering:pool.name')}</Table.Th>
            <Table.Th>{t('volunteering:pool.roles')}</Table.Th>
            <Table.Th>{t('volunteering:pool.languages')}</Table.Th>
            <Table.Th>{t('volunteering:pool.availability')}</Table.Th>
            <Table.Th>{t('volunteering:pool.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((v) => (
            <Table.Tr key={v.id} data-testid="volunteer-row">
              <Table.Td>
                <Button variant="subtle" size="compact-sm" onClick={() => onOpen(v.id)}>
                  {v.lastName}, {v.firstName}
                </Button>
              </Table.Td>
              <Table.Td>{v.roles.map((r) => t(`lists:volunteerRole.${r}`)).join(', ')}</Table.Td>
              <Table.Td>{lines.languages(v)}</Table.Td>
              <Table.Td>{lines.availability(v) || '–'}</Table.Td>
              <Table.Td>
                <Badge variant="filled" color={v.status === 'active' ? 'teal.9' : 'gray.7'}>
                  {t(`lists:volunteerStatus.${v.status}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
          {list.data && items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text>{t('volunteering:pool.none')}</Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
