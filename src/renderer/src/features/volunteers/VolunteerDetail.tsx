import { Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconCertificate } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { localDay } from '../../../../shared/dates';
import type { Volunteer } from '../../../../shared/rpc/areas/volunteers';
import { FormError } from '../../forms/FormError';
import { errorText } from '../../forms/validate';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useCan } from '../../session/useCan';
import { useSettings } from '../admin/queries';
import { useHours, useVolunteer } from '../referrals/queries';
import { CertificateSheet } from './CertificateSheet';
import { useVolunteerLines } from './VolunteerPool';
import { VolunteerForm } from './VolunteerForm';

/** What caseworkers and reception see of a volunteer: who fits, never where they live. */
function LookupView({ id }: { id: string }) {
  const { t, i18n } = useT();
  const volunteer = useVolunteer(id);
  const lines = useVolunteerLines();
  const v = volunteer.data;
  if (volunteer.error) return <FormError message={errorText(t, volunteer.error)} />;
  if (!v) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {v.firstName} {v.lastName}
      </Title>
      <Text>
        {t('volunteering:pool.roles')}: {v.roles.map((r) => t(`lists:volunteerRole.${r}`)).join(', ')}
      </Text>
      <Text>
        {t('volunteering:pool.languages')}: {lines.languages(v)}
      </Text>
      <Text>
        {t('volunteering:pool.availability')}: {lines.availability(v) || '–'}
      </Text>
      {v.absences.length > 0 && (
        <Text>
          {t('volunteering:pool.absences')}: {v.absences.map((a) => `${formatDate(i18n.language, new Date(`${a.from}T12:00`))}–${formatDate(i18n.language, new Date(`${a.to}T12:00`))}`).join(', ')}
        </Text>
      )}
      <Text>
        {t('volunteering:pool.status')}: {t(`lists:volunteerStatus.${v.status}`)}
      </Text>
    </Stack>
  );
}

/** The certificate of engagement: trainings and the hours since the first training or the last three years. */
function Certificate({ volunteer }: { volunteer: Volunteer }) {
  const { t } = useT();
  const settings = useSettings().data;
  const to = localDay();
  const earliest = volunteer.trainings.map((tr) => tr.date).sort()[0];
  const today = new Date();
  const from = earliest ?? localDay(new Date(today.getFullYear() - 3, today.getMonth(), today.getDate()));
  const hours = useHours({ from, to, volunteerId: volunteer.id });
  const [printing, setPrinting] = useState(0);
  useEffect(() => {
    if (printing) window.print();
  }, [printing]);
  const ready = Boolean(settings && hours.data);
  return (
    <>
      <Button variant="default" leftSection={<IconCertificate size={16} aria-hidden />} disabled={!ready} onClick={() => setPrinting(Date.now())}>
        {t('volunteering:certificate.print')}
      </Button>
      {ready && printing > 0 && (
        <div className="print-only" key={printing}>
          <CertificateSheet volunteer={volunteer} from={from} to={to} hours={hours.data!.volunteers[0] ?? null} settings={settings!} />
        </div>
      )}
    </>
  );
}

/** One volunteer: coordinators edit the whole record (or add one); others see the lookup view. */
export function VolunteerDetail({ id, onBack, onSaved }: { id: string | null; onBack: () => void; onSaved: (id: string) => void }) {
  const { t } = useT();
  const mayEdit = useCan('volunteers.save');
  const volunteer = useVolunteer(id ?? '', id !== null);
  const back = (
    <Group>
      <Button variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={onBack}>
        {t('volunteering:pool.back')}
      </Button>
    </Group>
  );
  if (!mayEdit) {
    return (
      <Stack gap="md">
        {back}
        {id && <LookupView id={id} />}
      </Stack>
    );
  }
  if (id && volunteer.error) return <FormError message={errorText(t, volunteer.error)} />;
  const full = id && volunteer.data?.view === 'full' ? volunteer.data : null;
  if (id && !full) return back;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        {back}
        {full && <Certificate volunteer={full} />}
      </Group>
      <Title order={2} size="h3">
        {full ? `${full.firstName} ${full.lastName}` : t('volunteering:pool.add')}
      </Title>
      {full && full.memberId && <List size="sm"><List.Item>{t('volunteering:pool.wasMember')}</List.Item></List>}
      <VolunteerForm key={full ? full.id : 'new'} volunteer={full} onCancel={onBack} onSaved={(saved) => onSaved(saved.id)} />
    </Stack>
  );
}
