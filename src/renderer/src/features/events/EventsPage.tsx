import type { AreaLocation, EventsView } from '../../app/areas';
import { useNavigation } from '../../app/navigation';
import { useSession } from '../../session/SessionContext';
import { CounterScreen } from './CounterScreen';
import { EventCalendar } from './EventCalendar';
import { EventDetail } from './EventDetail';

/**
 * The events area: the calendar, one event with its registrations, and its
 * counter. A session without the office hub has only the counter.
 */
export function EventsPage({ location }: { location: AreaLocation<'events'> }) {
  const { navigate } = useNavigation();
  const withoutHub = useSession().status.offline === true;
  const go = (view: EventsView) => navigate({ area: 'events', view });
  const { view } = location;
  if (view.startsWith('counter/')) {
    const id = view.slice('counter/'.length);
    return <CounterScreen key={id} eventId={id} onClose={() => go(withoutHub ? 'calendar' : `event/${id}`)} />;
  }
  // Without the hub the shell lists the counters this PC can run (OfflineCounters): nothing else to show.
  if (withoutHub) return null;
  if (view.startsWith('event/')) {
    const id = view.slice('event/'.length);
    return <EventDetail key={id} id={id} onBack={() => go('calendar')} onOpen={(other) => go(`event/${other}`)} onCounter={() => go(`counter/${id}`)} />;
  }
  return <EventCalendar onOpen={(id) => go(`event/${id}`)} />;
}
