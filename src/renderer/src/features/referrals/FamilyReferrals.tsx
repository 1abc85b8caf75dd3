import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigation } from '../../app/navigation';
import { useT } from '../../i18n/useT';
import { useReferrals } from './queries';
import { StatusBadge, useNeedText } from './ReferralBoard';
import { ReferralForm } from './ReferralForm';
import { appointmentText } from './when';

/** A family's referrals on its page, newest appointment last, and a new one from here. */
export function FamilyReferrals({ familyId }: { familyId: string }) {
  const { t, i18n } = useT();
  const { navigate } = useNavigation();
  const need = useNeedText();
  const list = useReferrals({ familyId });
  const [creating, setCreating] = useState(false);
  const open = (id: string) => navigate({ area: 'referrals', view: `referral/${id}` });
  const items = list.data?.items ?? [];
  return (
    <Stack gap="sm">
      {items.length === 0 ? (
        <Text size="sm">{t('volunteering:family.none')}</Text>
      ) : (
        <Table aria-label={t('volunteering:family.title')}>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => open(r.id)}>
                    {need(r)}
                  </Button>
                </Table.Td>
                <Table.Td>{appointmentText(i18n.language, r, false)}</Table.Td>
                <Table.Td>{r.volunteerName ?? ''}</Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setCreating(true)}>
          {t('volunteering:referral.new')}
        </Button>
      </Group>
      {creating && <ReferralForm familyId={familyId} onClose={() => setCreating(false)} onSaved={open} />}
    </Stack>
  );
}
