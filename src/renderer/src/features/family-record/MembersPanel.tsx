import { ActionIcon, Alert, Button, Checkbox, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { GENDERS, MEMBER_ROLES } from '../../../../shared/domain/lists';
import type { Family, Member } from '../../../../shared/rpc/areas/families';
import { saveMemberInputSchema, type SaveMemberInput } from '../../../../shared/rpc/areas/members';
import { notify } from '../../app/notify';
import { useRpcAction, useRpcMutation } from '../../data/useRpcMutation';
import { BirthYearInput } from '../../forms/BirthYearInput';
import { DateField } from '../../forms/DateField';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { zodValidate } from '../../forms/validate';
import { formatDate } from '../../i18n';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import { useCan } from '../../session/useCan';
import type { InputProps } from '../intake/HouseholdFields';
import { AS_FAMILY, ownAnswer, suggestRole, type MemberValues } from '../intake/intakeForm';
import { MemberAnswerFields } from '../intake/MemberAnswerFields';
import { localDay } from '../../../../shared/dates';

interface MemberFormValues extends MemberValues {
  birthDate: string | null;
  movedOut: boolean;
  movedOutAt: string | null;
}

/** The family's own answers: what a member's "as the family" stands for. */
type FamilyAnswers = Pick<Family, 'migrationBackground' | 'immigrationHistory'>;

function toInput(familyId: string, v: MemberFormValues, existing?: { id: string; version: number }): SaveMemberInput {
  return {
    familyId,
    ...(existing ? { id: existing.id, version: existing.version } : {}),
    firstName: v.firstName,
    lastName: v.lastName,
    birthYear: v.birthYear === '' ? (undefined as unknown as number) : v.birthYear,
    birthDate: v.birthDate ?? '',
    role: v.role,
    gender: (v.gender ?? undefined) as SaveMemberInput['gender'],
    school: v.school,
    migrationBackground: ownAnswer(v.migrationBackground),
    immigrationHistory: ownAnswer(v.immigrationHistory),
    movedOutAt: v.movedOut ? (v.movedOutAt ?? '') : null,
  };
}

/** A stored member as the correction form holds it. */
function memberFormValues(member: Member): MemberFormValues {
  return {
    firstName: member.firstName,
    lastName: member.lastName,
    birthYear: member.birthYear,
    birthDate: member.birthDate,
    role: member.role,
    gender: member.gender,
    school: member.school ?? '',
    migrationBackground: member.migrationBackground ?? AS_FAMILY,
    immigrationHistory: member.immigrationHistory ?? AS_FAMILY,
    movedOut: member.movedOutAt !== null,
    movedOutAt: member.movedOutAt ?? localDay(),
  };
}

/** The household: who lives in it, who moved out (kept, with the date), add and correct people. */
export function MembersPanel({ familyId, familyName, members, answers }: { familyId: string; familyName: string; members: Member[]; answers: FamilyAnswers }) {
  const { t, i18n } = useT();
  const mayRemove = useCan('members.remove');
  const remove = useRpcAction('members.remove');
  const [editing, setEditing] = useState<Member | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const current = members.filter((m) => !m.movedOutAt);
  const movedOut = members.filter((m) => m.movedOutAt);
  const date = (iso: string) => formatDate(i18n.language, new Date(`${iso}T12:00:00`));
  const born = (m: Member) => (m.birthDate ? t('families:members.bornOn', { date: date(m.birthDate) }) : t('families:page.bornIn', { year: m.birthYear }));
  const name = (m: Member) => `${m.firstName} ${m.lastName}`;
  // A person's own answer is worth a mention only where it is not the family's.
  const own = (m: Member) =>
    ([
      ['migrationBackground', 'families:members.migration'],
      ['immigrationHistory', 'families:members.immigration'],
    ] as const).flatMap(([field, question]) => {
      const answer = m[field];
      return answer !== null && answer !== answers[field] ? [t('families:members.ownAnswer', { question: t(question), answer: t(`lists:migration.${answer}`) })] : [];
    });

  const row = (m: Member) => (
    <Table.Tr key={m.id}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {name(m)}
        </Text>
        {own(m).map((text) => (
          <Text key={text} size="xs" c="dimmed">
            {text}
          </Text>
        ))}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{born(m)}</Table.Td>
      <Table.Td>{t(`lists:memberRole.${m.role}`)}</Table.Td>
      <Table.Td>{m.movedOutAt ? t('families:members.movedOutOn', { date: date(m.movedOutAt) }) : (m.school ?? '')}</Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <ActionIcon variant="subtle" aria-label={t('families:members.edit', { name: name(m) })} onClick={() => setEditing(m)}>
            <IconPencil size={16} aria-hidden />
          </ActionIcon>
          {mayRemove && (
            <ActionIcon variant="subtle" color="red" aria-label={t('families:members.remove', { name: name(m) })} onClick={() => setRemoving(m)}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );

  return (
    <Stack gap="sm">
      <Table aria-label={t('families:page.members')}>
        <Table.Tbody>{current.map(row)}</Table.Tbody>
      </Table>
      {/* A new child usually takes a parent's last name, which need not be the household's name. */}
      <QuickAdd familyId={familyId} lastName={current.find((m) => m.role === 'parent')?.lastName ?? familyName} />
      {movedOut.length > 0 && (
        <>
          <Text size="sm" fw={600}>
            {t('families:members.movedOutTitle')}
          </Text>
          <Table aria-label={t('families:members.movedOutTitle')} c="dimmed">
            <Table.Tbody>{movedOut.map(row)}</Table.Tbody>
          </Table>
        </>
      )}
      {editing && <MemberForm key={editing.id} familyId={familyId} member={editing} answers={answers} onClose={() => setEditing(null)} />}
      <Modal opened={!!removing} onClose={() => setRemoving(null)} title={t('families:members.removeTitle')} closeButtonProps={{ 'aria-label': t('common:close') }}>
        <Stack>
          <Text>{removing && t('families:members.removeText', { name: name(removing) })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t('families:edit.cancel')}
            </Button>
            <Button
              color="red"
              loading={remove.pending}
              onClick={async () => {
                const result = await remove.mutate({ id: removing!.id });
                setRemoving(null);
                if (result.ok) notify(t, 'brand', t('families:members.removed'));
              }}
            >
              {t('families:members.removeConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** A new person in two fields (a baby: first name, year, Enter); the rest can be corrected afterwards. */
function QuickAdd({ familyId, lastName }: { familyId: string; lastName: string }) {
  const { t } = useT();
  const save = useRpcMutation('members.save');
  const validate = useMemo(() => zodValidate(saveMemberInputSchema, t), [t]);
  const form = useForm<{ firstName: string; birthYear: number | '' }>({ mode: 'controlled', initialValues: { firstName: '', birthYear: '' } });
  const { error, busy, runChecked } = useRpcSubmit(form);
  const submit = form.onSubmit((values) => {
    const birthYear = values.birthYear === '' ? (undefined as unknown as number) : values.birthYear;
    const input: SaveMemberInput = { familyId, firstName: values.firstName, lastName, birthYear, role: suggestRole('parent', Number(values.birthYear)) };
    runChecked(
      validate(input),
      () => save.mutate(input),
      (member) => {
        notify(t, 'brand', t('families:members.added', { name: `${member.firstName} ${member.lastName}` }));
        form.reset();
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate aria-label={t('families:members.addTitle')}>
      <Group align="flex-end" gap="xs">
        <TextInput label={t('families:members.newFirstName')} {...form.getInputProps('firstName')} />
        <BirthYearInput
          label={t('families:members.newBirthYear')}
          w={150}
          {...form.getInputProps('birthYear')}
        />
        <Button type="submit" variant="default" loading={busy} leftSection={<IconPlus size={16} aria-hidden />}>
          {t('families:members.add')}
        </Button>
      </Group>
      <FormError message={error} />
    </form>
  );
}

/** Correct one person: names, birth year or full date, role, gender, school, moved out (with the date). */
function MemberForm({ familyId, member, answers, onClose }: { familyId: string; member: Member; answers: FamilyAnswers; onClose: () => void }) {
  const { t } = useT();
  const save = useRpcMutation('members.save');
  const validate = useMemo(() => zodValidate(saveMemberInputSchema, t), [t]);
  const form = useForm<MemberFormValues>({ mode: 'controlled', initialValues: memberFormValues(member) });
  const { error, busy, runChecked } = useRpcSubmit(form);
  // The version this correction builds on; after a refused save, the person decides with both in view.
  const [version, setVersion] = useState(member.version);
  const [theirs, setTheirs] = useState<Member | null>(null);
  const list = (values: readonly string[], name: string) => listOptions(t, values, name);
  const submit = form.onSubmit((values) => {
    const input = toInput(familyId, values, { id: member.id, version });
    runChecked(
      validate(input),
      async () => {
        const result = await save.mutate(input);
        if (!result.ok && result.error.code === 'CONFLICT' && result.error.details?.current) setTheirs(result.error.details.current as Member);
        return result;
      },
      () => {
        notify(t, 'brand', t('families:members.saved'));
        onClose();
      },
    );
  });
  return (
    <Modal opened onClose={onClose} title={t('families:members.editTitle', { name: `${member.firstName} ${member.lastName}` })} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {theirs && (
            <Alert color="yellow" title={t('families:edit.conflictTitle')} role="alert" data-testid="member-conflict">
              <Stack gap="xs">
                <Text size="sm">{t('errors:member_changed')}</Text>
                <Text size="sm">
                  {t('families:edit.theirs')}: {theirs.firstName} {theirs.lastName}, {theirs.birthDate ?? theirs.birthYear}, {t(`lists:memberRole.${theirs.role}`)}
                  {theirs.school ? `, ${theirs.school}` : ''}
                  {theirs.movedOutAt ? `, ${t('families:members.movedOutOn', { date: theirs.movedOutAt })}` : ''}
                </Text>
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => {
                      form.setValues(memberFormValues(theirs));
                      setVersion(theirs.version);
                      setTheirs(null);
                    }}
                  >
                    {t('families:edit.takeTheirs')}
                  </Button>
                  <Button
                    size="xs"
                    onClick={() => {
                      setVersion(theirs.version);
                      setTheirs(null);
                    }}
                  >
                    {t('families:edit.keepMine')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          <Group grow align="flex-start">
            <TextInput label={t('families:intake.firstName')} required data-autofocus {...form.getInputProps('firstName')} />
            <TextInput label={t('families:intake.lastName')} required {...form.getInputProps('lastName')} />
          </Group>
          <Group grow align="flex-start">
            <BirthYearInput
              label={t('families:intake.birthYear')}
              required
              {...form.getInputProps('birthYear')}
            />
            <DateField
              label={t('families:members.birthDate')}
              description={t('families:members.birthDateHint')}
              clearable
              maxDate={localDay()}
              {...form.getInputProps('birthDate')}
              onChange={(value) => {
                form.setFieldValue('birthDate', value);
                // The full date decides the year: the two never disagree.
                if (value) form.setFieldValue('birthYear', Number(String(value).slice(0, 4)));
              }}
            />
          </Group>
          <Group grow align="flex-start">
            <Select label={t('families:intake.role')} data={list(MEMBER_ROLES, 'memberRole')} allowDeselect={false} {...form.getInputProps('role')} />
            <Select label={t('families:intake.gender')} data={list(GENDERS, 'gender')} clearable {...form.getInputProps('gender')} />
          </Group>
          <TextInput label={t('families:intake.school')} {...form.getInputProps('school')} />
          <MemberAnswerFields inputProps={form.getInputProps as InputProps} family={answers} />
          <Checkbox label={t('families:members.movedOut')} description={t('families:members.movedOutHint')} {...form.getInputProps('movedOut', { type: 'checkbox' })} />
          {form.values.movedOut && <DateField label={t('families:members.movedOutAt')} required maxDate={localDay()} {...form.getInputProps('movedOutAt')} />}
          {!theirs && <FormError message={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('families:edit.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!!theirs}>
              {t('families:members.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
