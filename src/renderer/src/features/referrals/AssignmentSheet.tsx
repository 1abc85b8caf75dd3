import type { ReferralSheet } from '../../../../shared/rpc/areas/referrals';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import classes from './Sheets.module.css';

/**
 * The assignment sheet (Einsatzblatt) for the volunteer: only what they need
 * — the contact's first name, language, date, time, place, purpose in one
 * line, the office's phone. The core sends nothing more (no family name, no
 * case notes, the address only for an appointment at home).
 */
export function AssignmentSheet({ sheet }: { sheet: ReferralSheet }) {
  const { t, i18n } = useT();
  const start = new Date(sheet.appointmentAt);
  const end = new Date(start.getTime() + sheet.durationMin * 60_000);
  const time = (d: Date) => formatDate(i18n.language, d, { hour: '2-digit', minute: '2-digit' });
  const purpose = [t(`lists:referralKind.${sheet.kind}`), sheet.externalService, t(`lists:referralReason.${sheet.reason}`)].filter(Boolean).join(' – ');
  return (
    <div className={classes.sheet} data-testid="assignment-sheet">
      <h1 className={classes.title}>{t('volunteering:sheet.title')}</h1>
      <table className={classes.facts}>
        <tbody>
          {sheet.volunteerFirstName && (
            <tr>
              <th>{t('volunteering:sheet.for')}</th>
              <td>
                {sheet.volunteerFirstName} {sheet.volunteerLastName}
              </td>
            </tr>
          )}
          <tr>
            <th>{t('volunteering:sheet.date')}</th>
            <td>{formatDate(i18n.language, start, { dateStyle: 'full' })}</td>
          </tr>
          <tr>
            <th>{t('volunteering:sheet.time')}</th>
            <td>
              {time(start)}–{time(end)}
            </td>
          </tr>
          <tr>
            <th>{t('volunteering:sheet.place')}</th>
            <td>
              {sheet.place}
              {sheet.address && (
                <>
                  <br />
                  {sheet.address}
                </>
              )}
            </td>
          </tr>
          <tr>
            <th>{t('volunteering:sheet.contact')}</th>
            <td>{sheet.contactFirstName}</td>
          </tr>
          {sheet.language && (
            <tr>
              <th>{t('volunteering:sheet.language')}</th>
              <td>{t(`lists:language.${sheet.language as 'de'}`)}</td>
            </tr>
          )}
          <tr>
            <th>{t('volunteering:sheet.purpose')}</th>
            <td>{purpose}</td>
          </tr>
        </tbody>
      </table>
      <p>{t('volunteering:sheet.confidential')}</p>
      <p className={classes.foot}>
        {sheet.officeName}
        {sheet.officeContact && ` · ${sheet.officeContact}`}
      </p>
    </div>
  );
}
