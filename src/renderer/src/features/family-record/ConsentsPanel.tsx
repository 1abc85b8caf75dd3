import { Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPrinter } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { CONSENT_FORM_VERSION, CONSENT_PURPOSES, DOCUMENT_LANGUAGES, type ConsentPurpose, type DocumentLanguage } from '../../../../shared/domain/lists';
import type { Consent } from '../../../../shared/rpc/areas/consents';
import { contract } from '../../../../shared/rpc/contract';
import { notify } from '../../app/notify';
import { useRpcMutation } from '../../data/useRpcMutation';
import { DateField } from '../../forms/DateField';
import { FormError } from '../../forms/FormError';
import { LabelledSegments } from '../../forms/LabelledSegments';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { zodValidate } from '../../forms/validate';
import { formatDate } from '../../i18n';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import { useCan } from '../../session/useCan';
import { localDay } from '../../../../shared/dates';


/** A purpose's entries as the core sends them, the last recorded first: that one holds now (the core's rule). */
export function consentHistory(consents: readonly Consent[], purpose: ConsentPurpose): Consent[] {
  return consents.filter((c) => c.purpose === purpose);
}

/**
 * Per purpose the consent that holds now and its history; record a consent
 * given or refused later, withdraw one, and print the form to sign.
 */
export function ConsentsPanel({
  familyId,
  consents,
  printLanguage,
  onPrintLanguage,
  onPrint,
  printReady,
}: {
  familyId: string;
  consents: Consent[];
  /** The form's second language (null: German only); recorded with the next consent. */
  printLanguage: DocumentLanguage | null;
  onPrintLanguage: (language: DocumentLanguage | null) => void;
  onPrint: () => void;
  /** The office's contact and deletion period are loaded: a legal form never prints with defaults. */
  printReady: boolean;
}) {
  const { t, i18n } = useT();
  const mayRecord = useCan('consents.record');
  const mayWithdraw = useCan('consents.withdraw');
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const [recording, setRecording] = useState<ConsentPurpose | null>(null);
  const [open, setOpen] = useState<ConsentPurpose | null>(null);
  const date = (iso: string) => formatDate(i18n.language, new Date(`${iso.slice(0, 10)}T12:00:00`));
  const entry = (c: Consent) =>
    [
      c.given ? t('families:page.given') : t('families:page.refused'),
      date(c.date),
      t('families:consents.version', { version: c.formVersion }),
      t(`lists:documentLanguage.${c.formLanguage}` as never),
      c.recordedBy && t('families:page.recordedBy', { name: c.recordedBy }),
      c.withdrawnAt && t('families:page.withdrawn', { date: date(c.withdrawnAt) }),
    ]
      .filter(Boolean)
      .join(' · ');
  const languages = [{ value: 'de', label: t('families:consents.germanOnly') }, ...listOptions(t, DOCUMENT_LANGUAGES.filter((l) => l !== 'de'), 'documentLanguage').map((o) => ({ ...o, label: t('families:consents.germanAnd', { language: o.label }) }))];

  return (
    <Stack gap="sm">
      <Table aria-label={t('families:page.consents')}>
        <Table.Tbody>
          {CONSENT_PURPOSES.map((purpose) => {
            const history = consentHistory(consents, purpose);
            const now = history[0];
            const state = !now ? 'not_asked' : now.withdrawnAt ? 'withdrawn' : now.given ? 'given' : 'refused';
            const historyId = `consent-history-${purpose}`;
            return (
              <Table.Tr key={purpose} data-testid={`consent-${purpose}`}>
                <Table.Td>
                  <Group gap="xs" wrap="wrap">
                    <Text size="sm" fw={600}>
                      {t(`lists:consent.${purpose}`)}
                    </Text>
                    <Badge variant="filled" size="sm" color={state === 'given' ? 'teal.9' : state === 'not_asked' ? 'gray.7' : 'red.9'} style={{ flexShrink: 0 }}>
                      {t(`families:consents.state.${state}`)}
                    </Badge>
                  </Group>
                  {now && (
                    <Text size="xs" c="dimmed">
                      {entry(now)}
                    </Text>
                  )}
                  {history.length > 1 && (
                    <>
                      <UnstyledButton fz="xs" c="blue" td="underline" aria-expanded={open === purpose} aria-controls={historyId} onClick={() => setOpen(open === purpose ? null : purpose)}>
                        {t('families:consents.history', { count: history.length - 1 })}
                      </UnstyledButton>
                      {open === purpose && (
                        <Stack gap={0} id={historyId}>
                          {history.slice(1).map((c) => (
                            <Text key={c.id} size="xs" c="dimmed">
                              {entry(c)}
                            </Text>
                          ))}
                        </Stack>
                      )}
                    </>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {mayWithdraw && now?.given && !now.withdrawnAt && (
                      <Button size="xs" variant="default" onClick={() => setWithdrawing(now)}>
                        {t('families:page.withdraw')}
                      </Button>
                    )}
                    {mayRecord && (
                      <Button size="xs" variant="default" aria-label={t('families:consents.recordFor', { purpose: t(`lists:consent.${purpose}`) })} onClick={() => setRecording(purpose)}>
                        {t('families:consents.record')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group gap="xs" align="flex-end">
        <Select
          label={t('families:consents.formLanguage')}
          data={languages}
          allowDeselect={false}
          w={260}
          value={printLanguage ?? 'de'}
          onChange={(value) => onPrintLanguage(!value || value === 'de' ? null : (value as DocumentLanguage))}
        />
        <Button variant="default" leftSection={<IconPrinter size={16} aria-hidden />} onClick={onPrint} disabled={!printReady}>
          {t('families:consents.print')}
        </Button>
      </Group>
      {withdrawing && <WithdrawConsent key={withdrawing.id} consent={withdrawing} onClose={() => setWithdrawing(null)} />}
      {recording && <RecordConsent key={recording} familyId={familyId} purpose={recording} formLanguage={printLanguage ?? 'de'} onClose={() => setRecording(null)} />}
    </Stack>
  );
}

/** A consent given or refused after intake, on the form version printed today. */
function RecordConsent({ familyId, purpose, formLanguage, onClose }: { familyId: string; purpose: ConsentPurpose; formLanguage: DocumentLanguage; onClose: () => void }) {
  const { t } = useT();
  const record = useRpcMutation('consents.record');
  const validate = useMemo(() => zodValidate(contract['consents.record'].input, t), [t]);
  const form = useForm({ mode: 'controlled', initialValues: { purpose: purpose as string, given: 'given', date: localDay(), formVersion: CONSENT_FORM_VERSION, formLanguage: formLanguage as string } });
  const { error, busy, runChecked } = useRpcSubmit(form);
  const submit = form.onSubmit((values) => {
    const input = { familyId, purpose: values.purpose as ConsentPurpose, given: values.given === 'given', date: values.date ?? '', formVersion: values.formVersion, formLanguage: values.formLanguage as DocumentLanguage };
    runChecked(
      validate(input),
      () => record.mutate(input),
      () => {
        notify(t, 'brand', t('families:consents.recorded'));
        onClose();
      },
    );
  });
  return (
    <Modal opened onClose={onClose} title={t('families:consents.recordTitle')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Select label={t('families:consents.purpose')} data={listOptions(t, CONSENT_PURPOSES, 'consent')} allowDeselect={false} {...form.getInputProps('purpose')} />
          <LabelledSegments
            label={t('families:consents.answer')}
            data={[
              { value: 'given', label: t('families:intake.consentGiven') },
              { value: 'refused', label: t('families:intake.consentRefused') },
            ]}
            {...form.getInputProps('given')}
          />
          <Group grow align="flex-start">
            <DateField label={t('families:intake.consentDate')} required maxDate={localDay()} {...form.getInputProps('date')} />
            <TextInput label={t('families:intake.formVersion')} required {...form.getInputProps('formVersion')} />
          </Group>
          <Select label={t('families:intake.formLanguage')} data={listOptions(t, DOCUMENT_LANGUAGES, 'documentLanguage')} allowDeselect={false} {...form.getInputProps('formLanguage')} />
          <FormError message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('families:edit.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-autofocus>
              {t('families:consents.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A withdrawal, with the day the family said so (today unless told on an earlier day). */
function WithdrawConsent({ consent, onClose }: { consent: Consent; onClose: () => void }) {
  const { t } = useT();
  const withdraw = useRpcMutation('consents.withdraw');
  const validate = useMemo(() => zodValidate(contract['consents.withdraw'].input, t), [t]);
  const form = useForm({ mode: 'controlled', initialValues: { date: localDay() as string | null } });
  const { error, busy, runChecked } = useRpcSubmit(form);
  const purpose = t(`lists:consent.${consent.purpose}`);
  const submit = form.onSubmit((values) => {
    const input = { id: consent.id, date: values.date ?? '' };
    runChecked(
      validate(input),
      () => withdraw.mutate(input),
      () => {
        notify(t, 'brand', t('families:consents.withdrawnNote'));
        onClose();
      },
    );
  });
  return (
    <Modal opened onClose={onClose} title={t('families:consents.withdrawTitle', { purpose })} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t('families:consents.withdrawText')}</Text>
          <DateField label={t('families:consents.withdrawDate')} required maxDate={localDay()} minDate={consent.date.slice(0, 10)} {...form.getInputProps('date')} />
          <FormError message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('families:edit.cancel')}
            </Button>
            <Button type="submit" color="red" loading={busy} data-autofocus>
              {t('families:consents.withdrawConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
