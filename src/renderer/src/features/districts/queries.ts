import { useRpcQuery } from '../../data/useRpcQuery';

/** The district list: active ones for intake, all for the administration. */
export function useDistricts(includeInactive = false) {
  return useRpcQuery('districts.list', { includeInactive }, { dependsOn: ['district'] });
}
