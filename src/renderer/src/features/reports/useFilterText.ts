import type { ReportFilters } from '../../../../shared/rpc/areas/reports';
import { useRpcQuery } from '../../data/useRpcQuery';
import { useT } from '../../i18n/useT';
import { useCan } from '../../session/useCan';
import { useDistricts } from '../districts/queries';

/** The filters a report was made with, in words for the printed sheet ("" when none is set). */
export function useFilterText(filters: ReportFilters): string {
  const { t } = useT();
  const districts = useDistricts(true).data?.items ?? [];
  const mayListStaff = useCan('users.list');
  const users = useRpcQuery('users.list', { includeInactive: true }, { dependsOn: ['user'], enabled: mayListStaff }).data?.items ?? [];
  const parts: string[] = [];
  if (filters.fieldOfAction) parts.push(String(t(`lists:fieldOfAction.${filters.fieldOfAction}`)));
  if (filters.eventType) parts.push(`${t('reports:filters.eventType')}: ${t(`lists:eventType.${filters.eventType}`)}`);
  if (filters.districtId) parts.push(`${t('reports:filters.district')}: ${districts.find((d) => d.id === filters.districtId)?.name ?? '?'}`);
  if (filters.language) parts.push(`${t('reports:filters.language')}: ${t(`lists:language.${filters.language}`)}`);
  if (filters.staffId) parts.push(`${t('reports:filters.staff')}: ${users.find((u) => u.id === filters.staffId)?.displayName ?? '?'}`);
  return parts.join(' · ');
}
