import type { Kysely } from 'kysely';
import type { ReportReads } from '../../reports/reads';
import { READ_TASKS, type ReadTask } from '../../reports/tasks';
import type { DB } from '../schema';
import { createKysely } from './kysely';
import { openDatabase, type RawDatabase } from './open';
import { sqliteReportReads } from './report-reads';

export interface ReadJob {
  id: number;
  kind: 'read';
  file: string;
  key: Uint8Array;
  task: ReadTask;
  input: unknown;
}
export type ReadJobResult = { id: number; ok: true; value: unknown } | { id: number; ok: false; name: string; code?: string };

/**
 * The reader's connection, kept open between reports so its page cache stays
 * warm (a year's report reads most of the file). Read-only: it can never
 * write, and in WAL mode it reads beside the core's writer without waiting.
 * The worker that holds it ends when the store closes (a lock), and the
 * connection with its key with it.
 */
let reader: { file: string; raw: RawDatabase; db: Kysely<DB>; reads: ReportReads } | null = null;

function connection(file: string, key: Buffer, nativeBinding?: string) {
  if (reader?.file === file && reader.raw.open) return reader;
  const raw = openDatabase(file, { key, readonly: true, mustExist: true, nativeBinding, cacheKiB: 65536 });
  const db = createKysely(raw);
  reader = { file, raw, db, reads: sqliteReportReads(raw, db) };
  return reader;
}

/**
 * One long read (a report, a drill-down, an export's data) on the reader's
 * connection, by the name of a task the reports register: only data crosses
 * back, never a connection. The key is zeroed before it returns.
 */
export async function runReadJob(job: ReadJob, nativeBinding?: string, options: { keep: boolean } = { keep: true }): Promise<ReadJobResult> {
  const key = Buffer.from(job.key);
  try {
    const { raw, db, reads } = connection(job.file, key, nativeBinding);
    // One snapshot for the whole task: every table of a report counts the same moment.
    raw.exec('BEGIN');
    try {
      return { id: job.id, ok: true, value: await READ_TASKS[job.task](db, job.input as never, reads) };
    } finally {
      if (raw.inTransaction) raw.exec('COMMIT');
    }
  } catch (error) {
    const e = error as { name?: string; code?: string; kind?: string };
    return { id: job.id, ok: false, name: e.name ?? 'Error', code: e.code ?? e.kind };
  } finally {
    key.fill(0);
    job.key.fill(0);
    // Without a worker thread the connection (and its key) must not outlive the job.
    if (!options.keep) closeReader();
  }
}

export function closeReader(): void {
  if (reader?.raw.open) reader.raw.close();
  reader = null;
}
