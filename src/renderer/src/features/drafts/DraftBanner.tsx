import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import type { Location } from '../../app/areas';
import { useNavigation } from '../../app/navigation';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useDrafts } from './DraftsContext';

/** Which screen each drafted form lives on. */
export const DRAFT_FORMS: Record<string, { to: Location; label: string }> = {
  'admin.users.create': { to: { area: 'admin', view: 'users' }, label: 'session:drafts.forms.adminUsersCreate' },
  'intake.family': { to: { area: 'frontdesk', view: 'intake' }, label: 'session:drafts.forms.intakeFamily' },
};

/** After unlock: "there is unsaved input — continue or discard?" */
export function DraftBanner() {
  const { t, i18n } = useT();
  const drafts = useDrafts();
  const { navigate } = useNavigation();
  const known = drafts.pending.filter((d) => d.formKey in DRAFT_FORMS);
  if (known.length === 0) return null;
  return (
    <Alert color="blue" icon={<IconDeviceFloppy aria-hidden />} title={t('session:drafts.title')} mb="md" role="status">
      <Stack gap="xs">
        {known.map((draft) => {
          const form = DRAFT_FORMS[draft.formKey]!;
          return (
            <Group key={draft.formKey} justify="space-between" wrap="wrap">
              <Text size="sm">
                {t('session:drafts.text', {
                  date: formatDate(i18n.language, new Date(draft.updatedAt), { dateStyle: 'medium', timeStyle: 'short' }),
                  form: t(form.label as never),
                })}
              </Text>
              <Group gap="xs">
                <Button size="xs" onClick={() => navigate(form.to)}>
                  {t('session:drafts.continue')}
                </Button>
                <Button size="xs" variant="default" onClick={() => void drafts.discard(draft.formKey)}>
                  {t('session:drafts.discard')}
                </Button>
              </Group>
            </Group>
          );
        })}
      </Stack>
    </Alert>
  );
}
