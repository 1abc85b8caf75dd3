import { Button, Checkbox, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRpcAction, useRpcMutation } from '../../data/useRpcMutation';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { useT } from '../../i18n/useT';
import { useDistricts } from '../districts/queries';

/** The coordinator-editable list of districts (Stadtteile) offered at intake. */
export function DistrictsPanel() {
  const { t } = useT();
  const items = useDistricts(true).data?.items ?? [];
  const save = useRpcMutation('districts.save');
  const toggle = useRpcAction('districts.save');

  const form = useForm({ mode: 'controlled', initialValues: { name: '' } });
  const { error, run } = useRpcSubmit(form);
  const add = form.onSubmit((values) =>
    run(
      () => save.mutate({ name: values.name, active: true }),
      () => form.reset(),
    ),
  );

  return (
    <Stack gap="md" maw={640}>
      <Title order={2} size="h3">
        {t('admin:districts.title')}
      </Title>
      <form onSubmit={add} noValidate>
        <Group align="flex-end">
          <TextInput label={t('admin:districts.name')} {...form.getInputProps('name')} />
          <Button type="submit">{t('admin:districts.add')}</Button>
        </Group>
        <FormError message={error} />
      </form>
      <Table aria-label={t('admin:districts.title')}>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{d.name}</Table.Td>
              <Table.Td>
                <Checkbox
                  label={t('admin:districts.active')}
                  checked={d.active}
                  onChange={(e) => void toggle.mutate({ id: d.id, name: d.name, active: e.currentTarget.checked })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
