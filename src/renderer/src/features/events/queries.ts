import type { Dependency } from '../../data/entities';
import { useRpcQuery } from '../../data/useRpcQuery';

const EVENTS: readonly Dependency[] = ['event', 'registration', 'checkin'];
/** An event's page shows families' names and who of them is registered or in. */
const EVENT: readonly Dependency[] = ['event', 'registration', 'checkin', 'family', 'member'];
const COUNTER: readonly Dependency[] = ['checkin', 'registration', 'family', 'member', 'consent'];

export const useEventList = (from: string, to: string) => useRpcQuery('events.list', { from, to }, { dependsOn: EVENTS, keepPrevious: true });
export const useEvent = (id: string) => useRpcQuery('events.get', { id }, { dependsOn: EVENT });
/**
 * The events whose counter this PC can run without the office hub (asked only while it does not answer);
 * `follow`: asked again after each check-in (the list's counts) — not at the counter, whose counts come with each check-in.
 */
export const useOfflineEvents = (enabled: boolean, follow = true) => useRpcQuery('checkin.offlineEvents', {}, { dependsOn: follow ? COUNTER : [], enabled });
export const useAttendance = (eventId: string) => useRpcQuery('attendance.list', { eventId }, { dependsOn: COUNTER });
export const useCounterSearch = (eventId: string, query: string) =>
  useRpcQuery('checkin.search', { eventId, query }, { dependsOn: COUNTER, enabled: query.trim().length > 0, keepPrevious: (previous) => (previous as { query: string }).query.length > 0 && query.length > 0 });
