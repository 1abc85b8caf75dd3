import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Registration } from '../../../../shared/rpc/areas/events';
import { notify } from '../../app/notify';
import { useRpcMutation } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { errorText } from '../../forms/validate';
import { useT } from '../../i18n/useT';
import { FamilySearch } from '../families/FamilySearch';
import { useFamily } from '../families/queries';

/** The members of the family found, all ticked: untick who does not come, then register. */
function MemberChoice({ eventId, familyId, onBack, onDone }: { eventId: string; familyId: string; onBack: () => void; onDone: () => void }) {
  const { t } = useT();
  const family = useFamily(familyId);
  const add = useRpcMutation('registrations.add');
  const members = family.data?.members.filter((m) => !('movedOutAt' in m) || m.movedOutAt === null) ?? [];
  const [chosen, setChosen] = useState<string[] | null>(null);
  const ids = chosen ?? members.map((m) => m.id);
  const [error, setError] = useState<string | null>(null);
  const register = async () => {
    const result = await add.mutate({ eventId, familyId, memberIds: ids.length === members.length ? undefined : ids });
    if (!result.ok) return setError(errorText(t, result.error));
    const r: Registration = result.data;
    notify(t, r.status === 'waiting' ? 'orange' : 'brand', t(r.status === 'waiting' ? 'events:registrations.waitingSaved' : 'events:registrations.saved', { name: r.familyName, count: r.persons }));
    onDone();
  };
  if (family.error) return <FormError message={errorText(t, family.error)} />;
  return (
    <Stack gap="sm">
      <Text fw={600}>{family.data?.displayName}</Text>
      <Checkbox.Group label={t('events:registrations.who')} value={ids} onChange={setChosen}>
        <Stack gap={4} mt={4}>
          {members.map((m) => (
            <Checkbox key={m.id} value={m.id} label={`${m.firstName} ${m.lastName} (${m.birthYear})`} />
          ))}
        </Stack>
      </Checkbox.Group>
      <FormError message={error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onBack}>
          {t('events:registrations.back')}
        </Button>
        <Button onClick={() => void register()} loading={add.pending} disabled={ids.length === 0} data-autofocus>
          {t('events:registrations.register')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Registers a family or some of its members: found as at the front desk, then who comes. */
export function RegisterFamilyDialog({ eventId, onClose }: { eventId: string; onClose: () => void }) {
  const { t } = useT();
  const [familyId, setFamilyId] = useState<string | null>(null);
  return (
    <Modal opened onClose={onClose} title={t('events:registrations.addTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
      {familyId ? <MemberChoice eventId={eventId} familyId={familyId} onBack={() => setFamilyId(null)} onDone={onClose} /> : <FamilySearch onOpen={setFamilyId} />}
    </Modal>
  );
}
