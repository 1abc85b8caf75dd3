import { Badge, Group, Stack, Text } from '@mantine/core';
import type { FamilyHit } from '../../../../shared/rpc/areas/families';
import { useT } from '../../i18n/useT';

/** One family in a result list: name, code, household with birth years, district and phone. */
export function FamilyHitSummary({ hit }: { hit: FamilyHit }) {
  const { t } = useT();
  const adults = hit.members.filter((m) => m.role !== 'child');
  const children = hit.members.filter((m) => m.role === 'child');
  return (
    <Stack gap={2}>
      <Group gap="xs" wrap="nowrap">
        <Text fw={700}>{hit.displayName}</Text>
        <Badge variant="outline" color="gray" ff="monospace">
          {hit.code}
        </Badge>
        {hit.status === 'closed' && (
          <Badge variant="outline" color="gray">
            {t('lists:status.closed')}
          </Badge>
        )}
      </Group>
      <Text size="sm">
        {adults.map((m) => `${m.firstName} ${m.lastName} (${m.birthYear})`).join(', ')}
        {children.length > 0 && ` · ${t('families:search.children', { count: children.length })}: ${children.map((m) => `${m.firstName} ${m.birthYear}`).join(', ')}`}
      </Text>
      <Text size="sm" c="dimmed">
        {[hit.districtName, hit.phone].filter(Boolean).join(' · ')}
      </Text>
    </Stack>
  );
}
