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
        <TallyTable
          title={t('volunteering:hours.perLanguage')}
          first={t('volunteering:referral.language')}
          rows={(data?.languages ?? []).map((l) => ({ key: l.language ?? '-', label: l.language ? t(`lists:language.${l.language as 'de'}`) : t('volunteering:hours.noLanguage'), ...l }))}
          hours={n}
        />
        <TallyTable title={t('volunteering:hours.perReason')} first={t('volunteering:referral.reason')} rows={(data?.reasons ?? []).map((r) => ({ key: r.reason, label: t(`lists:referralReason.${r.reason}`), ...r }))} hours={n} />
      </SimpleGrid>
    </Stack>
  );
}

/** Assignments and hours per one thing (a language, a reason): one table of its own. */
function TallyTable({ title, first, rows, hours }: { title: string; first: string; rows: { key: string; label: string; assignments: number; hours: number }[]; hours: (value: number) => string }) {
  const { t } = useT();
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {title}
      </Title>
      <Table striped aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{first}</Table.Th>
            <Table.Th ta="end">{t('volunteering:hours.assignments')}</Table.Th>
            <Table.Th ta="end">{t('volunteering:hours.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>{r.label}</Table.Td>
              <Table.Td ta="end">{r.assignments}</Table.Td>
              <Table.Td ta="end">{hours(r.hours)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
