/**
 * A worker thread for the long reads of the database file, on a connection of
 * its own, so the core keeps answering meanwhile (SQLite in WAL mode lets a
 * reader work beside the writer): a consistent copy (backups, rekeying) and
 * the page check in one worker; reports and exports (read jobs) in another,
 * so neither waits for the other. Keys arrive as transferred bytes and are
 * zeroed after each job.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runFileJob, type FileJob } from './file-job';
import { runReadJob, type ReadJob } from './read-job';

const nativeBinding = (workerData as { nativeBinding?: string } | undefined)?.nativeBinding;

// Read jobs one after another: each holds one snapshot (a read transaction) on the shared connection.
let reading: Promise<unknown> = Promise.resolve();

parentPort?.on('message', (job: FileJob | ReadJob) => {
  if (job.kind === 'read') reading = reading.then(() => runReadJob(job, nativeBinding).then((result) => parentPort?.postMessage(result)));
  else parentPort?.postMessage(runFileJob(job, nativeBinding));
});
