import { Checkbox, Group, MultiSelect, NumberInput, Radio, SegmentedControl, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { localDay } from '../../../../shared/dates';
import { EVENT_TYPES, LANGUAGES } from '../../../../shared/domain/lists';
import type { Event } from '../../../../shared/rpc/areas/events';
import { notify } from '../../app/notify';
import { useRpcMutation } from '../../data/useRpcMutation';
import { DateField } from '../../forms/DateField';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import { FormButtons, FormModal } from '../casework/FormModal';

interface Values {
  title: string;
  type: string;
  fieldOfAction: string;
  date: string | null;
  start: string;
  end: string;
  place: string;
  hosts: string;
  capacity: number | string;
  languages: string[];
  interpreter: boolean;
  description: string;
  repeat: 'none' | 'weekly' | 'monthly';
  until: string | null;
  except: string[];
  scope: 'one' | 'following';
}

function initial(event: Event | null, date: string | null): Values {
  return {
    title: event?.title ?? '',
    type: event?.type ?? 'parent_cafe',
    fieldOfAction: String(event?.fieldOfAction ?? 1),
    date: event?.date ?? date ?? localDay(),
    start: event?.start ?? '15:00',
    end: event?.end ?? '17:00',
    place: event?.place ?? '',
    hosts: event?.hosts ?? '',
    capacity: event?.capacity ?? '',
    languages: event?.languages ?? [],
    interpreter: event?.interpreter ?? false,
    description: event?.description ?? '',
    repeat: 'none',
    until: null,
    except: [],
    scope: 'one',
  };
}

/**
 * A new event (once, weekly or monthly with exceptions) or changes to one; in
 * a series, this date only or this and all following. Refusals land next to
 * their fields; nothing typed is lost.
 */
export function EventForm({ event, date, onClose, onSaved }: { event: Event | null; date?: string | null; onClose: () => void; onSaved?: (id: string) => void }) {
  const { t, i18n } = useT();
  const save = useRpcMutation('events.save');
  const form = useForm<Values>({ mode: 'controlled', initialValues: initial(event, date ?? null) });
  const { error, busy, run } = useRpcSubmit(form);
  const v = form.getValues();
  const submit = form.onSubmit((values) =>
    run(
      () =>
        save.mutate({
          ...(event ? { id: event.id, version: event.version, scope: values.scope } : {}),
          title: values.title,
          type: values.type as Event['type'],
          fieldOfAction: Number(values.fieldOfAction) as 1 | 2 | 3,
          date: values.date ?? '',
          start: values.start,
          end: values.end,
          place: values.place,
          hosts: values.hosts,
          capacity: values.capacity === '' ? undefined : Number(values.capacity),
          languages: values.languages as (typeof LANGUAGES)[number][],
          interpreter: values.interpreter,
          description: values.description,
          ...(!event && values.repeat !== 'none' ? { repeat: { freq: values.repeat, until: values.until ?? '', except: values.except } } : {}),
        }),
      (saved) => {
        notify(t, 'brand', saved.occurrences > 1 ? t('events:form.savedSeries', { count: saved.occurrences }) : t('events:form.saved'));
        onSaved?.(saved.id);
        onClose();
      },
    ),
  );
  return (
    <FormModal title={event ? t('events:form.titleEdit') : t('events:form.titleNew')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label={t('events:form.title')} required data-autofocus {...form.getInputProps('title')} />
          <Group grow align="flex-start">
            <Select label={t('events:form.type')} data={listOptions(t, EVENT_TYPES, 'eventType')} allowDeselect={false} {...form.getInputProps('type')} />
            <Select label={t('events:form.fieldOfAction')} data={listOptions(t, [1, 2, 3], 'fieldOfAction')} allowDeselect={false} {...form.getInputProps('fieldOfAction')} />
          </Group>
          <Group grow align="flex-start">
            <DateField label={t('events:form.date')} required {...form.getInputProps('date')} />
            <TextInput type="time" label={t('events:form.start')} required {...form.getInputProps('start')} />
            <TextInput type="time" label={t('events:form.end')} required {...form.getInputProps('end')} />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t('events:form.place')} required {...form.getInputProps('place')} />
            <NumberInput label={t('events:form.capacity')} description={t('events:form.capacityHint')} min={1} max={10000} allowDecimal={false} {...form.getInputProps('capacity')} />
          </Group>
          <TextInput label={t('events:form.hosts')} description={t('events:form.hostsHint')} {...form.getInputProps('hosts')} />
          <Group grow align="flex-end">
            <MultiSelect label={t('events:form.languages')} data={listOptions(t, LANGUAGES, 'language')} searchable {...form.getInputProps('languages')} />
            <Checkbox label={t('events:form.interpreter')} mb={8} {...form.getInputProps('interpreter', { type: 'checkbox' })} />
          </Group>
          <Textarea label={t('events:form.description')} autosize minRows={2} {...form.getInputProps('description')} />
          {!event && (
            <Stack gap={6}>
              <SegmentedControl
                aria-label={t('events:form.repeat')}
                data={(['none', 'weekly', 'monthly'] as const).map((value) => ({ value, label: t(`events:form.repeatOptions.${value}`) }))}
                {...form.getInputProps('repeat')}
              />
              {v.repeat !== 'none' && (
                <Group grow align="flex-start">
                  <DateField label={t('events:form.until')} required {...form.getInputProps('until')} error={form.errors['repeat.until'] ?? form.errors.until} />
                  <DatesProvider settings={{ locale: i18n.language }}>
                    <DatePickerInput type="multiple" label={t('events:form.except')} description={t('events:form.exceptHint')} clearable valueFormat="DD.MM.YYYY" {...form.getInputProps('except')} error={form.errors['repeat.except'] ?? form.errors.except} />
                  </DatesProvider>
                </Group>
              )}
            </Stack>
          )}
          {event?.seriesId && (
            <Radio.Group label={t('events:form.scope')} {...form.getInputProps('scope')}>
              <Group mt={4}>
                <Radio value="one" label={t('events:form.scopeOne')} />
                <Radio value="following" label={t('events:form.scopeFollowing')} />
              </Group>
            </Radio.Group>
          )}
          <FormError message={error} />
          <FormButtons onCancel={onClose} busy={busy} />
        </Stack>
      </form>
    </FormModal>
  );
}
