import type { Referral } from '../../../../shared/rpc/areas/referrals';
import { formatDate } from '../../i18n';

/** An appointment as staff read it: weekday, date and time, and how long. */
export function appointmentText(language: string, referral: Pick<Referral, 'appointmentAt' | 'durationMin'>, withDuration = true): string {
  const start = new Date(referral.appointmentAt);
  const when = formatDate(language, start, { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  return withDuration ? `${when} (${referral.durationMin} min)` : when;
}
