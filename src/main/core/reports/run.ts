import { DomainError } from '../../../shared/errors';
import type { Db } from '../db/schema';
import type { ReportReads } from './reads';
import type { CoreServices } from '../services';
import { READ_TASKS, type ReadInput, type ReadOutput, type ReadTask } from './tasks';

/**
 * Runs a report's reads off the core's connection: in the store's reader (a
 * worker thread with a read-only connection, SQLite) or, where the database
 * serves many connections (PostgreSQL), on the pool beside the other calls.
 */
export async function runRead<T extends ReadTask>(services: CoreServices, task: T, input: ReadInput<T>): Promise<ReadOutput<T>> {
  const store = services.state.store;
  if (!store) throw new DomainError('LOCKED');
  // The reader may keep its last reads while the core committed nothing since (this PC's file has no other writer).
  if (store.read) return store.read<ReadOutput<T>>(task, { ...input, version: services.state.dataVersion });
  const run = READ_TASKS[task] as (db: Db, input: ReadInput<T>, reads?: ReportReads) => Promise<ReadOutput<T>>;
  // One snapshot for the whole task on the hub too: every table counts the same moment.
  return store.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute((trx) => run(trx as unknown as Db, input));
}
