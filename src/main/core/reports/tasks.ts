/**
 * The long reads reports and exports run off the core's connection: by name,
 * so a worker thread can run them on its own read-only connection (SQLite)
 * and only plain data crosses back. Each takes the database and its input.
 */
import type { Figure, ReportFilters } from '../../../shared/rpc/areas/reports';
import type { Db } from '../db/schema';
import { drillFigure } from './drill';
import { exportData } from './export-data';
import { computeReach } from './reach';

interface PeriodInput {
  from: string;
  to: string;
  filters: ReportFilters;
  /** The core's count of committed writes, where the reader may keep its last reads (see reach.ts). */
  version?: number;
}

export const READ_TASKS = {
  reach: async (db: Db, input: PeriodInput) => (await computeReach(db, input.from, input.to, input.filters, null, input.version)).report,
  drill: (db: Db, input: PeriodInput & { figure: Figure }) => drillFigure(db, input.from, input.to, input.filters, input.figure, input.version),
  exportData: (db: Db, input: { from: string; to: string; threshold: number; pseudonymKey: string | null; version?: number }) => exportData(db, input),
};

export type ReadTask = keyof typeof READ_TASKS;
export type ReadInput<T extends ReadTask> = Parameters<(typeof READ_TASKS)[T]>[1];
export type ReadOutput<T extends ReadTask> = Awaited<ReturnType<(typeof READ_TASKS)[T]>>;
