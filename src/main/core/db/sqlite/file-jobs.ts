import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { copyEncrypted, openDatabase, rekeyFile } from './open';

export type FileJob =
  | { id: number; kind: 'check'; file: string; key: Uint8Array }
  | { id: number; kind: 'copy'; file: string; key: Uint8Array; target: string; copyKey: Uint8Array };
type NewJob = FileJob extends infer J ? (J extends FileJob ? Omit<J, 'id'> : never) : never;
export type FileJobResult = { id: number; ok: true; intact?: boolean } | { id: number; ok: false; name: string; code?: string };

/** A failed job, with the SQLite or file system code (a full disk stays recognisable). */
export class FileJobError extends Error {
  constructor(
    name: string,
    readonly code?: string,
  ) {
    super(code ?? name);
    this.name = name;
  }
}

/**
 * Where the worker's script is: next to the bundle (out/main/core.js,
 * out/tools/bench.js; Electron loads worker scripts from its asar since
 * version 17), or the TypeScript source under tsx and vitest.
 */
function workerScript(): { script: string; eval: boolean } | null {
  // A worker thread cannot load its script from inside an asar archive: installers unpack it (electron-builder.yml).
  const bundled = join(__dirname, 'sqlite-worker.js').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  if (existsSync(bundled)) return { script: bundled, eval: false };
  // From the sources (tests, the bridge under tsx): tsx compiles the worker's TypeScript.
  const source = join(__dirname, 'file-worker.ts');
  if (existsSync(source)) return { script: `require('tsx/cjs'); require(${JSON.stringify(source)});`, eval: true };
  return null;
}

/**
 * Runs file jobs in one worker thread, one at a time, started on first use.
 * Where no worker can start, a job runs in the calling thread instead (it
 * then blocks, but still works).
 */
export class FileJobs {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (result: FileJobResult) => void>();

  constructor(private readonly nativeBinding?: string) {}

  check(file: string, key: Buffer): Promise<boolean> {
    return this.run({ kind: 'check', file, key: Uint8Array.from(key) }).then((r) => r.ok && r.intact === true);
  }

  async copy(file: string, key: Buffer, target: string, copyKey: Buffer): Promise<void> {
    await this.run({ kind: 'copy', file, key: Uint8Array.from(key), target, copyKey: Uint8Array.from(copyKey) });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private async run(job: NewJob): Promise<FileJobResult & { ok: true }> {
    const full = { ...job, id: this.nextId++ } as FileJob;
    const worker = this.start();
    const result = worker ? await this.send(worker, full) : this.inline(full);
    if (!result.ok) throw new FileJobError(result.name, result.code);
    return result;
  }

  private start(): Worker | null {
    if (this.worker) return this.worker;
    const script = workerScript();
    if (!script) return null;
    const worker = new Worker(script.script, { eval: script.eval, workerData: { nativeBinding: this.nativeBinding } });
    // Never keeps the process alive on its own; a worker that dies fails its job instead of hanging it.
    worker.unref();
    worker.on('message', (result: FileJobResult) => {
      this.pending.get(result.id)?.(result);
      this.pending.delete(result.id);
    });
    const failAll = () => {
      if (this.worker === worker) this.worker = null;
      for (const [id, resolve] of this.pending) resolve({ id, ok: false, name: 'WorkerExit' });
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', failAll);
    this.worker = worker;
    return worker;
  }

  private send(worker: Worker, job: FileJob): Promise<FileJobResult> {
    return new Promise((resolve) => {
      this.pending.set(job.id, resolve);
      worker.postMessage(job);
      // The copies the message made of the keys are the worker's; ours go now.
      job.key.fill(0);
      if (job.kind === 'copy') job.copyKey.fill(0);
    });
  }

  private inline(job: FileJob): FileJobResult {
    const key = Buffer.from(job.key);
    try {
      const db = openDatabase(job.file, { key, readonly: true, mustExist: true, nativeBinding: this.nativeBinding });
      try {
        if (job.kind === 'check') return { id: job.id, ok: true, intact: db.pragma('quick_check', { simple: true }) === 'ok' };
        copyEncrypted(db, job.target);
      } finally {
        db.close();
      }
      chmodSync(job.target, 0o600);
      rekeyFile(job.target, key, Buffer.from(job.copyKey), this.nativeBinding);
      return { id: job.id, ok: true };
    } catch (error) {
      const e = error as { name?: string; code?: string };
      return { id: job.id, ok: false, name: e.name ?? 'Error', code: e.code };
    } finally {
      key.fill(0);
      job.key.fill(0);
      if (job.kind === 'copy') job.copyKey.fill(0);
    }
  }
}
