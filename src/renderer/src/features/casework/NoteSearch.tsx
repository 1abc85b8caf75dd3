import { Anchor, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import { useNoteSearch } from './queries';

/** Search in case notes: family, date and the matching words; others' confidential notes are never found (the core decides). */
export function NoteSearch({ onOpenFamily }: { onOpenFamily: (id: string) => void }) {
  const { t, i18n } = useT();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 200);
  const { data } = useNoteSearch(debounced);
  const searching = debounced.trim().length >= 2;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="note-search-title">
      <Title order={2} size="h4" id="note-search-title" mb="xs">
        {t('casework:notes.search')}
      </Title>
      <TextInput aria-label={t('casework:notes.search')} description={t('casework:notes.searchHint')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
      {searching && data && (
        <Stack gap={6} mt="sm" role="list">
          {data.items.length === 0 && <Text c="dimmed">{t('casework:notes.noHits')}</Text>}
          {data.items.map((hit) => (
            <div key={hit.noteId} role="listitem">
              <Anchor component="button" type="button" size="sm" onClick={() => onOpenFamily(hit.familyId)}>
                {hit.familyName} ({hit.familyCode})
              </Anchor>
              <Text size="xs" c="dimmed">
                {formatDate(i18n.language, new Date(hit.occurredOn), { dateStyle: 'medium' })} · {t('casework:notes.by', { name: hit.authorName ?? '—' })}
              </Text>
              <Text size="sm">{hit.words}</Text>
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
