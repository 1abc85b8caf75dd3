import { notify } from '../../app/notify';
import { Alert, Badge, Button, Checkbox, Group, Menu, Modal, Paper, Select, Stack, Table, Text, TextInput, Title, ActionIcon, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDots } from '@tabler/icons-react';
import { useState } from 'react';
import { createUserInputSchema, type User } from '../../../../shared/rpc/areas/users';
import { ROLES, type Role } from '../../../../shared/roles';
import { useRpcAction, useRpcMutation } from '../../data/useRpcMutation';
import { useDraft } from '../drafts/useDraft';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { zodValidate } from '../../forms/validate';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionContext';
import { useUsers } from './queries';
import { TemporaryPasswordNotice, type IssuedPassword } from './TemporaryPasswordNotice';

const CREATE_FORM = 'admin.users.create';

export function UsersPanel() {
  const { t, i18n } = useT();
  const [showInactive, setShowInactive] = useState(false);
  const users = useUsers(showInactive).data?.items ?? [];
  const deactivate = useRpcAction('users.deactivate');
  const ownId = useSession().status.user?.id;
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [deactivating, setDeactivating] = useState<User | null>(null);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const showIssued = (user: Issued) => {
    if (user.temporaryPassword && user.temporaryUntil) {
      setIssued({ displayName: user.displayName, username: user.username, password: user.temporaryPassword, until: user.temporaryUntil });
    }
  };

  const roleOptions = ROLES.map((role) => ({ value: role, label: t(`common:user.role.${role}`) }));

  return (
    <Stack gap="lg">
      <CreateUserForm roleOptions={roleOptions} onIssued={showIssued} />
      <TemporaryPasswordNotice issued={issued} onClose={() => setIssued(null)} />
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h3">
            {t('admin:users.title')}
          </Title>
          <Checkbox label={t('admin:users.showInactive')} checked={showInactive} onChange={(e) => setShowInactive(e.currentTarget.checked)} />
        </Group>
        <Table striped highlightOnHover aria-label={t('admin:users.tableLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin:users.name')}</Table.Th>
              <Table.Th>{t('admin:users.username')}</Table.Th>
              <Table.Th>{t('admin:users.role')}</Table.Th>
              <Table.Th>{t('admin:users.status')}</Table.Th>
              <Table.Th>{t('admin:users.lastLogin')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('admin:users.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>{user.displayName}</Table.Td>
                <Table.Td>{user.username}</Table.Td>
                <Table.Td>{t(`common:user.role.${user.role}`)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge color={user.active ? 'brand' : 'gray'} variant="outline">
                      {user.active ? t('admin:users.active') : t('admin:users.inactive')}
                    </Badge>
                    {user.active && user.mustChangePassword && (
                      <Badge color="red" variant="outline">
                        {t('admin:users.mustChange')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {user.lastLoginAt ? formatDate(i18n.language, new Date(user.lastLoginAt), { dateStyle: 'medium', timeStyle: 'short' }) : t('admin:users.never')}
                </Table.Td>
                <Table.Td>
                  {user.active && (
                    <Menu position="bottom-end">
                      <Menu.Target>
                        <ActionIcon variant="subtle" aria-label={t('admin:users.actionsFor', { name: user.displayName })}>
                          <IconDots size={18} aria-hidden />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item onClick={() => setEditing(user)}>{t('admin:users.edit')}</Menu.Item>
                        {/* One's own password is changed in the user menu; nobody deactivates themselves. */}
                        {user.id !== ownId && <Menu.Item onClick={() => setResetting(user)}>{t('admin:users.reset')}</Menu.Item>}
                        {user.id !== ownId && (
                          <Menu.Item color="red" onClick={() => setDeactivating(user)}>
                            {t('admin:users.deactivate')}
                          </Menu.Item>
                        )}
                      </Menu.Dropdown>
                    </Menu>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>

      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('admin:users.editTitle')} closeButtonProps={{ 'aria-label': t('common:close') }}>
        {editing && (
          <EditUserForm
            user={editing}
            roleOptions={roleOptions}
            onDone={(updated) => {
              setEditing(null);
              showIssued(updated);
            }}
          />
        )}
      </Modal>
      <Modal
        opened={resetting !== null}
        onClose={() => setResetting(null)}
        title={resetting ? t('admin:users.resetTitle', { name: resetting.displayName }) : ''}
        closeButtonProps={{ 'aria-label': t('common:close') }}
      >
        {resetting && (
          <ResetPasswordForm
            user={resetting}
            onCancel={() => setResetting(null)}
            onDone={(updated) => {
              setResetting(null);
              showIssued(updated);
            }}
          />
        )}
      </Modal>
      <Modal opened={deactivating !== null} onClose={() => setDeactivating(null)} title={t('admin:users.deactivateTitle')} closeButtonProps={{ 'aria-label': t('common:close') }}>
        {deactivating && (
          <Stack>
            <Text>{t('admin:users.deactivateText', { name: deactivating.displayName })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeactivating(null)}>
                {t('admin:users.cancel')}
              </Button>
              <Button
                color="red"
                // The keys are replaced: on a large office file this takes seconds.
                loading={deactivate.pending}
                onClick={async () => {
                  const result = await deactivate.mutate({ id: deactivating.id });
                  setDeactivating(null);
                  if (result.ok) notify(t, 'brand', t('admin:users.deactivated'));
                }}
              >
                {t('admin:users.deactivate')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

/** An account as the core answers a change that may issue a temporary password. */
interface Issued {
  displayName: string;
  username: string;
  temporaryPassword?: string;
  temporaryUntil?: string;
}

function CreateUserForm({ roleOptions, onIssued }: { roleOptions: { value: string; label: string }[]; onIssued: (user: Issued) => void }) {
  const { t } = useT();
  const create = useRpcMutation('users.create');
  const form = useForm({
    mode: 'controlled',
    initialValues: { username: '', displayName: '', role: 'reception' as Role },
    validate: zodValidate(createUserInputSchema, t),
  });
  const draft = useDraft(CREATE_FORM, form, form.values);

  const { error, run } = useRpcSubmit(form);
  const submit = form.onSubmit((values) =>
    run(
      () => create.mutate(values),
      async (user) => {
        notify(t, 'brand', t('admin:users.created', { username: user.username }));
        onIssued(user);
        form.reset();
        await draft.clear();
      },
    ),
  );

  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('admin:users.createTitle')}
          </Title>
          {draft.restoredAt && (
            <Alert color="blue" role="status">
              {t('session:drafts.restored')}
            </Alert>
          )}
          <Group grow align="flex-start">
            <TextInput label={t('admin:users.displayName')} required {...form.getInputProps('displayName')} />
            <TextInput label={t('admin:users.username')} description={t('session:setup.usernameHint')} required {...form.getInputProps('username')} />
          </Group>
          <Group grow align="flex-start">
            <Select label={t('admin:users.role')} data={roleOptions} allowDeselect={false} required {...form.getInputProps('role')} />
            <Text size="sm" c="dimmed" pt="lg">
              {t('admin:users.temporaryHint')}
            </Text>
          </Group>
          <FormError message={error} />
          <Group justify="flex-end">
            <Button type="submit">{t('admin:users.create')}</Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function EditUserForm({ user, roleOptions, onDone }: { user: User; roleOptions: { value: string; label: string }[]; onDone: (updated: Issued) => void }) {
  const { t } = useT();
  const update = useRpcMutation('users.update');
  const form = useForm({ mode: 'controlled', initialValues: { displayName: user.displayName, role: user.role as string } });
  const { error, run } = useRpcSubmit(form);
  const submit = form.onSubmit((values) =>
    run(
      () => update.mutate({ id: user.id, displayName: values.displayName, role: values.role as Role }),
      (updated) => {
        notify(t, 'brand', t('admin:users.saved'));
        onDone(updated);
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label={t('admin:users.displayName')} data-autofocus required {...form.getInputProps('displayName')} />
        <Select label={t('admin:users.role')} data={roleOptions} allowDeselect={false} {...form.getInputProps('role')} />
        {form.values.role !== user.role && (
          <Alert color="orange" role="status">
            {t('admin:users.roleChangeHint')}
          </Alert>
        )}
        <FormError message={error} />
        <Group justify="flex-end">
          <Button type="submit">{t('admin:users.save')}</Button>
        </Group>
      </Stack>
    </form>
  );
}

function ResetPasswordForm({ user, onDone, onCancel }: { user: User; onDone: (updated: Issued) => void; onCancel: () => void }) {
  const { t } = useT();
  const reset = useRpcMutation('users.resetPassword');
  const form = useForm({ mode: 'controlled', initialValues: {} });
  const { error, busy, run } = useRpcSubmit(form);
  const submit = form.onSubmit(() =>
    run(
      () => reset.mutate({ id: user.id }),
      (updated) => {
        notify(t, 'brand', t('admin:users.resetDone'));
        onDone(updated);
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text>{t('admin:users.resetText', { name: user.displayName })}</Text>
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('admin:users.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-autofocus>
            {t('admin:users.reset')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
