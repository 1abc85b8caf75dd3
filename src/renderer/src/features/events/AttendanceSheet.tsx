import type { Attendee, Counts, Event } from '../../../../shared/rpc/areas/events';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import classes from './AttendanceSheet.module.css';

/**
 * The attendance list (Teilnehmerliste) to print: the event, who came with a
 * column to sign, who must not be photographed, anonymous walk-ins as counts,
 * and the project's name with the funding line for the funder.
 */
export function AttendanceSheet({ event, attendees, counts, officeName, projectName, fundingLine }: { event: Event; attendees: readonly Attendee[]; counts: Counts; officeName: string; projectName: string; fundingLine: string }) {
  const { t, i18n } = useT();
  const c = (key: 'number' | 'lastName' | 'firstName' | 'photo' | 'arrived' | 'left' | 'signature') => t(`events:attendance.columns.${key}`);
  const time = (iso: string | null) => (iso ? formatDate(i18n.language, new Date(iso), { hour: '2-digit', minute: '2-digit' }) : '');
  return (
    <div className={classes.sheet} data-testid="attendance-sheet">
      <h1 className={classes.title}>
        {t('events:attendance.title')}: {event.title}
      </h1>
      <p className={classes.project}>
        {projectName} · {officeName}
      </p>
      <p className={classes.meta}>
        {t('events:attendance.type')}: {t(`lists:eventType.${event.type}`)} · {t('events:attendance.field')}: {t(`lists:fieldOfAction.${event.fieldOfAction as 1 | 2 | 3}`)}
        <br />
        {t('events:attendance.date')}: {formatDate(i18n.language, new Date(`${event.date}T12:00:00`), { dateStyle: 'full' })} · {t('events:attendance.time')}: {event.start}–{event.end} · {t('events:attendance.place')}: {event.place}
        {event.hosts && (
          <>
            <br />
            {t('events:attendance.hosts')}: {event.hosts}
          </>
        )}
      </p>
      <table className={classes.table}>
        <thead>
          <tr>
            <th>{c('number')}</th>
            <th>{c('lastName')}</th>
            <th>{c('firstName')}</th>
            <th>{c('photo')}</th>
            <th>{c('arrived')}</th>
            <th>{c('left')}</th>
            <th className={classes.signature}>{c('signature')}</th>
          </tr>
        </thead>
        <tbody>
          {attendees.map((a, i) => (
            <tr key={a.personId}>
              <td>{i + 1}</td>
              <td>{a.lastName}</td>
              <td>{a.firstName}</td>
              <td className={a.photoConsent ? undefined : classes.noPhoto}>{a.photoConsent ? t('events:attendance.yes') : `✗ ${t('events:attendance.noPhoto')}`}</td>
              <td>{time(a.at)}</td>
              <td>{time(a.checkedOutAt)}</td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('events:attendance.anonymous', { adults: counts.anonymous.adults, children: counts.anonymous.children })}</p>
      <p className={classes.funding}>{fundingLine}</p>
    </div>
  );
}
