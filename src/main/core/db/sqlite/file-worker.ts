/**
 * A worker thread for the long reads of the database file — a consistent copy
 * (backups, rekeying) and the page check — on a connection of its own, so the
 * core keeps answering meanwhile (SQLite in WAL mode lets a reader work beside
 * the writer). Keys arrive as bytes and are zeroed after each job.
 */
import { chmodSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { copyEncrypted, openDatabase, rekeyFile } from './open';
import type { FileJob, FileJobResult } from './file-jobs';

const nativeBinding = (workerData as { nativeBinding?: string } | undefined)?.nativeBinding;

function run(job: FileJob): FileJobResult {
  const key = Buffer.from(job.key);
  const copyKey = job.kind === 'copy' ? Buffer.from(job.copyKey) : null;
  try {
    const db = openDatabase(job.file, { key, readonly: true, mustExist: true, nativeBinding, cacheKiB: 8192 });
    try {
      if (job.kind === 'check') return { id: job.id, ok: true, intact: db.pragma('quick_check', { simple: true }) === 'ok' };
      copyEncrypted(db, job.target);
    } finally {
      db.close();
    }
    chmodSync(job.target, 0o600);
    rekeyFile(job.target, key, copyKey!, nativeBinding);
    return { id: job.id, ok: true };
  } catch (error) {
    const e = error as { name?: string; code?: string; kind?: string };
    return { id: job.id, ok: false, name: e.name ?? 'Error', code: e.code ?? e.kind };
  } finally {
    key.fill(0);
    copyKey?.fill(0);
    job.key.fill(0);
    if (job.kind === 'copy') job.copyKey.fill(0);
  }
}

parentPort?.on('message', (job: FileJob) => parentPort?.postMessage(run(job)));
