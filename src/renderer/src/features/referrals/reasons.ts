import type { MatchReason } from '../../../../shared/rpc/areas/referrals';
import type { Translate } from '../../forms/validate';
import { formatDate } from '../../i18n';

/** A weekday 1–7 from Monday, named in the UI language (1 January 2024 was a Monday). */
export function weekdayName(language: string, weekday: number, style: 'long' | 'short' = 'long'): string {
  return formatDate(language, new Date(2024, 0, weekday), { weekday: style });
}

/** One reason of a suggestion in words, e.g. "speaks Tigrinya (native)". */
export function reasonText(t: Translate, language: string, reason: MatchReason): string {
  const p = reason.params;
  switch (reason.code) {
    case 'speaks':
      return String(t('volunteering:match.reasons.speaks', { language: t(`lists:language.${String(p.language)}`), level: t(`lists:languageLevel.${String(p.level)}`) }));
    case 'no_language':
      return String(t('volunteering:match.reasons.no_language', { language: t(`lists:language.${String(p.language)}`) }));
    case 'available':
      return String(t('volunteering:match.reasons.available', { weekday: weekdayName(language, Number(p.weekday)), from: p.from, to: p.to }));
    case 'not_available':
      return String(t('volunteering:match.reasons.not_available', { weekday: weekdayName(language, Number(p.weekday)) }));
    case 'recent_assignments':
      return String(t('volunteering:match.reasons.recent_assignments', { count: Number(p.count) }));
    default:
      return String(t(`volunteering:match.reasons.${reason.code}`));
  }
}
