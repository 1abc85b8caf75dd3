import { useEffect, useState } from 'react';
import type { ReportFilters } from '../../../../shared/rpc/areas/reports';
import { useSession } from '../../session/SessionContext';
import { presetPeriod, type PeriodPreset } from './period';

/** The period as the picker holds it: a day may be half typed (null) while the preset says which one was chosen. */
export interface PeriodChoice {
  preset: PeriodPreset;
  from: string | null;
  to: string | null;
}

export const choiceOf = (preset: Exclude<PeriodPreset, 'custom'>): PeriodChoice => ({ preset, ...presetPeriod(preset) });

export interface ReachState {
  period: PeriodChoice;
  filters: ReportFilters;
}

type Views = { reach: ReachState; central: PeriodChoice };

/** Kept while the app runs: back from a family opened in a drill-down, the report is where it was — for the same person only. */
const remembered: { userId: string | undefined; views: Partial<Views> } = { userId: undefined, views: {} };

export function useRememberedState<K extends keyof Views>(view: K, initial: () => Views[K]) {
  const userId = useSession().status.user?.id;
  const [state, setState] = useState<Views[K]>(() => (remembered.userId === userId ? (remembered.views[view] as Views[K] | undefined) : undefined) ?? initial());
  useEffect(() => {
    if (remembered.userId !== userId) {
      remembered.userId = userId;
      remembered.views = {};
    }
    remembered.views[view] = state;
  }, [userId, view, state]);
  return [state, setState] as const;
}
