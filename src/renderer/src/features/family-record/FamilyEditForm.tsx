import { Alert, Button, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { contract } from '../../../../shared/rpc/contract';
import { notify } from '../../app/notify';
import { useRpcMutation } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { LabelledSegments } from '../../forms/LabelledSegments';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { errorText, zodValidate } from '../../forms/validate';
import { useT } from '../../i18n/useT';
import { useDistricts } from '../districts/queries';
import { useDraft } from '../drafts/useDraft';
import { HouseholdFields, NeedsFields, type InputProps } from '../intake/HouseholdFields';
import { toFamilyFields } from '../intake/intakeForm';
import { editValuesOf, mergeSaved, type ComparedField, type FamilyEditDraft, type FamilyEditValues, type FamilyFieldsSaved } from './familyEdit';

export const familyEditDraft = (id: string) => `family.edit.${id}`;

/** Label keys of the compared fields (the intake's own labels). */
const LABELS: Record<ComparedField, string> = {
  displayName: 'families:intake.displayName',
  street: 'families:intake.street',
  postalCode: 'families:intake.postalCode',
  city: 'families:intake.city',
  districtId: 'families:intake.district',
  phone: 'families:intake.phone',
  email: 'families:intake.email',
  accessRoute: 'families:intake.accessRoute',
  migrationBackground: 'families:intake.migration',
  immigrationHistory: 'families:intake.immigration',
  notes: 'families:intake.notes',
  languages: 'families:intake.languages',
  preferredLanguage: 'families:intake.preferredLanguage',
  interpreterNeeded: 'families:intake.interpreterNeeded',
  interpreterLanguage: 'families:intake.interpreterLanguage',
  status: 'families:edit.status',
  statusReason: 'families:edit.statusReason',
};

/**
 * Edit a family's household fields with the intake's fields and schema.
 * Saving checks the version: if someone saved in between, nothing is
 * overwritten; their values are shown beside the ones typed here.
 */
export function FamilyEditForm({ family, opened, onClose }: { family: FamilyFieldsSaved; opened: boolean; onClose: () => void }) {
  const { t } = useT();
  const update = useRpcMutation('families.update');
  const validate = useMemo(() => zodValidate(contract['families.update'].input, t), [t]);
  const form = useForm<FamilyEditDraft>({ mode: 'controlled', initialValues: { ...editValuesOf(family), opened: editValuesOf(family) } });
  const draft = useDraft(familyEditDraft(family.id), form, form.values);
  const { error, busy, runChecked } = useRpcSubmit(form);
  // After a refused save: their values, what was taken over, what both changed.
  const [meeting, setMeeting] = useState<{ theirs: FamilyEditValues; adopted: ComparedField[]; conflicts: ComparedField[] } | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const v = form.values;
  // A refused save shows what happened at the top of the form, wherever the form was scrolled to.
  const topRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (meeting || confirmClose) topRef.current?.scrollIntoView({ block: 'start' });
  }, [meeting, confirmClose]);

  const input = (values: FamilyEditValues) => ({ id: family.id, version: values.version, status: values.status, statusReason: values.statusReason, ...toFamilyFields(values) });
  const discard = () => void draft.clear().then(onClose);
  // Closing (Escape, the X, Cancel) never throws away what was typed without asking.
  const requestClose = () => (form.isDirty() ? setConfirmClose(true) : discard());
  /** From now on the form builds on their save: the next save checks against it. */
  const catchUp = (theirs: FamilyEditValues) => {
    form.setFieldValue('version', theirs.version);
    form.setFieldValue('opened', theirs);
    setMeeting(null);
  };
  const save = (values: FamilyEditDraft) => {
    runChecked(
      validate(input(values)),
      async () => {
        const result = await update.mutate(input(values));
        if (!result.ok && result.error.code === 'CONFLICT' && result.error.details?.current) {
          const theirs = editValuesOf(result.error.details.current as FamilyFieldsSaved);
          const current = form.getValues();
          // A draft from before the base was drafted has none (undefined): then every difference is a question.
          const merged = mergeSaved(current, current.opened ?? null, theirs);
          form.setValues({ ...merged.values, version: current.version, opened: current.opened ?? null });
          setMeeting({ theirs, adopted: merged.adopted, conflicts: merged.conflicts });
        }
        return result;
      },
      async () => {
        setMeeting(null);
        notify(t, 'brand', t('families:edit.saved'));
        await draft.clear();
        onClose();
      },
    );
  };

  return (
    <Modal opened={opened} onClose={requestClose} title={t('families:edit.title', { name: family.displayName })} size="xl" closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save(form.getValues());
        }}
      >
        <Stack gap="md">
          <div ref={topRef} />
          {confirmClose && (
            <Alert color="yellow" title={t('families:edit.discardTitle')} role="alert">
              <Group gap="xs">
                <Button size="xs" color="red" onClick={discard}>
                  {t('families:edit.discard')}
                </Button>
                <Button size="xs" variant="default" onClick={() => setConfirmClose(false)} data-autofocus>
                  {t('families:edit.keepEditing')}
                </Button>
              </Group>
            </Alert>
          )}
          {draft.restoredAt && <Text size="sm">{t('session:drafts.restored')}</Text>}
          {meeting && (
            <Conflict
              mine={v}
              meeting={meeting}
              onTakeTheirs={() => {
                for (const field of meeting.conflicts) form.setFieldValue(field, meeting.theirs[field] as never);
                catchUp(meeting.theirs);
              }}
              onKeepMine={() => catchUp(meeting.theirs)}
            />
          )}
          <HouseholdFields inputProps={form.getInputProps as InputProps} autoFocus />
          <NeedsFields inputProps={form.getInputProps as InputProps} interpreterNeeded={v.interpreterNeeded} />
          <Group align="flex-start" grow maw={760}>
            <LabelledSegments
              label={t('families:edit.status')}
              data={[
                { value: 'active', label: t('lists:status.active') },
                { value: 'closed', label: t('lists:status.closed') },
              ]}
              {...form.getInputProps('status')}
            />
            {v.status === 'closed' && <TextInput label={t('families:edit.statusReason')} required {...form.getInputProps('statusReason')} />}
          </Group>
          {!meeting && <FormError message={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={requestClose}>
              {t('families:edit.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!!meeting}>
              {t('families:edit.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Both versions of every field both changed, what was taken over from them, and the ways on. Nothing is saved from here. */
function Conflict({ mine, meeting, onTakeTheirs, onKeepMine }: { mine: FamilyEditValues; meeting: { theirs: FamilyEditValues; adopted: ComparedField[]; conflicts: ComparedField[] }; onTakeTheirs: () => void; onKeepMine: () => void }) {
  const { t } = useT();
  const show = useShownValue();
  const { theirs, adopted, conflicts } = meeting;
  const label = (field: ComparedField) => String(t(LABELS[field] as never));
  return (
    <Alert color="yellow" icon={<IconAlertTriangle aria-hidden />} title={t('families:edit.conflictTitle')} role="alert" data-testid="family-conflict">
      <Stack gap="sm">
        <Text size="sm">{errorText(t, { code: 'CONFLICT', message: 'errors:family_changed' })}</Text>
        {adopted.length > 0 && <Text size="sm">{t('families:edit.adopted', { fields: adopted.map(label).join(', ') })}</Text>}
        {conflicts.length > 0 && (
          <Table withTableBorder fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('families:edit.field')}</Table.Th>
                <Table.Th>{t('families:edit.theirs')}</Table.Th>
                <Table.Th>{t('families:edit.mine')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {conflicts.map((field) => (
                <Table.Tr key={field}>
                  <Table.Th scope="row">{label(field)}</Table.Th>
                  <Table.Td>{show(field, theirs[field])}</Table.Td>
                  <Table.Td>{show(field, mine[field])}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Title order={3} size="h6">
          {t('families:edit.conflictChoose')}
        </Title>
        <Group gap="xs">
          {conflicts.length > 0 && (
            <Button size="xs" variant="default" onClick={onTakeTheirs}>
              {t('families:edit.takeTheirs')}
            </Button>
          )}
          <Button size="xs" onClick={onKeepMine}>
            {conflicts.length > 0 ? t('families:edit.keepMine') : t('families:edit.continue')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** A field's value as a person reads it: names for codes, "—" for nothing. */
function useShownValue() {
  const { t } = useT();
  const districts = useDistricts().data?.items;
  const language = (code: string) => String(t(`lists:language.${code}` as never));
  return (field: ComparedField, value: FamilyEditValues[ComparedField]): string => {
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
    if (typeof value === 'boolean') return value ? t('families:edit.yes') : t('families:edit.no');
    if (Array.isArray(value)) return value.map(language).join(', ');
    switch (field) {
      case 'districtId':
        return districts?.find((d) => d.id === value)?.name ?? '—';
      case 'preferredLanguage':
      case 'interpreterLanguage':
        return language(String(value));
      case 'accessRoute':
        return String(t(`lists:accessRoute.${value}` as never));
      case 'migrationBackground':
      case 'immigrationHistory':
        return String(t(`lists:migration.${value}` as never));
      case 'status':
        return String(t(`lists:status.${value}` as never));
      default:
        return String(value);
    }
  };
}
