import { Group, ScrollArea, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { FormError } from '../../forms/FormError';
import { errorText } from '../../forms/validate';
import { formatDate, formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useHours } from '../referrals/queries';

/**
 * Hours given, for coordinators: per volunteer by month of a year, and
 * assignments and hours per language and per reason (done referrals only).
 */
export function HoursReport() {
  const { t, i18n } = useT();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const hours = useHours({ from: `${year}-01-01`, to: `${year}-12-31` });
  const n = (value: number) => formatNumber(i18n.language, value, { maximumFractionDigits: 2 });
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const monthName = (i: number) => formatDate(i18n.language, new Date(Number(year), i, 1), { month: 'short' });
  const data = hours.data;
  return (
    <Stack gap="md">
      <Group align="flex-end">
        <Select label={t('volunteering:hours.year')} data={Array.from({ length: 6 }, (_, i) => String(thisYear - i))} value={year} onChange={(v) => v && setYear(v)} allowDeselect={false} w={120} />
      </Group>
      {hours.error && <FormError message={errorText(t, hours.error)} />}
      <Title order={2} size="h4">
        {t('volunteering:hours.perVolunteer')}
      </Title>
      <ScrollArea>
        <Table striped aria-label={t('volunteering:hours.perVolunteer')} miw={900}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('volunteering:pool.name')}</Table.Th>
              {months.map((m, i) => (
                <Table.Th key={m} ta="end">
                  {monthName(i)}
                </Table.Th>
              ))}
              <Table.Th ta="end">{t('volunteering:hours.total')}</Table.Th>
              <Table.Th ta="end">{t('volunteering:hours.assignments')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.volunteers.map((v) => (
              <Table.Tr key={v.volunteerId}>
                <Table.Td>
                  {v.lastName}, {v.firstName}
                </Table.Td>
                {months.map((m) => {
                  const month = v.months.find((x) => x.month === m);
                  return (
                    <Table.Td key={m} ta="end">
                      {month ? n(month.hours) : ''}
                    </Table.Td>
                  );
                })}
                <Table.Td ta="end" fw={600}>
                  {n(v.hours)}
                </Table.Td>
                <Table.Td ta="end">{v.assignments}</Table.Td>
              </Table.Tr>
            ))}
            {data && data.volunteers.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={15}>
                  <Text>{t('volunteering:hours.none')}</Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('volunteering:hours.perLanguage')}
          </Title>
          <Table striped aria-label={t('volunteering:hours.perLanguage')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('volunteering:referral.language')}</Table.Th>
                <Table.Th ta="end">{t('volunteering:hours.assignments')}</Table.Th>
                <Table.Th ta="end">{t('volunteering:hours.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.languages.map((l) => (
                <Table.Tr key={l.language ?? '-'}>
                  <Table.Td>{l.language ? t(`lists:language.${l.language as 'de'}`) : t('volunteering:hours.noLanguage')}</Table.Td>
                  <Table.Td ta="end">{l.assignments}</Table.Td>
                  <Table.Td ta="end">{n(l.hours)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('volunteering:hours.perReason')}
          </Title>
          <Table striped aria-label={t('volunteering:hours.perReason')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('volunteering:referral.reason')}</Table.Th>
                <Table.Th ta="end">{t('volunteering:hours.assignments')}</Table.Th>
                <Table.Th ta="end">{t('volunteering:hours.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.reasons.map((r) => (
                <Table.Tr key={r.reason}>
                  <Table.Td>{t(`lists:referralReason.${r.reason}`)}</Table.Td>
                  <Table.Td ta="end">{r.assignments}</Table.Td>
                  <Table.Td ta="end">{n(r.hours)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
