import { ActionIcon, Button, Checkbox, Group, Paper, SegmentedControl, Select, Stack, Stepper, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { CONSENT_PURPOSES, DOCUMENT_LANGUAGES, GENDERS, MEMBER_ROLES } from '../../../../shared/domain/lists';
import { createFamilyInputSchema } from '../../../../shared/rpc/areas/families';
import { notify } from '../../app/notify';
import { useRpcMutation } from '../../data/useRpcMutation';
import { BirthYearInput } from '../../forms/BirthYearInput';
import { DateField } from '../../forms/DateField';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { zodValidate, type FormErrors } from '../../forms/validate';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import { useDrafts } from '../drafts/DraftsContext';
import { useDraft } from '../drafts/useDraft';
import { DuplicatePanel } from './DuplicatePanel';
import { HouseholdFields, NeedsFields, type InputProps } from './HouseholdFields';
import { MemberAnswerFields } from './MemberAnswerFields';
import { emptyMember, initialIntake, STEP_PREFIXES, suggestRole, toCreateInput, type IntakeValues } from './intakeForm';
import { localDay } from '../../../../shared/dates';

export const INTAKE_DRAFT = 'intake.family';

const STEPS = ['household', 'members', 'needs', 'consents', 'done'] as const;

/** Household → people → languages and needs → consents → finish; keyboard first, drafted as it is typed. */
export function IntakeWizard({ onSaved, onCancel, onOpenFamily }: { onSaved: (id: string) => void; onCancel: () => void; onOpenFamily: (id: string) => void }) {
  const { t } = useT();
  const create = useRpcMutation('families.create');
  const validateInput = useMemo(() => zodValidate(createFamilyInputSchema, t), [t]);
  const form = useForm<IntakeValues>({ mode: 'controlled', initialValues: initialIntake(localDay()) });
  const draft = useDraft(INTAKE_DRAFT, form, form.values);
  const step = form.values.step;
  const setStep = (next: number | ((current: number) => number)) =>
    form.setFieldValue('step', typeof next === 'function' ? next(form.getValues().step) : next);
  const drafts = useDrafts();
  const { error, busy, run } = useRpcSubmit(form);

  const list = (values: readonly (string | number)[], name: string) => listOptions(t, values, name);

  /** Shows only the refusals of the fields that belong to the given steps. */
  const check = (upTo: number): boolean => {
    const all = validateInput(toCreateInput(form.getValues()));
    const prefixes = STEP_PREFIXES.slice(0, upTo + 1).flat();
    const mine: FormErrors = {};
    for (const [key, message] of Object.entries(all)) if (prefixes.some((p) => key === p || key.startsWith(`${p}.`))) mine[key] = message;
    form.setErrors(mine);
    const firstBad = STEP_PREFIXES.findIndex((prefixes) => Object.keys(mine).some((k) => prefixes.some((p) => k === p || k.startsWith(`${p}.`))));
    if (firstBad >= 0 && firstBad < step) setStep(firstBad);
    return Object.keys(mine).length === 0;
  };

  const next = () => {
    if (step === 0 && form.getValues().members.every((m) => !m.lastName)) {
      // The household name is the usual last name: prefill it for the first person.
      form.setFieldValue('members.0.lastName', form.getValues().displayName);
    }
    if (check(step)) setStep((s) => Math.min(s + 1, STEPS.length - 1));
  };

  const save = () => {
    if (!check(STEPS.length - 1)) return;
    const values = form.getValues();
    void run(
      () => create.mutate(toCreateInput(values)),
      async (created) => {
        notify(t, 'brand', t('families:intake.saved', { name: values.displayName, code: created.code }));
        await draft.clear();
        onSaved(created.id);
      },
    );
  };

  const v = form.values;
  const members = v.members;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('families:intake.title')}
        </Title>
        <Button variant="default" onClick={() => void draft.clear().then(onCancel)}>
          {t('families:intake.cancel')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('families:intake.draftHint')}
      </Text>
      {draft.restoredAt && <Text size="sm">{t('session:drafts.restored')}</Text>}
      {step <= 1 && <DuplicatePanel values={v} onOpen={onOpenFamily} />}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (step === STEPS.length - 1) save();
          else next();
        }}
      >
        <Stepper active={step} onStepClick={(i) => i < step && setStep(i)} size="sm">
          <Stepper.Step label={t('families:intake.steps.household')}>
            <Stack mt="md">
              <HouseholdFields inputProps={form.getInputProps as InputProps} autoFocus />
            </Stack>
          </Stepper.Step>

          <Stepper.Step label={t('families:intake.steps.members')}>
            <Stack gap="sm" mt="md">
              {members.map((_, i) => (
                <Paper key={i} withBorder p="sm" radius="md">
                  <Group justify="space-between" mb={4}>
                    <Text fw={600}>{t('families:intake.member', { n: i + 1 })}</Text>
                    {members.length > 1 && (
                      <ActionIcon variant="subtle" color="red" aria-label={t('families:intake.removeMember', { n: i + 1 })} onClick={() => form.removeListItem('members', i)}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    )}
                  </Group>
                  <Group grow align="flex-start">
                    <TextInput label={t('families:intake.firstName')} required autoFocus={i === members.length - 1 && i > 0} {...form.getInputProps(`members.${i}.firstName`)} />
                    <TextInput label={t('families:intake.lastName')} required {...form.getInputProps(`members.${i}.lastName`)} />
                    <BirthYearInput
                      label={t('families:intake.birthYear')}
                      required
                      {...form.getInputProps(`members.${i}.birthYear`)}
                      onChange={(value) => {
                        form.setFieldValue(`members.${i}.birthYear`, value === '' ? '' : Number(value));
                        form.setFieldValue(`members.${i}.role`, suggestRole(members[i]!.role, Number(value)));
                      }}
                    />
                  </Group>
                  <Group grow align="flex-start" mt={4}>
                    <Select label={t('families:intake.role')} data={list(MEMBER_ROLES, 'memberRole')} allowDeselect={false} {...form.getInputProps(`members.${i}.role`)} />
                    <Select label={t('families:intake.gender')} data={list(GENDERS, 'gender')} clearable {...form.getInputProps(`members.${i}.gender`)} />
                    <TextInput label={t('families:intake.school')} {...form.getInputProps(`members.${i}.school`)} />
                  </Group>
                  <MemberAnswerFields inputProps={form.getInputProps as InputProps} prefix={`members.${i}.`} family={v} withDefinitions={i === 0} mt={4} />
                </Paper>
              ))}
              {typeof form.errors.members === 'string' && <Text c="red" size="sm">{form.errors.members}</Text>}
              <Group>
                <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => form.insertListItem('members', emptyMember(v.displayName, members.length >= 1 ? 'child' : 'parent'))}>
                  {t('families:intake.addMember')}
                </Button>
              </Group>
            </Stack>
          </Stepper.Step>

          <Stepper.Step label={t('families:intake.steps.needs')}>
            <Stack mt="md">
              <NeedsFields inputProps={form.getInputProps as InputProps} interpreterNeeded={v.interpreterNeeded} />
            </Stack>
          </Stepper.Step>

          <Stepper.Step label={t('families:intake.steps.consents')}>
            <Stack gap="sm" mt="md">
              <Text>{t('families:intake.consentsIntro')}</Text>
              <Group grow align="flex-start" maw={760}>
                <DateField label={t('families:intake.consentDate')} {...form.getInputProps('consentDate')} />
                <TextInput label={t('families:intake.formVersion')} {...form.getInputProps('formVersion')} />
                <Select label={t('families:intake.formLanguage')} data={list(DOCUMENT_LANGUAGES, 'documentLanguage')} allowDeselect={false} {...form.getInputProps('formLanguage')} />
              </Group>
              <Table>
                <Table.Tbody>
                  {CONSENT_PURPOSES.map((purpose) => (
                    <Table.Tr key={purpose}>
                      <Table.Td id={`consent-${purpose}`}>{t(`lists:consent.${purpose}`)}</Table.Td>
                      <Table.Td>
                        <SegmentedControl
                          aria-labelledby={`consent-${purpose}`}
                          data={[
                            { value: 'given', label: t('families:intake.consentGiven') },
                            { value: 'refused', label: t('families:intake.consentRefused') },
                            { value: 'not_asked', label: t('families:intake.consentNotAsked') },
                          ]}
                          {...form.getInputProps(`consents.${purpose}`)}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          </Stepper.Step>

          <Stepper.Step label={t('families:intake.steps.done')}>
            <Stack gap="sm" mt="md" maw={640}>
              <Title order={2} size="h3">
                {t('families:intake.summary')}
              </Title>
              <Text fw={600}>
                {v.displayName} · {t('families:intake.persons', { count: members.length })}
              </Text>
              <Text size="sm">{members.map((m) => `${m.firstName} ${m.lastName} (${m.birthYear})`).join(', ')}</Text>
              <Checkbox label={t('families:intake.firstContact')} {...form.getInputProps('logContact', { type: 'checkbox' })} />
              {v.logContact && <Select label={t('families:contact.fieldOfAction')} data={list([1, 2, 3], 'fieldOfAction')} allowDeselect={false} {...form.getInputProps('fieldOfAction')} />}
              <FormError message={error} />
            </Stack>
          </Stepper.Step>
        </Stepper>
        <Group justify="space-between" mt="lg">
          <Button variant="default" disabled={step === 0} onClick={() => setStep((s) => Math.max(0, s - 1))}>
            {t('families:intake.back')}
          </Button>
          <Group gap="xs">
            <Button
              variant="default"
              onClick={async () => {
                await drafts.flush();
                notify(t, 'brand', t('families:intake.draftSaved'));
              }}
            >
              {t('families:intake.saveDraft')}
            </Button>
            <Button type="submit" loading={busy}>
              {step === STEPS.length - 1 ? t('families:intake.save') : t('families:intake.next')}
            </Button>
          </Group>
        </Group>
      </form>
    </Stack>
  );
}
