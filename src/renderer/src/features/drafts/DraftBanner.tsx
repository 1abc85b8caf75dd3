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

/**
 * The screen of a drafted form; a family's Edit is drafted per family
 * (`family.edit.<id>`), case notes and plans on the family's page
 * (`note.new.<familyId>`, `note.edit.<familyId>.<noteId>`, `plan.<familyId>`).
 */
export function draftForm(formKey: string): { to: Location; label: string } | undefined {
  const family = (id: string): Location => ({ area: 'frontdesk', view: `family/${id}` });
  if (formKey.startsWith('family.edit.')) return { to: { area: 'families', view: `family/${formKey.slice('family.edit.'.length)}` }, label: 'session:drafts.forms.familyEdit' };
  if (formKey.startsWith('note.new.')) return { to: family(formKey.slice('note.new.'.length)), label: 'session:drafts.forms.caseNote' };
  if (formKey.startsWith('note.edit.')) return { to: family(formKey.slice('note.edit.'.length).split('.')[0]!), label: 'session:drafts.forms.caseNote' };
  if (formKey.startsWith('plan.')) return { to: family(formKey.slice('plan.'.length)), label: 'session:drafts.forms.plan' };
  return DRAFT_FORMS[formKey];
}

/** After unlock: "there is unsaved input — continue or discard?" */
export function DraftBanner() {
  const { t, i18n } = useT();
  const drafts = useDrafts();
  const { navigate } = useNavigation();
  const known = drafts.pending.filter((d) => draftForm(d.formKey) !== undefined);
  if (known.length === 0) return null;
  return (
    <Alert color="blue" icon={<IconDeviceFloppy aria-hidden />} title={t('session:drafts.title')} mb="md" role="status">
      <Stack gap="xs">
        {known.map((draft) => {
          const form = draftForm(draft.formKey)!;
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
