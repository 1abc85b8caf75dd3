/**
 * The reports' worker thread: reads for a report or an export on a read-only
 * connection of its own (read-job.ts), one job after another, each in one
 * snapshot. Keys arrive as transferred bytes and are zeroed after each job.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runReadJob, type ReadJob } from './read-job';

const nativeBinding = (workerData as { nativeBinding?: string } | undefined)?.nativeBinding;

let reading: Promise<unknown> = Promise.resolve();

parentPort?.on('message', (job: ReadJob) => {
  reading = reading
    .then(() => runReadJob(job, nativeBinding))
    .then((result) => parentPort?.postMessage(result))
    // A result that cannot be sent fails its job, never the ones after it.
    .catch(() => parentPort?.postMessage({ id: job.id, ok: false, name: 'ReadFailed' }));
});
