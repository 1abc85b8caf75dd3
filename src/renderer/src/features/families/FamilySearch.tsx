import { Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { memo, useCallback, useId, useState } from 'react';
import type { FamilyHit } from '../../../../shared/rpc/areas/families';
import { errorText } from '../../forms/validate';
import { useT } from '../../i18n/useT';
import { FamilyHitSummary } from './FamilyHitCard';
import { useFamilySearch } from './queries';

/**
 * Search as you type: the field keeps focus, arrow keys move through the
 * hits, Enter opens the highlighted (by default the first) family.
 */
export function FamilySearch({ onOpen, autoFocus = true }: { onOpen: (id: string) => void; autoFocus?: boolean }) {
  const { t } = useT();
  const [query, setQuery] = useState('');
  // No debounce: the core answers in a few milliseconds. Each text is its own query,
  // so an older answer that arrives late never replaces the newer one.
  const { hits, error } = useFamilySearch(query);
  // The highlight belongs to the list it was moved in; a new list starts at its first hit.
  const [highlight, setHighlight] = useState({ list: hits, index: 0 });
  const active = highlight.list === hits ? highlight.index : 0;
  const setActive = useCallback((index: number) => setHighlight({ list: hits, index }), [hits]);
  const listId = useId();

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (!hits || hits.length === 0) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive(Math.min(active + 1, hits.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(Math.max(active - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = hits[active];
      if (hit) onOpen(hit.id);
    }
  };

  return (
    <Stack gap="sm">
      <TextInput
        size="lg"
        label={t('families:search.label')}
        description={t('families:search.hint')}
        placeholder={t('families:search.placeholder')}
        leftSection={<IconSearch size={18} aria-hidden />}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        autoFocus={autoFocus}
        data-autofocus
        autoComplete="off"
        role="combobox"
        aria-expanded={!!hits && hits.length > 0}
        aria-controls={listId}
        aria-activedescendant={hits && hits[active] ? `${listId}-${active}` : undefined}
      />
      {error && <Text c="red">{errorText(t, error)}</Text>}
      {!error && hits && hits.length === 0 && <Text c="dimmed">{t('families:search.none')}</Text>}
      {hits && hits.length > 0 && <HitList hits={hits} active={active} listId={listId} label={t('families:search.results')} onOpen={onOpen} onHover={setActive} />}
    </Stack>
  );
}

/**
 * The hits, drawn again only when the list or the highlight changes — not on
 * every keystroke in the field above (twenty cards cost more than the search).
 */
const HitList = memo(function HitList({ hits, active, listId, label, onOpen, onHover }: { hits: FamilyHit[]; active: number; listId: string; label: string; onOpen: (id: string) => void; onHover: (index: number) => void }) {
  return (
    <Stack gap={6} id={listId} role="listbox" aria-label={label}>
      {hits.map((hit, i) => (
        <UnstyledButton key={hit.id} id={`${listId}-${i}`} role="option" aria-selected={i === active} tabIndex={-1} onClick={() => onOpen(hit.id)} onMouseEnter={() => onHover(i)}>
          <Paper withBorder p="sm" radius="md" bg={i === active ? 'var(--mantine-color-default-hover)' : undefined} style={i === active ? { borderColor: 'var(--mantine-primary-color-filled)' } : undefined}>
            <FamilyHitSummary hit={hit} />
          </Paper>
        </UnstyledButton>
      ))}
    </Stack>
  );
});
