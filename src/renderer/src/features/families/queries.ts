import type { MethodInput } from '../../../../shared/rpc/contract';
import type { Dependency } from '../../data/entities';
import { useRpcQuery } from '../../data/useRpcQuery';

/**
 * A family's page shows its members, consents, contacts and district name.
 * (Not 'user': every reading of the page is audited, and a renamed staff
 * member is not worth a new read of every open family page.)
 */
export const FAMILY_PAGE: readonly Dependency[] = ['family', 'member', 'consent', 'contact', 'district'];
/** A search hit shows the household's names, phone, code, status and district. */
export const FAMILY_HITS: readonly Dependency[] = ['family', 'member', 'district'];

export function useFamily(id: string) {
  return useRpcQuery('families.get', { id }, { dependsOn: FAMILY_PAGE });
}

/** Search as you type: each text has its own answer; the previous list stays up while the next one loads. */
export function useFamilySearch(query: string) {
  const searching = query.trim() !== '';
  // The previous list stays while typing on or deleting back, never for a new text after an empty field.
  const related = (previous: unknown) => {
    const before = (previous as { query: string }).query.trim().toLowerCase();
    const now = query.trim().toLowerCase();
    return before !== '' && (now.startsWith(before) || before.startsWith(now));
  };
  const result = useRpcQuery('families.search', { query, limit: 20 }, { dependsOn: FAMILY_HITS, enabled: searching, keepPrevious: related });
  return { hits: searching ? (result.data?.items ?? null) : null, error: searching ? result.error : null };
}

/** Families that look like the one being registered; `null` probe = not enough typed yet. */
export function useDuplicates(probe: MethodInput<'families.duplicates'> | null) {
  const result = useRpcQuery('families.duplicates', probe ?? { displayName: '', members: [] }, { dependsOn: FAMILY_HITS, enabled: probe !== null, keepPrevious: true });
  return probe === null ? [] : (result.data?.items ?? []);
}
