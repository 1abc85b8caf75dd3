import { Badge, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconLock, IconPlus } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { caseworkDraftKey } from '../../../../shared/rpc/areas/drafts';
import type { Note, NoteSummary } from '../../../../shared/rpc/areas/notes';
import { FormError } from '../../forms/FormError';
import { errorText } from '../../forms/validate';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useSession } from '../../session/SessionContext';
import { useDrafts } from '../drafts/DraftsContext';
import { useCan } from '../../session/useCan';
import { BreakGlassDialog } from './BreakGlassDialog';
import { DeleteNoteDialog } from './DeleteNoteDialog';
import { NoteText } from './NoteText';
import { useNote, useNoteHistory, useNotes } from './queries';

/** The editor (tiptap) loads with the first note that is written or edited, not with the family page. */
const NoteForm = lazy(() => import('./NoteForm').then((m) => ({ default: m.NoteForm })));

type Open = { kind: 'read'; id: string } | { kind: 'resume'; id: string } | { kind: 'glass'; id: string } | { kind: 'opened'; note: Note } | { kind: 'history'; id: string } | { kind: 'edit'; note: Note } | { kind: 'new' } | null;

/** The family's case notes: newest first; someone else's confidential note shows who and when, and opens only through break-glass. */
export function NotesPanel({ familyId, members }: { familyId: string; members: { id: string; firstName: string; lastName: string }[] }) {
  const { t, i18n } = useT();
  const { status } = useSession();
  const me = status.user?.id;
  const drafts = useDrafts();
  const { data, error } = useNotes(familyId);
  // A note being typed or edited when the app locked comes back with its text.
  const [open, setOpen] = useState<Open>(() => {
    if (drafts.peek(caseworkDraftKey.newNote(familyId)) !== undefined) return { kind: 'new' };
    const prefix = caseworkDraftKey.editNote(familyId, '');
    const edit = drafts.pending.find((d) => d.formKey.startsWith(prefix));
    return edit ? { kind: 'resume', id: edit.formKey.slice(prefix.length) } : null;
  });
  const day = (iso: string) => formatDate(i18n.language, new Date(iso), { dateStyle: 'medium' });
  const close = () => setOpen(null);

  const label = (n: NoteSummary) => (n.kind ? t(`lists:noteKind.${n.kind}` as never) : t('casework:timeline.what.confidential'));
  return (
    <Stack gap="sm">
      <Group justify="flex-end">
        <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setOpen({ kind: 'new' })}>
          {t('casework:notes.new')}
        </Button>
      </Group>
      {error && <FormError message={errorText(t, error)} />}
      {data?.items.length === 0 && <Text c="dimmed">{t('casework:notes.none')}</Text>}
      {data?.items.map((n) => {
        const hidden = n.excerpt === null && !n.deleted;
        return (
          <Paper key={n.id} withBorder p="sm" radius="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <Group gap="xs">
                  <Text fw={600} size="sm">
                    {day(n.occurredOn)} · {label(n)}
                  </Text>
                  {n.confidential && (
                    <Badge size="sm" color="red.9" variant="filled" leftSection={<IconLock size={12} aria-hidden />}>
                      {t('casework:notes.confidential')}
                    </Badge>
                  )}
                  {n.deleted && <Badge size="sm" color="gray">{t('casework:notes.deleted')}</Badge>}
                </Group>
                <Text size="xs" c="dimmed">
                  {t('casework:notes.by', { name: n.authorName ?? '—' })}
                </Text>
                {n.excerpt && <Text size="sm">{n.excerpt}</Text>}
              </Stack>
              {!n.deleted && (
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" variant="default" onClick={() => setOpen(hidden ? { kind: 'glass', id: n.id } : { kind: 'read', id: n.id })} aria-label={`${t('casework:notes.open')}: ${day(n.occurredOn)} ${label(n)}`}>
                    {t('casework:notes.open')}
                  </Button>
                  {!hidden && (
                    <Button size="xs" variant="subtle" onClick={() => setOpen({ kind: 'history', id: n.id })} aria-label={`${t('casework:notes.history')}: ${day(n.occurredOn)} ${label(n)}`}>
                      {t('casework:notes.history')}
                    </Button>
                  )}
                </Group>
              )}
            </Group>
          </Paper>
        );
      })}
      {open?.kind === 'resume' && <NoteResume id={open.id} onLoaded={(note) => setOpen({ kind: 'edit', note })} />}
      {open?.kind === 'read' && <NoteReader id={open.id} mine={(n) => n.authorId === me} onEdit={(note) => setOpen({ kind: 'edit', note })} onClose={close} />}
      {open?.kind === 'opened' && <NoteModal note={open.note} onClose={close} />}
      {open?.kind === 'glass' && <BreakGlassDialog noteId={open.id} onOpened={(note) => setOpen({ kind: 'opened', note })} onClose={close} />}
      {open?.kind === 'history' && <NoteHistory id={open.id} onClose={close} />}
      <Suspense fallback={null}>
        {open?.kind === 'edit' && <NoteForm familyId={familyId} note={open.note} members={members} onClose={close} />}
        {open?.kind === 'new' && <NoteForm familyId={familyId} note={null} members={members} onClose={close} />}
      </Suspense>
    </Stack>
  );
}

function NoteModal({ note, onClose, onEdit }: { note: Note; onClose: () => void; onEdit?: (() => void) | undefined }) {
  const { t, i18n } = useT();
  const mayDelete = useCan('notes.delete');
  const [deleting, setDeleting] = useState(false);
  const day = formatDate(i18n.language, new Date(note.occurredOn), { dateStyle: 'medium' });
  if (deleting) return <DeleteNoteDialog noteId={note.id} onDeleted={onClose} onClose={() => setDeleting(false)} />;
  return (
    <Modal opened onClose={onClose} title={t('casework:notes.readTitle', { date: day })} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t(`lists:noteKind.${note.kind}` as never)} · {t(`lists:fieldOfAction.${note.fieldOfAction}` as never)} · {t('casework:notes.by', { name: note.authorName ?? '—' })}
          {note.confidential && ` · ${t('casework:notes.confidential')}`}
        </Text>
        <NoteText body={note.body} />
        {(onEdit || mayDelete) && (
          <Group justify="flex-end">
            {mayDelete && (
              <Button variant="subtle" color="red.9" onClick={() => setDeleting(true)}>
                {t('casework:delete.open')}
              </Button>
            )}
            {onEdit && <Button onClick={onEdit}>{t('casework:notes.edit')}</Button>}
          </Group>
        )}
      </Stack>
    </Modal>
  );
}

function NoteReader({ id, mine, onEdit, onClose }: { id: string; mine: (note: Note) => boolean; onEdit: (note: Note) => void; onClose: () => void }) {
  const { t } = useT();
  const { data, error } = useNote(id);
  if (error) {
    return (
      <Modal opened onClose={onClose} title={t('casework:section.notes')} closeButtonProps={{ 'aria-label': t('common:close') }}>
        <FormError message={errorText(t, error)} />
      </Modal>
    );
  }
  if (!data) return null;
  return <NoteModal note={data} onClose={onClose} onEdit={mine(data) ? () => onEdit(data) : undefined} />;
}

/** An edit left open at a lock: the note is loaded again, then its form opens with the draft. */
function NoteResume({ id, onLoaded }: { id: string; onLoaded: (note: Note) => void }) {
  const { data } = useNote(id);
  useEffect(() => {
    if (data) onLoaded(data);
  }, [data, onLoaded]);
  return null;
}

function NoteHistory({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, i18n } = useT();
  const { data, error } = useNoteHistory(id);
  const when = (iso: string) => formatDate(i18n.language, new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Modal opened onClose={onClose} title={t('casework:notes.versionsTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common:close') }}>
      {error && <FormError message={errorText(t, error)} />}
      <Stack gap="md">
        {data?.versions.map((v) => (
          <Paper key={v.version} withBorder p="sm" data-testid="note-version">
            <Text size="sm" fw={600} mb={4}>
              {t('casework:notes.version', { version: v.version, date: when(v.editedAt), name: v.editedByName ?? '—' })}
            </Text>
            <NoteText body={v.body} />
          </Paper>
        ))}
      </Stack>
    </Modal>
  );
}
