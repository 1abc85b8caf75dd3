import type { MethodInput } from '../../../../shared/rpc/contract';
import type { Dependency } from '../../data/entities';
import { useRpcQuery } from '../../data/useRpcQuery';

/** Case notes show their authors' names; break-glass readings change the day. */
const NOTES: readonly Dependency[] = ['note'];
const PLAN: readonly Dependency[] = ['plan'];
const DAY: readonly Dependency[] = ['note', 'plan', 'case', 'family', 'contact'];
const TIMELINE: readonly Dependency[] = ['note', 'plan', 'contact', 'consent'];

export const useNotes = (familyId: string) => useRpcQuery('notes.list', { familyId }, { dependsOn: NOTES });
export const useNote = (id: string | null) => useRpcQuery('notes.get', { id: id ?? '' }, { dependsOn: NOTES, enabled: id !== null });
export const useNoteHistory = (id: string | null) => useRpcQuery('notes.history', { id: id ?? '' }, { dependsOn: NOTES, enabled: id !== null });
export const usePlan = (familyId: string) => useRpcQuery('plans.get', { familyId }, { dependsOn: PLAN });
export const useToday = () => useRpcQuery('cases.today', {}, { dependsOn: DAY });
export const useCaseStaff = () => useRpcQuery('cases.staff', {}, { dependsOn: ['user'] });
export const useTimeline = (input: MethodInput<'timeline.list'>) => useRpcQuery('timeline.list', input, { dependsOn: TIMELINE, keepPrevious: true });
export const useNoteSearch = (query: string) =>
  useRpcQuery('notes.search', { query }, { dependsOn: NOTES, enabled: query.trim().length >= 2, keepPrevious: true });
