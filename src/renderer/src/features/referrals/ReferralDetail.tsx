import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconCheck, IconPrinter } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ReferralSheet } from '../../../../shared/rpc/areas/referrals';
import { useNavigation } from '../../app/navigation';
import { notify } from '../../app/notify';
import { useRpcQuery } from '../../data/useRpcQuery';
import { useRpcMutation } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { errorText } from '../../forms/validate';
import { formatDate, formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useCan } from '../../session/useCan';
import { AssignmentSheet } from './AssignmentSheet';
import { ConfirmationSheet } from './ConfirmationSheet';
import { MatchPanel } from './MatchPanel';
import { StatusBadge, useNeedText } from './ReferralBoard';
import { StepDialog, type Step } from './StepDialog';
import { appointmentText } from './when';

/** Printed once the sheet is on the page. */
type Printing = { kind: 'assignment' | 'confirmation'; sheet: ReferralSheet; at: number } | null;

/**
 * One referral: what the family needs and when, its steps with who and when,
 * the matching while nobody is asked, the next steps, and the sheets.
 */
export function ReferralDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const { t, i18n } = useT();
  const { navigate } = useNavigation();
  const need = useNeedText();
  // Brokering (the steps) is for caseworkers and coordinators; reception sees where a request stands.
  const mayMove = useCan('referrals.transition');
  const isCoordinator = useCan('volunteers.save');
  const mayWithdraw = mayMove && isCoordinator;
  const one = useRpcQuery('referrals.get', { id }, { dependsOn: ['referral', 'family', 'volunteer'] });
  const transition = useRpcMutation('referrals.transition');
  const sheetCall = useRpcMutation('referrals.sheet');
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState<Step | null>(null);
  const [printing, setPrinting] = useState<Printing>(null);
  useEffect(() => {
    if (printing) window.print();
  }, [printing]);
  const r = one.data;
  if (one.error) return <FormError message={errorText(t, one.error)} />;
  if (!r) return null;

  const move = async (to: 'offered' | 'confirmed', volunteerId?: string, name?: string) => {
    setError(null);
    const result = await transition.mutate({ id: r.id, version: r.version, to, ...(volunteerId ? { volunteerId } : {}) });
    if (!result.ok) return setError(errorText(t, result.error));
    notify(t, 'brand', to === 'offered' ? t('volunteering:steps.offered', { name: name ?? '' }) : t('volunteering:steps.confirmedSaved'));
  };
  const print = async (kind: 'assignment' | 'confirmation') => {
    setError(null);
    const result = await sheetCall.mutate({ id: r.id });
    if (!result.ok) return setError(errorText(t, result.error));
    setPrinting({ kind, sheet: result.data, at: Date.now() });
  };
  const handedOn = r.status === 'offered' || r.status === 'confirmed' || r.status === 'done';
  const closed = r.status === 'done' || r.status === 'cancelled' || r.status === 'no_show';
  return (
    <Stack gap="md">
      <Group>
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={onBack}>
          {t('volunteering:referral.back')}
        </Button>
      </Group>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2} size="h3">
            {need(r)}
          </Title>
          <Text>
            <Button variant="subtle" size="compact-md" px={0} onClick={() => navigate({ area: 'families', view: `family/${r.familyId}` })}>
              {r.familyName}
            </Button>
          </Text>
          <Text>{appointmentText(i18n.language, r)}</Text>
          <Text>
            {t('volunteering:referral.place')}: {r.place}
            {r.atHome && ` (${t('volunteering:referral.atHomeShort')})`}
          </Text>
          {r.volunteerName && <Text>{t('volunteering:board.volunteer', { name: r.volunteerName })}</Text>}
          {r.status === 'done' && r.hours !== null && (
            <Text>
              {t('volunteering:referral.hoursDone', { hours: formatNumber(i18n.language, r.hours ?? 0) })}
              {r.helped !== null && ` · ${t(r.helped ? 'volunteering:referral.helped' : 'volunteering:referral.notHelped')}`}
              {r.followUp && ` · ${t('volunteering:referral.followUp')}`}
              {r.feedback && ` · ${r.feedback}`}
            </Text>
          )}
        </Stack>
        <div data-testid="referral-status">
          <StatusBadge status={r.status} />
        </div>
      </Group>
      <FormError message={error} />
      <Group gap="xs">
        {mayMove && r.status === 'requested' && r.kind === 'external' && (
          <Button onClick={() => void move('offered')} loading={transition.pending}>
            {t('volunteering:steps.arranged')}
          </Button>
        )}
        {mayMove && r.status === 'offered' && (
          <Button leftSection={<IconCheck size={16} aria-hidden />} onClick={() => void move('confirmed')} loading={transition.pending}>
            {t('volunteering:steps.confirm.confirmed')}
          </Button>
        )}
        {mayMove && r.status === 'offered' && (
          <Button variant="default" onClick={() => setStep('declined')}>
            {t('volunteering:steps.title.declined')}
          </Button>
        )}
        {mayMove && r.status === 'confirmed' && <Button onClick={() => setStep('done')}>{t('volunteering:steps.title.done')}</Button>}
        {mayMove && r.status === 'confirmed' && (
          <Button variant="default" onClick={() => setStep('no_show')}>
            {t('volunteering:steps.title.no_show')}
          </Button>
        )}
        {mayMove && (r.status === 'requested' || r.status === 'offered' || r.status === 'confirmed') && (
          <Button variant="default" color="red" onClick={() => setStep('cancelled')}>
            {t('volunteering:steps.title.cancelled')}
          </Button>
        )}
        {mayMove && closed && (
          <Button variant="default" onClick={() => setStep('reopen')}>
            {t('volunteering:steps.title.reopen')}
          </Button>
        )}
        {handedOn && r.kind !== 'external' && (
          <Button variant="default" leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => void print('assignment')} loading={sheetCall.pending}>
            {t('volunteering:sheet.print')}
          </Button>
        )}
        {handedOn && (
          <Button variant="default" leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => void print('confirmation')} loading={sheetCall.pending}>
            {t('volunteering:sheet.printConfirmation')}
          </Button>
        )}
        {mayWithdraw && r.status !== 'withdrawn' && (
          <Button variant="subtle" color="red" onClick={() => setStep('withdrawn')}>
            {t('volunteering:steps.title.withdrawn')}
          </Button>
        )}
      </Group>
      {r.status === 'requested' && r.kind !== 'external' && <MatchPanel referral={r} busy={transition.pending} onOffer={mayMove ? (volunteerId, name) => void move('offered', volunteerId, name) : null} />}
      <Title order={2} size="h4">
        {t('volunteering:referral.steps')}
      </Title>
      <Table striped aria-label={t('volunteering:referral.steps')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('volunteering:referral.stepAt')}</Table.Th>
            <Table.Th>{t('volunteering:referral.status')}</Table.Th>
            <Table.Th>{t('volunteering:referral.stepBy')}</Table.Th>
            {mayMove && <Table.Th>{t('volunteering:steps.comment')}</Table.Th>}
            {mayMove && <Table.Th>{t('volunteering:steps.hours')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {r.steps.map((s, i) => (
            <Table.Tr key={i}>
              <Table.Td>{formatDate(i18n.language, new Date(s.at), { dateStyle: 'short', timeStyle: 'short' })}</Table.Td>
              <Table.Td>{t(`lists:referralStatus.${s.to as 'requested'}`)}</Table.Td>
              <Table.Td>{s.byName ?? '–'}</Table.Td>
              {mayMove && <Table.Td>{s.comment ?? ''}</Table.Td>}
              {mayMove && <Table.Td>{s.hours === null ? '' : formatNumber(i18n.language, s.hours)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {step && <StepDialog referral={r} step={step} onClose={() => setStep(null)} />}
      {printing && (
        <div className="print-only" key={printing.at}>
          {printing.kind === 'assignment' ? <AssignmentSheet sheet={printing.sheet} /> : <ConfirmationSheet sheet={printing.sheet} />}
        </div>
      )}
    </Stack>
  );
}

