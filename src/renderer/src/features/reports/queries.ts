import type { Figure, ReportFilters } from '../../../../shared/rpc/areas/reports';
import type { Dependency } from '../../data/entities';
import { useRpcQuery } from '../../data/useRpcQuery';
import type { Period } from './period';

/** What the report counts: any change to these can change a figure. */
const REPORT_SOURCES: readonly Dependency[] = ['family', 'member', 'consent', 'contact', 'district', 'event', 'registration', 'checkin', 'volunteer', 'referral', 'engagement'];

/** The reach report; the last answer stays on screen while a new period or filter is computed. */
export function useReach(period: Period | null, filters: ReportFilters) {
  return useRpcQuery('reports.reach', { from: period?.from ?? '', to: period?.to ?? '', filters }, { dependsOn: REPORT_SOURCES, enabled: period !== null, keepPrevious: true });
}

/** What one figure counts (an audited read: asked again each time it opens). */
export function useDrill(period: Period, filters: ReportFilters, figure: Figure | null) {
  return useRpcQuery('reports.drill', { ...period, filters, figure: figure ?? { table: 'summary', row: 'families' } }, { dependsOn: REPORT_SOURCES, enabled: figure !== null });
}

/** Exactly what a central package of the period would hold; its threshold, key and recipient are settings. */
export function useExportPreview(period: Period | null) {
  return useRpcQuery('export.preview', { from: period?.from ?? '', to: period?.to ?? '' }, { dependsOn: [...REPORT_SOURCES, 'settings'], enabled: period !== null });
}

export function useExportList() {
  return useRpcQuery('export.list', {}, { dependsOn: ['export', 'user'] });
}
