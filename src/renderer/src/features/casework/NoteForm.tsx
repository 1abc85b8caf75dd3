import { Alert, Checkbox, Group, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { localDay } from '../../../../shared/dates';
import { CONTACT_TOPICS, NOTE_KINDS } from '../../../../shared/domain/lists';
import { caseworkDraftKey } from '../../../../shared/rpc/areas/drafts';
import type { Note, Participant } from '../../../../shared/rpc/areas/notes';
import { notify } from '../../app/notify';
import { useRpcMutation } from '../../data/useRpcMutation';
import { DateField } from '../../forms/DateField';
import { FormError } from '../../forms/FormError';
import { useRpcSubmit } from '../../forms/useRpcSubmit';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import { useDraft } from '../drafts/useDraft';
import { FormButtons, FormModal } from './FormModal';
import { NoteBodyEditor } from './NoteBodyEditor';

interface Values {
  /** The version the form was opened from (kept in the draft): saving checks it. */
  version: number;
  occurredOn: string;
  kind: string;
  fieldOfAction: string;
  topics: string[];
  members: string[];
  interpreter: string;
  services: string;
  confidential: boolean;
  body: unknown;
}

function valuesOf(note: Note | null): Values {
  const p = note?.participants ?? [];
  return {
    version: note?.version ?? 0,
    occurredOn: note?.occurredOn ?? localDay(),
    kind: note?.kind ?? 'office',
    fieldOfAction: String(note?.fieldOfAction ?? 1),
    topics: note?.topics ?? [],
    members: p.filter((x) => x.kind === 'member' && x.memberId).map((x) => x.memberId!),
    interpreter: p.find((x) => x.kind === 'interpreter')?.name ?? '',
    services: p.filter((x) => x.kind === 'service').map((x) => x.name ?? '').join(', '),
    confidential: note?.confidential ?? false,
    body: note?.body ?? null,
  };
}

function participants(v: Values): Participant[] {
  return [
    ...v.members.map((memberId) => ({ kind: 'member' as const, memberId })),
    ...(v.interpreter.trim() ? [{ kind: 'interpreter' as const, name: v.interpreter.trim() }] : []),
    ...v.services
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((name) => ({ kind: 'service' as const, name })),
  ];
}

/**
 * A case note, new or edited: kept as an encrypted draft while typed (in the
 * case-work store), so an auto-lock, a crash or a closed window loses nothing.
 */
export function NoteForm({
  familyId,
  note,
  members,
  onClose,
}: {
  familyId: string;
  note: Note | null;
  members: { id: string; firstName: string; lastName: string }[];
  onClose: () => void;
}) {
  const { t } = useT();
  const create = useRpcMutation('notes.create');
  const update = useRpcMutation('notes.update');
  const form = useForm<Values>({ mode: 'controlled', initialValues: valuesOf(note) });
  const draft = useDraft(note ? caseworkDraftKey.editNote(familyId, note.id) : caseworkDraftKey.newNote(familyId), form, form.values);
  const { error, busy, run } = useRpcSubmit(form);
  const list = (values: readonly (string | number)[], name: string) => listOptions(t, values, name);

  const submit = form.onSubmit((v) => {
    const fields = {
      occurredOn: v.occurredOn,
      kind: v.kind as (typeof NOTE_KINDS)[number],
      fieldOfAction: Number(v.fieldOfAction) as 1 | 2 | 3,
      topics: v.topics as (typeof CONTACT_TOPICS)[number][],
      participants: participants(v),
      confidential: v.confidential,
      body: (v.body ?? { type: 'doc', content: [{ type: 'paragraph' }] }) as never,
    };
    return run(
      () => (note ? update.mutate({ id: note.id, version: v.version, ...fields }) : create.mutate({ familyId, ...fields })),
      async () => {
        await draft.clear();
        notify(t, 'brand', t('casework:notes.saved'));
        onClose();
      },
    );
  });
  const cancel = async () => {
    await draft.clear();
    onClose();
  };

  return (
    <FormModal title={note ? t('casework:form.titleEdit') : t('casework:form.titleNew')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {draft.restoredAt && <Alert color="brand">{t('casework:form.draftRestored')}</Alert>}
          <Group grow align="flex-start">
            <DateField label={t('casework:form.occurredOn')} required maxDate={localDay()} {...form.getInputProps('occurredOn')} />
            <Select label={t('casework:form.kind')} data={list(NOTE_KINDS, 'noteKind')} allowDeselect={false} {...form.getInputProps('kind')} />
            <Select label={t('casework:form.fieldOfAction')} data={list([1, 2, 3], 'fieldOfAction')} allowDeselect={false} {...form.getInputProps('fieldOfAction')} />
          </Group>
          <Group grow align="flex-start">
            <MultiSelect label={t('casework:form.topics')} data={list(CONTACT_TOPICS, 'topic')} {...form.getInputProps('topics')} />
            <MultiSelect label={t('casework:form.members')} data={members.map((m) => ({ value: m.id, label: `${m.firstName} ${m.lastName}` }))} {...form.getInputProps('members')} />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={t('casework:form.interpreter')} {...form.getInputProps('interpreter')} />
            <TextInput label={t('casework:form.services')} {...form.getInputProps('services')} />
          </Group>
          <NoteBodyEditor
            // Made again once a restored draft's text has arrived (the draft fills the form after the first render).
            key={draft.restoredAt && form.values.body !== null ? 'restored' : 'fresh'}
            label={t('casework:form.body')}
            value={form.values.body}
            onChange={(doc) => form.setFieldValue('body', doc)}
            error={form.errors.body as string | undefined}
          />
          <Checkbox label={t('casework:form.confidential')} {...form.getInputProps('confidential', { type: 'checkbox' })} />
          <FormError message={error} />
          <FormButtons onCancel={() => void cancel()} busy={busy} />
        </Stack>
      </form>
    </FormModal>
  );
}
