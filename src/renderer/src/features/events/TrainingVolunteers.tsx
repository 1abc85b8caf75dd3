import { ActionIcon, Checkbox, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useRpcQuery } from '../../data/useRpcQuery';
import { useRpcAction } from '../../data/useRpcMutation';
import { useT } from '../../i18n/useT';
import { useCan } from '../../session/useCan';
import { useVolunteers } from '../referrals/queries';

/**
 * Volunteers at a training for volunteers: coordinators register them and
 * tick who attended, which records the training in their record.
 */
export function TrainingVolunteers({ eventId, cancelled }: { eventId: string; cancelled: boolean }) {
  const { t } = useT();
  const mayEdit = useCan('trainings.setVolunteer');
  const list = useRpcQuery('trainings.volunteers', { eventId }, { dependsOn: ['event', 'volunteer'] });
  const pool = useVolunteers({ status: 'active' });
  const set = useRpcAction('trainings.setVolunteer');
  const [picked, setPicked] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const options = (pool.data?.items ?? []).filter((v) => !items.some((i) => i.volunteerId === v.id)).map((v) => ({ value: v.id, label: `${v.lastName}, ${v.firstName}` }));
  const name = (i: { firstName: string; lastName: string }) => `${i.firstName} ${i.lastName}`;
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {t('events:training.title')}
      </Title>
      {mayEdit && !cancelled && (
        <Select
          label={t('events:training.add')}
          data={options}
          searchable
          value={picked}
          w={320}
          onChange={async (volunteerId) => {
            setPicked(volunteerId);
            if (volunteerId) await set.mutate({ eventId, volunteerId, registered: true });
            setPicked(null);
          }}
        />
      )}
      {items.length === 0 ? (
        <Text size="sm">{t('events:training.none')}</Text>
      ) : (
        <Table aria-label={t('events:training.title')}>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.volunteerId}>
                <Table.Td>{name(i)}</Table.Td>
                <Table.Td>
                  <Checkbox
                    label={t('events:training.attended')}
                    aria-label={t('events:training.attendedBy', { name: name(i) })}
                    checked={i.attended}
                    disabled={!mayEdit || cancelled}
                    onChange={(e) => void set.mutate({ eventId, volunteerId: i.volunteerId, registered: true, attended: e.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td>
                  {mayEdit && !cancelled && (
                    <Group justify="flex-end">
                      <ActionIcon variant="subtle" color="red" aria-label={t('events:training.remove', { name: name(i) })} onClick={() => void set.mutate({ eventId, volunteerId: i.volunteerId, registered: false })}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
