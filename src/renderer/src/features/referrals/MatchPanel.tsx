import { Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { Referral } from '../../../../shared/rpc/areas/referrals';
import { FormError } from '../../forms/FormError';
import { errorText } from '../../forms/validate';
import { useT } from '../../i18n/useT';
import { useMatch } from './queries';
import { reasonText } from './reasons';

/**
 * The pool ranked for a referral, best first, each suggestion with its
 * reasons in words; "Ask" offers the referral to that volunteer (for those
 * who broker referrals; reception sees who fits).
 */
export function MatchPanel({ referral, onOffer, busy }: { referral: Referral; onOffer: ((volunteerId: string, name: string) => void) | null; busy: boolean }) {
  const { t, i18n } = useT();
  const match = useMatch(referral.id, true);
  const items = match.data?.items ?? [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="match-title" data-testid="match">
      <Title order={2} size="h4" id="match-title">
        {t('volunteering:match.title')}
      </Title>
      {match.error && <FormError message={errorText(t, match.error)} />}
      {match.data && items.length === 0 && <Text>{t('volunteering:match.none')}</Text>}
      {items.slice(0, 10).map((s, i) => {
        const name = `${s.firstName} ${s.lastName}`;
        return (
          <Card key={s.volunteerId} withBorder padding="sm" data-testid="suggestion">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={4}>
                <Group gap="xs">
                  <Badge variant="filled" color={i === 0 ? 'teal.9' : 'gray.7'}>
                    {i + 1}
                  </Badge>
                  <Text fw={600}>{name}</Text>
                </Group>
                <List size="sm" spacing={2} center>
                  {s.reasons.map((r) => (
                    <List.Item key={r.code} icon={r.positive ? <IconCheck size={14} color="var(--mantine-color-teal-8)" aria-label={t('volunteering:match.for')} /> : <IconX size={14} color="var(--mantine-color-red-8)" aria-label={t('volunteering:match.against')} />}>
                      {reasonText(t, i18n.language, r)}
                    </List.Item>
                  ))}
                </List>
              </Stack>
              {onOffer && (
                <Button size="sm" onClick={() => onOffer(s.volunteerId, name)} loading={busy} aria-label={t('volunteering:match.askName', { name })}>
                  {t('volunteering:match.ask')}
                </Button>
              )}
            </Group>
          </Card>
        );
      })}
    </Stack>
  );
}
