import { Button, Group, Text } from '@mantine/core';
import type { Family } from '../../../../shared/rpc/areas/families';
import { notify } from '../../app/notify';
import { useRpcAction } from '../../data/useRpcMutation';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionContext';
import { useCan } from '../../session/useCan';
import { errorText } from '../../forms/validate';

/**
 * "Open case, lead: X" on the family page — for reception too (names only,
 * never content); caseworkers take the case on, help, or leave it.
 */
export function CaseStatus({ family }: { family: Family }) {
  const { t } = useT();
  const { status } = useSession();
  const me = status.user?.id;
  const mayAssign = useCan('cases.assign');
  const assign = useRpcAction('cases.assign');
  const release = useRpcAction('cases.release');
  const lead = family.caseworkers.find((c) => c.lead);
  const helpers = family.caseworkers.filter((c) => !c.lead).map((c) => c.displayName);
  const mine = family.caseworkers.some((c) => c.userId === me);
  const text = lead
    ? helpers.length > 0
      ? t('casework:openCaseHelpers', { lead: lead.displayName, helpers: helpers.join(', ') })
      : t('casework:openCase', { lead: lead.displayName })
    : helpers.length > 0
      ? t('casework:openCaseHelpers', { lead: '—', helpers: helpers.join(', ') })
      : null;
  const run = async (call: ReturnType<typeof assign.mutate>, done: string) => {
    const result = await call;
    notify(t, result.ok ? 'brand' : 'red', result.ok ? done : errorText(t, result.error));
  };
  if (!text && !mayAssign) return null;
  return (
    <Group gap="sm" data-testid="case-status">
      {text && (
        <Text size="sm" fw={600}>
          {text}
        </Text>
      )}
      {mayAssign && me && !mine && (
        <Button size="xs" variant="light" onClick={() => void run(assign.mutate({ familyId: family.id, userId: me, lead: !lead }), t('casework:assign.assigned'))}>
          {lead ? t('casework:assign.meHelp') : t('casework:assign.me')}
        </Button>
      )}
      {mayAssign && me && mine && (
        <Button size="xs" variant="subtle" onClick={() => void run(release.mutate({ familyId: family.id, userId: me }), t('casework:assign.released'))}>
          {t('casework:assign.release')}
        </Button>
      )}
    </Group>
  );
}
