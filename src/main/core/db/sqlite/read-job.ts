import type { Kysely } from 'kysely';
import { READ_TASKS, type ReadTask } from '../../reports/tasks';
import type { DB } from '../schema';
import { createKysely } from './kysely';
import { openDatabase, type RawDatabase } from './open';

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
let reader: { file: string; raw: RawDatabase; db: Kysely<DB> } | null = null;

function connection(file: string, key: Buffer, nativeBinding?: string) {
  if (reader?.file === file && reader.raw.open) return reader.db;
  const raw = openDatabase(file, { key, readonly: true, mustExist: true, nativeBinding, cacheKiB: 65536 });
  reader = { file, raw, db: createKysely(raw) };
  return reader.db;
}

/**
 * One long read (a report, a drill-down, an export's data) on the reader's
 * connection, by the name of a task the reports register: only data crosses
 * back, never a connection. The key is zeroed before it returns.
 */
export async function runReadJob(job: ReadJob, nativeBinding?: string): Promise<ReadJobResult> {
  const key = Buffer.from(job.key);
  try {
    const db = connection(job.file, key, nativeBinding);
    return { id: job.id, ok: true, value: await READ_TASKS[job.task](db, job.input as never) };
  } catch (error) {
    const e = error as { name?: string; code?: string; kind?: string };
    return { id: job.id, ok: false, name: e.name ?? 'Error', code: e.code ?? e.kind };
  } finally {
    key.fill(0);
    job.key.fill(0);
  }
}
