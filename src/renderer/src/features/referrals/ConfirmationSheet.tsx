import ar from '../../../../../locales/ar/appointment.json';
import de from '../../../../../locales/de/appointment.json';
import en from '../../../../../locales/en/appointment.json';
import ru from '../../../../../locales/ru/appointment.json';
import tr from '../../../../../locales/tr/appointment.json';
import uk from '../../../../../locales/uk/appointment.json';
import type { DocumentLanguage } from '../../../../shared/domain/lists';
import type { ReferralSheet } from '../../../../shared/rpc/areas/referrals';
import { formatDate } from '../../i18n';
import classes from './Sheets.module.css';

/** The confirmation's texts for families (locales/<lng>/appointment.json), in every language documents exist in. */
const TEXTS: Record<DocumentLanguage, typeof de> = { de, en, tr, ar, ru, uk };

/**
 * The appointment confirmation for the family: German and, beside it, the
 * family's language where the text exists (Arabic right to left). Date and
 * time are written the way each language writes them.
 */
export function ConfirmationSheet({ sheet }: { sheet: ReferralSheet }) {
  const languages: DocumentLanguage[] = sheet.familyLanguage ? ['de', sheet.familyLanguage] : ['de'];
  const start = new Date(sheet.appointmentAt);
  const end = new Date(start.getTime() + sheet.durationMin * 60_000);
  const column = (lng: DocumentLanguage) => {
    const x = TEXTS[lng];
    // Latin digits in Arabic too: the date must match the German column at a glance.
    const locale = lng === 'ar' ? 'ar-u-nu-latn' : lng;
    const time = (d: Date) => formatDate(locale, d, { hour: '2-digit', minute: '2-digit' });
    return (
      <div key={lng} lang={lng} dir={lng === 'ar' ? 'rtl' : 'ltr'}>
        <h1 className={classes.title}>{x.title}</h1>
        <p>{x.intro}</p>
        <table className={classes.facts}>
          <tbody>
            <tr>
              <th>{x.date}</th>
              <td>{formatDate(locale, start, { dateStyle: 'full' })}</td>
            </tr>
            <tr>
              <th>{x.time}</th>
              <td>
                {time(start)}–{time(end)}
              </td>
            </tr>
            <tr>
              <th>{x.place}</th>
              <td>{sheet.place}</td>
            </tr>
            {sheet.volunteerFirstName && (
              <tr>
                <th>{x.with}</th>
                <td>{sheet.volunteerFirstName}</td>
              </tr>
            )}
          </tbody>
        </table>
        <p>{x.support[sheet.kind].replace('{{service}}', sheet.externalService ?? '')}</p>
        <p>{x.cancel}</p>
        <p className={classes.foot}>
          {x.office}: {sheet.officeName}
          {sheet.officeContact && ` · ${sheet.officeContact}`}
        </p>
      </div>
    );
  };
  return (
    <div className={classes.sheet} data-testid="confirmation-sheet">
      <div className={languages.length > 1 ? classes.columns : undefined}>{languages.map(column)}</div>
    </div>
  );
}
