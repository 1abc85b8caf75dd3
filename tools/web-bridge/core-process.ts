import { fork, type ChildProcess } from 'node:child_process';
import type { RpcResult } from '../../src/shared/errors';
import { CoreChannel, type CoreToHost } from '../../src/shared/rpc/channel';

/**
 * Runs the built core entry (out/main/core.js) in a Node child process, the
 * way Electron's main runs it in a utilityProcess, and restarts it if it dies.
 */
export class ForkedCore {
  private child: ChildProcess | null = null;
  private ready: Promise<void> = Promise.resolve();
  private stopping = false;
  private readonly channel: CoreChannel;

  constructor(
    private readonly entry: string,
    private readonly env: Record<string, string>,
    private readonly onEvent: (event: string, payload?: unknown) => void,
  ) {
    this.channel = new CoreChannel(
      (message) => {
        if (!this.child?.connected) throw new Error('core not connected');
        this.child.send(message);
      },
      onEvent,
    );
  }

  start(): Promise<void> {
    const child = fork(this.entry, [], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.child = child;
    const started = new Promise<void>((resolve, reject) => {
      child.on('message', (message: CoreToHost) => {
        if (message?.type === 'ready') resolve();
        this.channel.receive(message);
      });
      child.once('exit', (code) => reject(new Error(`core exited with ${code}`)));
    });
    this.ready = started;
    child.on('exit', () => {
      if (this.child === child) this.child = null;
      this.channel.failAll();
      if (this.stopping) return;
      this.onEvent('core-restarted');
      // Calls made meanwhile wait for the new process instead of failing.
      this.ready = new Promise((resolve) => setTimeout(() => void this.start().then(resolve, resolve), 300));
    });
    return started;
  }

  async call(method: string, input: unknown): Promise<RpcResult<unknown>> {
    await this.ready.catch(() => {});
    return this.channel.call(method, input);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Asks the core to close its files and waits until it has (killed after 10 s), so its folder can go. */
  stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null) return Promise.resolve();
    return new Promise((done) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
      });
      child.kill('SIGTERM');
    });
  }
}
