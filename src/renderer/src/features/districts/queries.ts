import { useMemo } from 'react';
import { useRpcQuery } from '../../data/useRpcQuery';

/** The district list: active ones for intake, all for the administration. */
export function useDistricts(includeInactive = false) {
  return useRpcQuery('districts.list', { includeInactive }, { dependsOn: ['district'] });
}

/** Active districts as select options (intake, Edit, the family list's filter). */
export function useDistrictOptions() {
  const districts = useDistricts().data?.items;
  return useMemo(() => (districts ?? []).map((d) => ({ value: d.id, label: d.name })), [districts]);
}
