/**
 * A worker thread for the long reads of the database file, on a connection of
 * its own, so the core keeps answering meanwhile (SQLite in WAL mode lets a
 * reader work beside the writer): a consistent copy (backups, rekeying) and
 * the page check. Reports have a worker of their own (report-worker.ts), so
 * this one starts quickly and neither waits for the other. Keys arrive as
 * transferred bytes and are zeroed after each job.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runFileJob, type FileJob } from './file-job';

const nativeBinding = (workerData as { nativeBinding?: string } | undefined)?.nativeBinding;

parentPort?.on('message', (job: FileJob) => parentPort?.postMessage(runFileJob(job, nativeBinding)));
