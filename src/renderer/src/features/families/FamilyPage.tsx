import { Badge, Button, Grid, Group, Kbd, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconArrowLeft, IconPencil, IconPrinter } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import type { DocumentLanguage } from '../../../../shared/domain/lists';
import type { Plan } from '../../../../shared/rpc/areas/plans';
import { notify } from '../../app/notify';
import { useRpcAction } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { errorText } from '../../forms/validate';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionContext';
import { useCan } from '../../session/useCan';
import { ConsentFormSheet, consentFormLanguage } from '../consent-form/ConsentFormSheet';
import { useDrafts } from '../drafts/DraftsContext';
import { CaseStatus } from '../casework/CaseStatus';
import { NotesPanel } from '../casework/NotesPanel';
import { PlanPanel } from '../casework/PlanPanel';
import { PlanSheet, planLanguage } from '../casework/PlanSheet';
import { TimelinePanel } from '../casework/TimelinePanel';
import { FamilyCard } from '../family-card/FamilyCard';
import { ConsentsPanel } from '../family-record/ConsentsPanel';
import { FamilyEditForm, familyEditDraft } from '../family-record/FamilyEditForm';
import { EngagementsPanel } from '../family-record/EngagementsPanel';
import { MembersPanel } from '../family-record/MembersPanel';
import { FamilyReferrals } from '../referrals/FamilyReferrals';
import { useSettings } from '../admin/queries';
import { FamilySearch } from './FamilySearch';
import { useFamily } from './queries';
import { QuickContact } from './QuickContact';

/** A family's page: household, details, consents and the contact timeline. */
export function FamilyPage({ id, onBack, backLabel }: { id: string; onBack: () => void; backLabel: string }) {
  const { t, i18n } = useT();
  const { status } = useSession();
  // Refreshed whenever any screen or window changes this family's records (the core's `changed` event).
  const { data, error } = useFamily(id);
  // Office staff get the full view; the check-in view (hosts) belongs to the event counter.
  const family = data?.view === 'full' ? data : undefined;
  const mayMerge = useCan('families.merge');
  const mayLogContact = useCan('contacts.log');
  const mayEdit = useCan('families.update');
  const mayCasework = useCan('notes.list');
  const mayEngage = useCan('engagements.list');
  const mayRefer = useCan('referrals.list');
  const mergeFamilies = useRpcAction('families.merge');
  const [contactOpen, contact] = useDisclosure(false);
  const [mergeOpen, merge] = useDisclosure(false);
  // An Edit left open when the app locked comes back with what was typed.
  const drafts = useDrafts();
  const [editOpen, edit] = useDisclosure(drafts.peek(familyEditDraft(id)) !== undefined);
  // What the printer gets: the family card, or the consent form in German and a second language.
  const [printing, setPrinting] = useState<
    | { kind: 'card' }
    | { kind: 'consent'; language: DocumentLanguage | null; at: number }
    | { kind: 'plan'; plan: Plan; ownerName: (m: Plan['goals'][number]['measures'][number]) => string; at: number }
  >({ kind: 'card' });
  const [formLanguage, setFormLanguage] = useState<DocumentLanguage | null | undefined>(undefined);
  const settings = useSettings().data;
  useEffect(() => {
    // Printed once the chosen sheet is on the page.
    if (printing.kind === 'consent' || printing.kind === 'plan') window.print();
  }, [printing]);
  const date = (iso: string, withTime = false) => formatDate(i18n.language, new Date(iso), withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });

  const printCard = () => {
    setPrinting({ kind: 'card' });
    // After React has put the card back on the page.
    requestAnimationFrame(() => window.print());
  };
  useHotkeys([
    ['k', () => family && mayLogContact && contact.open()],
    ['e', () => family && mayEdit && edit.open()],
    ['p', () => family && printCard()],
  ]);

  if (error) {
    // E.g. merged into another family in a different window: say so instead of showing what is gone.
    return (
      <Stack gap="md" align="flex-start">
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={onBack}>
          {backLabel}
        </Button>
        <FormError message={errorText(t, error)} />
      </Stack>
    );
  }
  if (!family) return null;
  const lang = (code: string) => String(t(`lists:language.${code}` as never));
  const printLanguage = formLanguage === undefined ? consentFormLanguage(family.preferredLanguage) : formLanguage;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          <Button variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={onBack}>
            {backLabel}
          </Button>
          <Title order={1} size="h2">
            {family.displayName}
          </Title>
          <Badge variant="outline" color="gray" size="lg" ff="monospace" aria-label={`${t('families:page.code')} ${family.code}`}>
            {family.code}
          </Badge>
        </Group>
        <Group gap="xs">
          {mayEdit && (
            <Button
              variant="default"
              leftSection={<IconPencil size={16} aria-hidden />}
              rightSection={
                <Kbd size="xs" aria-hidden>
                  {t('families:edit.shortcut')}
                </Kbd>
              }
              aria-keyshortcuts="E"
              onClick={edit.open}
            >
              {t('families:edit.open')}
            </Button>
          )}
          {mayLogContact && (
            <Button onClick={contact.open} rightSection={<Kbd size="xs">{t('families:page.logContactShortcut')}</Kbd>}>
              {t('families:page.logContact')}
            </Button>
          )}
          <Button variant="default" leftSection={<IconPrinter size={16} aria-hidden />} onClick={printCard}>
            {t('families:page.printCard')}
          </Button>
          {mayMerge && (
            <Button variant="default" onClick={merge.open}>
              {t('families:page.merge')}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t('families:page.since', { date: date(family.createdAt) })} · {t(`lists:status.${family.status}`)}
        {family.status === 'closed' && family.statusReason && ` (${family.statusReason})`}
        {family.lastContactAt && ` · ${t('families:page.lastContact', { date: date(family.lastContactAt) })}`}
      </Text>
      <CaseStatus family={family} />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Section title={t('families:page.members')}>
              <MembersPanel familyId={family.id} familyName={family.displayName} members={family.members} answers={family} />
            </Section>
            <Section title={t('families:page.details')}>
              <Stack gap={4}>
                <Text size="sm">{[family.street, [family.postalCode, family.city].filter(Boolean).join(' '), family.districtName].filter(Boolean).join(', ')}</Text>
                <Text size="sm">{[family.phone, family.email].filter(Boolean).join(' · ')}</Text>
                <Text size="sm">
                  {family.languages.map(lang).join(', ')}
                  {family.preferredLanguage && ` (${t('families:intake.preferredLanguage')}: ${lang(family.preferredLanguage)})`}
                </Text>
                <Text size="sm">{family.interpreterNeeded && family.interpreterLanguage ? t('families:page.interpreter', { language: lang(family.interpreterLanguage) }) : t('families:page.noInterpreter')}</Text>
                <Text size="sm">
                  {t('families:page.accessRoute')}: {t(`lists:accessRoute.${family.accessRoute}` as never)} · {t('families:page.migration')}: {t(`lists:migration.${family.migrationBackground}`)} · {t('families:page.immigration')}: {t(`lists:migration.${family.immigrationHistory}`)}
                </Text>
                {family.notes && <Text size="sm">{family.notes}</Text>}
              </Stack>
            </Section>
            <Section title={t('families:page.consents')}>
              <ConsentsPanel
                familyId={family.id}
                consents={family.consents}
                printLanguage={printLanguage}
                onPrintLanguage={setFormLanguage}
                onPrint={() => setPrinting({ kind: 'consent', language: printLanguage, at: Date.now() })}
                printReady={settings !== undefined}
              />
            </Section>
            {mayEngage && (
              <Section title={t('volunteering:engagements.title')}>
                <EngagementsPanel family={family} />
              </Section>
            )}
            {mayRefer && (
              <Section title={t('volunteering:family.title')}>
                <FamilyReferrals familyId={family.id} />
              </Section>
            )}
            {mayCasework && (
              <>
                <Section title={t('casework:section.notes')}>
                  <NotesPanel familyId={family.id} members={family.members} />
                </Section>
                <Section title={t('casework:section.plan')}>
                  <PlanPanel familyId={family.id} onPrint={(plan, ownerName) => setPrinting({ kind: 'plan', plan, ownerName, at: Date.now() })} />
                </Section>
              </>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Section title={t('casework:section.timeline')}>
            <TimelinePanel familyId={family.id} kinds={mayCasework ? ['contact', 'consent', 'note', 'plan'] : ['contact', 'consent']} />
          </Section>
        </Grid.Col>
      </Grid>
      <div className="print-only">
        {printing.kind === 'plan' ? (
          <PlanSheet plan={printing.plan} language={planLanguage(family.preferredLanguage)} family={family} officeName={status.officeName ?? ''} ownerName={printing.ownerName} />
        ) : printing.kind === 'consent' ? (
          <ConsentFormSheet
            language={printing.language}
            family={family}
            office={settings ?? { officeName: status.officeName ?? '', officeLocation: '', officeContact: '', retentionYears: 0 }}
          />
        ) : (
          <FamilyCard displayName={family.displayName} code={family.code} preferredLanguage={family.preferredLanguage} officeName={status.officeName} />
        )}
      </div>
      {editOpen && <FamilyEditForm family={family} opened={editOpen} onClose={edit.close} />}
      <QuickContact familyId={family.id} opened={contactOpen} onClose={contact.close} />
      <Modal opened={mergeOpen} onClose={merge.close} title={t('families:page.mergeTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
        <Stack>
          <Text>{t('families:page.mergeIntro')}</Text>
          <FamilySearch
            onOpen={async (otherId) => {
              if (otherId === family.id) return;
              const result = await mergeFamilies.mutate({ keepId: family.id, mergeId: otherId });
              merge.close();
              if (result.ok) notify(t, 'brand', t('families:page.merged'));
            }}
          />
        </Stack>
      </Modal>
    </Stack>
  );
}

/** One framed block of the family page with its heading. */
function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
