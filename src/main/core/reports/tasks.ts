/**
 * The long reads reports and exports run off the core's connection: by name,
 * so a worker thread can run them on its own read-only connection (SQLite)
 * and only plain data crosses back. Each takes the database and its input.
 */
import type { Figure, ReportFilters } from '../../../shared/rpc/areas/reports';
import type { Db } from '../db/schema';
import { drillFigure } from './drill';
import { exportData } from './export-data';
import { reachFromParts, partsAnswer } from './parts';
import { periodOf } from './period';
import { computeReach } from './reach';
import type { ReportReads } from './reads';

interface PeriodInput {
  from: string;
  to: string;
  filters: ReportFilters;
  /** The core's count of committed writes, where the reader may keep its last reads (see reach.ts). */
  version?: number;
  /** Who asks: the parts held in memory are each viewer's own (parts.ts). */
  viewer?: string;
}

/** Each task gets the database, its input and, where the dialect has them, its own large reads (reads.ts). */
export const READ_TASKS = {
  /** The report, and the parts it counted anew for the caller to store (parts.ts; none when a filter is set). */
  reach: async (db: Db, input: PeriodInput, reads?: ReportReads) => {
    if (partsAnswer(input.filters)) {
      const { report, fresh } = await reachFromParts(db, periodOf(input.from, input.to), input.filters.definition ?? 'background', undefined, input.viewer);
      return { report: { ...report, filters: input.filters }, fresh };
    }
    return { report: (await computeReach(db, input.from, input.to, input.filters, null, input.version, reads)).report, fresh: [] };
  },
  drill: (db: Db, input: PeriodInput & { figure: Figure }, reads?: ReportReads) => drillFigure(db, input.from, input.to, input.filters, input.figure, input.version, reads),
  exportData: (db: Db, input: { from: string; to: string; threshold: number; pseudonymKey: string | null; version?: number }, reads?: ReportReads) => exportData(db, input, reads),
};

export type ReadTask = keyof typeof READ_TASKS;
export type ReadInput<T extends ReadTask> = Parameters<(typeof READ_TASKS)[T]>[1];
export type ReadOutput<T extends ReadTask> = Awaited<ReturnType<(typeof READ_TASKS)[T]>>;
