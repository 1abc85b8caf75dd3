import type { Settings } from '../../../../shared/rpc/areas/settings';
import type { Volunteer } from '../../../../shared/rpc/areas/volunteers';
import { formatDate, formatNumber } from '../../i18n';
import { useT } from '../../i18n/useT';
import classes from '../referrals/Sheets.module.css';

/**
 * The certificate of engagement (Ehrenamtsnachweis): who, in which roles,
 * the trainings attended and the hours given in a period, with the office,
 * the project's name and the funding line, and room to sign.
 */
export function CertificateSheet({ volunteer, from, to, hours, settings }: { volunteer: Volunteer; from: string; to: string; hours: { hours: number; assignments: number } | null; settings: Settings }) {
  const { t, i18n } = useT();
  const day = (iso: string) => formatDate(i18n.language, new Date(`${iso}T12:00:00`));
  return (
    <div className={classes.sheet} data-testid="certificate-sheet">
      <h1 className={classes.title}>{t('volunteering:certificate.title')}</h1>
      <p>
        {t('volunteering:certificate.intro', { name: `${volunteer.firstName} ${volunteer.lastName}`, office: settings.officeName, project: settings.projectName })}
      </p>
      <p>
        {t('volunteering:certificate.roles')}: {volunteer.roles.map((r) => t(`lists:volunteerRole.${r}`)).join(', ')}
      </p>
      <p>
        {t('volunteering:certificate.hours', {
          from: day(from),
          to: day(to),
          hours: formatNumber(i18n.language, hours?.hours ?? 0),
          count: hours?.assignments ?? 0,
        })}
      </p>
      {volunteer.trainings.length > 0 && (
        <>
          <h2 className={classes.title} style={{ fontSize: '12pt' }}>
            {t('volunteering:certificate.trainings')}
          </h2>
          <table className={classes.facts}>
            <tbody>
              {volunteer.trainings.map((tr) => (
                <tr key={tr.id}>
                  <th>{day(tr.date)}</th>
                  <td>
                    {tr.title} ({t('volunteering:certificate.trainingHours', { hours: formatNumber(i18n.language, tr.hours) })})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p>{t('volunteering:certificate.thanks')}</p>
      <div className={classes.signature}>
        <span>
          {settings.officeLocation ? `${settings.officeLocation}, ` : ''}
          {formatDate(i18n.language, new Date())}
        </span>
        <span>{t('volunteering:certificate.signature', { office: settings.officeName })}</span>
      </div>
      <p className={classes.foot}>
        {settings.projectName} · {settings.fundingLine}
      </p>
    </div>
  );
}
