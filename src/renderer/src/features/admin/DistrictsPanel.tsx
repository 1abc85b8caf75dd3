import { Button, Checkbox, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { notify } from '../../app/notify';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { errorText } from '../../forms/validate';
import { useT } from '../../i18n/useT';

interface District {
  id: string;
  name: string;
  active: boolean;
}

/** The coordinator-editable list of districts (Stadtteile) offered at intake. */
export function DistrictsPanel() {
  const { t } = useT();
  const api = useApi();
  const [items, setItems] = useState<District[]>([]);
  const load = useCallback(async () => {
    const result = await api.call('districts.list', { includeInactive: true });
    if (result.ok) setItems(result.data.items);
  }, [api]);
  useEffect(() => void load(), [load]);

  const form = useForm({ mode: 'controlled', initialValues: { name: '' } });
  const { error, run } = useRpcSubmit(form);
  const add = form.onSubmit((values) =>
    run(
      () => api.call('districts.save', { name: values.name, active: true }),
      () => {
        form.reset();
        void load();
      },
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
                  onChange={async (e) => {
                    const result = await api.call('districts.save', { id: d.id, name: d.name, active: e.currentTarget.checked });
                    if (!result.ok) notify(t, 'red', errorText(t, result.error));
                    void load();
                  }}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
