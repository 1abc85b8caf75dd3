import { ActionIcon, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconHeartHandshake, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { localDay } from '../../../../shared/dates';
import { ENGAGEMENT_KINDS } from '../../../../shared/domain/lists';
import type { Family, Member } from '../../../../shared/rpc/areas/families';
import type { Engagement } from '../../../../shared/rpc/areas/members';
import { useNavigation } from '../../app/navigation';
import { notify } from '../../app/notify';
import { useRpcQuery } from '../../data/useRpcQuery';
import { useRpcMutation } from '../../data/useRpcMutation';
import { DateField } from '../../forms/DateField';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { errorText } from '../../forms/validate';
import { formatDate } from '../../i18n';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import { useCan } from '../../session/useCan';
import { FormButtons, FormModal } from '../casework/FormModal';
import { VolunteerForm } from '../volunteers/VolunteerForm';

type FullFamily = Extract<Family, { view: 'full' }>;
interface Values {
  engagements: { kind: string; from: string | null; to: string | null; note: string }[];
}

/** A member's engagements as one list to edit; saved whole. */
function EngagementForm({ familyId, member, items, onClose }: { familyId: string; member: Member; items: Engagement[]; onClose: () => void }) {
  const { t } = useT();
  const save = useRpcMutation('engagements.save');
  const form = useForm<Values>({ mode: 'controlled', initialValues: { engagements: items.map((e) => ({ kind: e.kind, from: e.from, to: e.to, note: e.note ?? '' })) } });
  const { error, busy, run } = useRpcSubmit(form);
  const submit = form.onSubmit((values) =>
    run(
      () =>
        save.mutate({
          familyId,
          memberId: member.id,
          engagements: values.engagements.map((e) => ({ kind: e.kind as Engagement['kind'], from: e.from ?? '', to: e.to, note: e.note })),
        }),
      () => {
        notify(t, 'brand', t('volunteering:engagements.saved', { name: member.firstName }));
        onClose();
      },
    ),
  );
  const rows = form.getValues().engagements;
  return (
    <FormModal title={t('volunteering:engagements.editTitle', { name: `${member.firstName} ${member.lastName}` })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {rows.length === 0 && <Text size="sm">{t('volunteering:engagements.noneYet')}</Text>}
          {rows.map((_, i) => (
            <Group key={i} align="flex-start" gap="xs">
              <Select label={t('volunteering:engagements.kind')} data={listOptions(t, ENGAGEMENT_KINDS, 'engagementKind')} allowDeselect={false} w={260} {...form.getInputProps(`engagements.${i}.kind`)} />
              <DateField label={t('volunteering:engagements.from')} required {...form.getInputProps(`engagements.${i}.from`)} />
              <DateField label={t('volunteering:engagements.to')} {...form.getInputProps(`engagements.${i}.to`)} />
              <TextInput label={t('volunteering:engagements.note')} w={180} {...form.getInputProps(`engagements.${i}.note`)} />
              <Stack justify="flex-end" h={60}>
                <ActionIcon variant="subtle" color="red" aria-label={`${t('volunteering:engagements.remove')} ${i + 1}`} onClick={() => form.removeListItem('engagements', i)}>
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Stack>
            </Group>
          ))}
          <Group>
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => form.insertListItem('engagements', { kind: 'parents_council', from: localDay(), to: null, note: '' })}>
              {t('volunteering:engagements.add')}
            </Button>
          </Group>
          <FormError message={error} />
          <FormButtons onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </FormModal>
  );
}

/**
 * Participation (Mitmachen): what each member takes part in, from when to
 * when; a coordinator can make a member a volunteer in one step (the new
 * record is linked to the member, both stay apart).
 */
export function EngagementsPanel({ family }: { family: FullFamily }) {
  const { t, i18n } = useT();
  const { navigate } = useNavigation();
  const mayMakeVolunteer = useCan('volunteers.save');
  const list = useRpcQuery('engagements.list', { familyId: family.id }, { dependsOn: ['engagement', 'member'] });
  const [editing, setEditing] = useState<Member | null>(null);
  const [becoming, setBecoming] = useState<Member | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const members = family.members.filter((m) => m.movedOutAt === null);
  // Only those who take part get a row (the household's names are listed above already).
  const taking = members.filter((m) => items.some((e) => e.memberId === m.id));
  const person = members.find((m) => m.id === chosen) ?? null;
  const date = (iso: string) => formatDate(i18n.language, new Date(`${iso}T12:00:00`));
  return (
    <Stack gap="sm">
      {list.error && <FormError message={errorText(t, list.error)} />}
      {list.data && taking.length === 0 && <Text size="sm">{t('volunteering:engagements.nobody')}</Text>}
      {taking.length > 0 && (
        <Table aria-label={t('volunteering:engagements.title')}>
          <Table.Tbody>
            {taking.map((m) => {
              const name = `${m.firstName} ${m.lastName}`;
              return (
                <Table.Tr key={m.id} data-testid="engagement-row">
                  <Table.Td fw={600}>{name}</Table.Td>
                  <Table.Td>
                    {items
                      .filter((e) => e.memberId === m.id)
                      .map((e) => (
                        <Text key={e.id} size="sm">
                          {t(`lists:engagementKind.${e.kind}`)}: {e.to ? t('volunteering:engagements.period', { from: date(e.from), to: date(e.to) }) : t('volunteering:engagements.since', { from: date(e.from) })}
                          {e.note && ` (${e.note})`}
                        </Text>
                      ))}
                  </Table.Td>
                  <Table.Td>
                    <Group justify="flex-end">
                      <ActionIcon variant="subtle" aria-label={t('volunteering:engagements.edit', { name })} onClick={() => setEditing(m)}>
                        <IconPencil size={16} aria-hidden />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <Group gap="xs" align="flex-end">
        <Select label={t('volunteering:engagements.person')} data={members.map((m) => ({ value: m.id, label: `${m.firstName} ${m.lastName}` }))} value={chosen} onChange={setChosen} w={240} />
        {/* Not before the stored list is here: a save of an empty form would replace it. */}
        <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} disabled={!person || !list.data} onClick={() => person && setEditing(person)}>
          {t('volunteering:engagements.record')}
        </Button>
        {mayMakeVolunteer && (
          <Button variant="light" leftSection={<IconHeartHandshake size={16} aria-hidden />} disabled={!person || person.role === 'child'} onClick={() => person && setBecoming(person)}>
            {t('volunteering:engagements.becomeVolunteer')}
          </Button>
        )}
      </Group>
      {editing && <EngagementForm familyId={family.id} member={editing} items={items.filter((e) => e.memberId === editing.id)} onClose={() => setEditing(null)} />}
      {becoming && (
        <Modal opened onClose={() => setBecoming(null)} title={t('volunteering:engagements.becomeTitle', { name: `${becoming.firstName} ${becoming.lastName}` })} size="xl" closeOnEscape={false} closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common:close') }}>
          <VolunteerForm
            volunteer={null}
            start={{ firstName: becoming.firstName, lastName: becoming.lastName, phone: family.phone ?? '', street: family.street ?? '', postalCode: family.postalCode ?? '', city: family.city ?? '', languages: family.languages, memberId: becoming.id }}
            onCancel={() => setBecoming(null)}
            onSaved={(saved) => {
              setBecoming(null);
              navigate({ area: 'referrals', view: `volunteer/${saved.id}` });
            }}
          />
        </Modal>
      )}
    </Stack>
  );
}
