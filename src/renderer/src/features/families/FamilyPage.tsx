import { Badge, Button, Grid, Group, Kbd, Modal, Paper, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { notify } from '../../app/notify';
import { useRpcAction } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { errorText } from '../../forms/validate';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionContext';
import { useCan } from '../../session/useCan';
import { FamilyCard } from '../family-card/FamilyCard';
import { FamilySearch } from './FamilySearch';
import { useFamily } from './queries';
import { QuickContact } from './QuickContact';

/** A family's page: household, details, consents and the contact timeline. */
export function FamilyPage({ id, onBack }: { id: string; onBack: () => void }) {
  const { t, i18n } = useT();
  const { status } = useSession();
  // Refreshed whenever any screen or window changes this family's records (the core's `changed` event).
  const { data, error } = useFamily(id);
  // Office staff get the full view; the check-in view (hosts) belongs to the event counter.
  const family = data?.view === 'full' ? data : undefined;
  const mayMerge = useCan('families.merge');
  const mayLogContact = useCan('contacts.log');
  const mayWithdraw = useCan('consents.withdraw');
  const withdraw = useRpcAction('consents.withdraw');
  const mergeFamilies = useRpcAction('families.merge');
  const [contactOpen, contact] = useDisclosure(false);
  const [mergeOpen, merge] = useDisclosure(false);
  const date = (iso: string, withTime = false) => formatDate(i18n.language, new Date(iso), withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' });

  useHotkeys([
    ['k', () => family && mayLogContact && contact.open()],
    ['p', () => family && window.print()],
  ]);

  if (error) {
    // E.g. merged into another family in a different window: say so instead of showing what is gone.
    return (
      <Stack gap="md" align="flex-start">
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={onBack}>
          {t('families:back')}
        </Button>
        <FormError message={errorText(t, error)} />
      </Stack>
    );
  }
  if (!family) return null;
  const lang = (code: string) => String(t(`lists:language.${code}` as never));

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          <Button variant="subtle" leftSection={<IconArrowLeft size={16} aria-hidden />} onClick={onBack}>
            {t('families:back')}
          </Button>
          <Title order={1} size="h2">
            {family.displayName}
          </Title>
          <Badge variant="outline" color="gray" size="lg" ff="monospace" aria-label={`${t('families:page.code')} ${family.code}`}>
            {family.code}
          </Badge>
        </Group>
        <Group gap="xs">
          {mayLogContact && (
            <Button onClick={contact.open} rightSection={<Kbd size="xs">{t('families:page.logContactShortcut')}</Kbd>}>
              {t('families:page.logContact')}
            </Button>
          )}
          <Button variant="default" leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
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
      </Text>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Section title={t('families:page.members')}>
              <Table>
                <Table.Tbody>
                  {family.members.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td fw={600}>
                        {m.firstName} {m.lastName}
                      </Table.Td>
                      <Table.Td>{t('families:page.bornIn', { year: m.birthYear })}</Table.Td>
                      <Table.Td>{t(`lists:memberRole.${m.role}`)}</Table.Td>
                      <Table.Td>{m.school ?? ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
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
                  {t('families:page.accessRoute')}: {t(`lists:accessRoute.${family.accessRoute}` as never)} · {t('families:page.migration')}: {t(`lists:migration.${family.migrationBackground}`)}
                </Text>
                {family.notes && <Text size="sm">{family.notes}</Text>}
              </Stack>
            </Section>
            <Section title={t('families:page.consents')}>
              <Stack gap={6}>
                {family.consents.map((c) => (
                  <Group key={c.id} justify="space-between" wrap="nowrap">
                    <Text size="sm">
                      <strong>{t(`lists:consent.${c.purpose}`)}</strong>: {c.given ? t('families:page.given') : t('families:page.refused')} · {date(c.date)} · {c.formVersion} ·{' '}
                      {t(`lists:documentLanguage.${c.formLanguage}` as never)}
                      {c.recordedBy && ` · ${t('families:page.recordedBy', { name: c.recordedBy })}`}
                      {c.withdrawnAt && ` · ${t('families:page.withdrawn', { date: date(c.withdrawnAt) })}`}
                    </Text>
                    {mayWithdraw && c.given && !c.withdrawnAt && (
                      <Button
                        size="xs"
                        variant="default"
                        style={{ flexShrink: 0 }}
                        loading={withdraw.pending}
                        onClick={() => void withdraw.mutate({ id: c.id, date: new Date().toISOString().slice(0, 10) })}
                      >
                        {t('families:page.withdraw')}
                      </Button>
                    )}
                  </Group>
                ))}
              </Stack>
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Section title={t('families:page.contacts')}>
            {family.contacts.length === 0 && <Text c="dimmed">{t('families:page.noContacts')}</Text>}
            <Timeline bulletSize={14} lineWidth={2} active={family.contacts.length}>
              {family.contacts.map((c) => (
                <Timeline.Item key={c.id} title={`${t(`lists:contactType.${c.type}`)} · ${date(c.occurredAt, true)}`}>
                  <Text size="sm">
                    {t(`lists:fieldOfAction.${c.fieldOfAction}` as never)}
                    {c.topics.length > 0 && ` · ${c.topics.map((topic) => t(`lists:topic.${topic}` as never)).join(', ')}`}
                    {c.durationMin ? ` · ${t('families:page.minutes', { count: c.durationMin })}` : ''}
                  </Text>
                  {c.note && <Text size="sm">{c.note}</Text>}
                  {c.staffName && (
                    <Text size="xs" c="dimmed">
                      {c.staffName}
                    </Text>
                  )}
                </Timeline.Item>
              ))}
            </Timeline>
          </Section>
        </Grid.Col>
      </Grid>
      <div className="print-only">
        <FamilyCard displayName={family.displayName} code={family.code} preferredLanguage={family.preferredLanguage} officeName={status.officeName} />
      </div>
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
