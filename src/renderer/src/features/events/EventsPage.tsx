import type { AreaLocation, EventsView } from '../../app/areas';
import { useNavigation } from '../../app/navigation';
import { CounterScreen } from './CounterScreen';
import { EventCalendar } from './EventCalendar';
import { EventDetail } from './EventDetail';

/** The events area: the calendar, one event with its registrations, and its counter. */
export function EventsPage({ location }: { location: AreaLocation<'events'> }) {
  const { navigate } = useNavigation();
  const go = (view: EventsView) => navigate({ area: 'events', view });
  const { view } = location;
  if (view.startsWith('counter/')) {
    const id = view.slice('counter/'.length);
    return <CounterScreen key={id} eventId={id} onClose={() => go(`event/${id}`)} />;
  }
  if (view.startsWith('event/')) {
    const id = view.slice('event/'.length);
    return <EventDetail key={id} id={id} onBack={() => go('calendar')} onOpen={(other) => go(`event/${other}`)} onCounter={() => go(`counter/${id}`)} />;
  }
  return <EventCalendar onOpen={(id) => go(`event/${id}`)} />;
}
