import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../log';
import type { ReadTask } from '../../reports/tasks';
import { runFileJob, type FileJob, type FileJobResult } from './file-job';
import { runReadJob, type ReadJob, type ReadJobResult } from './read-job';

type AnyJob = FileJob | ReadJob;
type AnyResult = FileJobResult | ReadJobResult;
type NewJob = AnyJob extends infer J ? (J extends AnyJob ? Omit<J, 'id'> : never) : never;

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

/** The worker scripts: copies and checks, and reports (each bundled under its own name). */
const SCRIPTS = { files: { bundled: 'sqlite-worker.js', source: 'file-worker.ts' }, reads: { bundled: 'report-worker.js', source: 'report-worker.ts' } } as const;
export type WorkerKind = keyof typeof SCRIPTS;

/**
 * Where a worker's script is: next to the bundle (out/main/core.js,
 * out/tools/bench.js; Electron loads worker scripts from its asar since
 * version 17), or the TypeScript source under tsx and vitest.
 */
function workerScript(kind: WorkerKind): { script: string; eval: boolean } | null {
  // A worker thread cannot load its script from inside an asar archive: installers unpack it (electron-builder.yml).
  const bundled = join(__dirname, SCRIPTS[kind].bundled).replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  if (existsSync(bundled)) return { script: bundled, eval: false };
  // From the sources (tests, the bridge under tsx): tsx compiles the worker's TypeScript.
  const source = join(__dirname, SCRIPTS[kind].source);
  if (existsSync(source)) return { script: `require('tsx/cjs'); require(${JSON.stringify(source)});`, eval: true };
  return null;
}

/**
 * Runs file jobs in one worker thread, started on first use (copies and
 * checks one at a time; read jobs may overlap, each awaiting its own reads).
 * Where no worker can start, a job runs in the calling thread instead (it
 * then blocks, but still works).
 */
export class FileJobs {
  private worker: Worker | null = null;
  private nextId = 1;
  /** Each job's answer, with the worker it went to: a worker that dies fails only its own jobs. */
  private readonly pending = new Map<number, { worker: Worker; resolve: (result: AnyResult) => void }>();

  private warned = false;
  private closed = false;

  constructor(
    private readonly nativeBinding?: string,
    private readonly log?: Logger,
    private readonly kind: WorkerKind = 'files',
  ) {}

  check(file: string, key: Buffer): Promise<boolean> {
    return this.run({ kind: 'check', file, key: Uint8Array.from(key) }).then((r) => r.ok && 'intact' in r && r.intact === true);
  }

  async copy(file: string, key: Buffer, target: string, copyKey: Buffer): Promise<void> {
    await this.run({ kind: 'copy', file, key: Uint8Array.from(key), target, copyKey: Uint8Array.from(copyKey) });
  }

  /** A report's or export's read (a task the reports register) on the worker's read-only connection. */
  async read<T>(file: string, key: Buffer, task: ReadTask, input: unknown): Promise<T> {
    const result = (await this.run({ kind: 'read', file, key: Uint8Array.from(key), task, input })) as ReadJobResult & { ok: true };
    return result.value as T;
  }

  /** Ends the worker and its connection; a running job fails, and the next job starts a new worker. */
  async reset(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  /** Ends the worker; its running job fails at once, and no new job starts. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private async run(job: NewJob): Promise<AnyResult & { ok: true }> {
    if (this.closed) throw new FileJobError('Closed');
    const full = { ...job, id: this.nextId++ } as AnyJob;
    const worker = this.start();
    const result = worker ? await this.send(worker, full) : await this.inline(full);
    if (!result.ok) throw new FileJobError(result.name, result.code);
    return result;
  }

  private start(): Worker | null {
    if (this.worker) return this.worker;
    const script = workerScript(this.kind);
    if (!script) return null;
    const worker = new Worker(script.script, { eval: script.eval, workerData: { nativeBinding: this.nativeBinding } });
    // Never keeps the process alive on its own; a worker that dies fails its job instead of hanging it.
    worker.unref();
    worker.on('message', (result: AnyResult) => {
      this.pending.get(result.id)?.resolve(result);
      this.pending.delete(result.id);
    });
    const failAll = () => {
      if (this.worker === worker) this.worker = null;
      for (const [id, job] of this.pending) {
        if (job.worker !== worker) continue;
        job.resolve({ id, ok: false, name: 'WorkerExit' });
        this.pending.delete(id);
      }
    };
    worker.on('error', failAll);
    worker.on('exit', failAll);
    this.worker = worker;
    return worker;
  }

  private send(worker: Worker, job: AnyJob): Promise<AnyResult> {
    return new Promise((resolve) => {
      this.pending.set(job.id, { worker, resolve });
      // The keys' bytes move to the worker (transferred, not copied): nothing of them stays here.
      worker.postMessage(job, job.kind === 'copy' ? [job.key.buffer as ArrayBuffer, job.copyKey.buffer as ArrayBuffer] : [job.key.buffer as ArrayBuffer]);
    });
  }

  private inline(job: AnyJob): AnyResult | Promise<AnyResult> {
    if (!this.warned) {
      // Works, but blocks every call while it runs: worth a line in the log.
      this.warned = true;
      this.log?.info('file_worker_inline');
    }
    // A report in the calling thread keeps no connection and no reads between jobs (they would outlive a lock).
    if (job.kind === 'read') return runReadJob({ ...job, input: { ...(job.input as object), version: undefined } }, this.nativeBinding, { keep: false });
    return runFileJob(job, this.nativeBinding);
  }
}
