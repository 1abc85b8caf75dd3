import type { UtilityProcess } from 'electron';
import { utilityProcess } from 'electron';
import type { RpcResult } from '../shared/errors';
import type { CoreToHost, HostToCore } from '../shared/rpc/channel';
import { CoreChannel } from '../shared/rpc/channel';

export interface CoreHostOptions {
  entry: string;
  /** Read at each (re)start: a restarted core gets the newest values (the audit anchor). */
  env: () => Record<string, string>;
  onEvent: (event: string, payload?: unknown) => void;
}

/**
 * Runs the core in an Electron utilityProcess (never on the main thread) and
 * restarts it when it dies. A restart loses the session, so the UI is told
 * (`core-restarted`) and shows the lock screen with a message.
 */
export class CoreHost {
  private child: UtilityProcess | null = null;
  private ready: Promise<void> = Promise.resolve();
  private stopping = false;
  private readonly recentCrashes: number[] = [];
  private readonly channel: CoreChannel;

  constructor(private readonly options: CoreHostOptions) {
    this.channel = new CoreChannel(
      (message) => this.child?.postMessage(message),
      (event, payload) => options.onEvent(event, payload),
    );
  }

  start(): Promise<void> {
    const child = utilityProcess.fork(this.options.entry, [], {
      serviceName: 'M3 Desk core',
      env: { ...process.env, ...this.options.env() },
      stdio: 'ignore',
    });
    this.child = child;
    const started = new Promise<void>((resolve) => {
      const onReady = (message: CoreToHost) => {
        if (message?.type === 'ready') resolve();
      };
      child.on('message', onReady);
    });
    this.ready = started;
    child.on('message', (message: CoreToHost) => this.channel.receive(message));
    child.on('exit', () => {
      if (this.child === child) this.child = null;
      this.channel.failAll();
      if (this.stopping) return;
      this.options.onEvent('core-restarted');
      // Calls made meanwhile wait for the new process instead of failing.
      this.ready = new Promise((resolve) => this.scheduleRestart(resolve));
    });
    return started;
  }

  async call(method: string, input: unknown): Promise<RpcResult<unknown>> {
    await this.ready;
    return this.channel.call(method, input);
  }

  /**
   * Asks the core to close the database and exit (so the next start needs no
   * page check), and kills it only if it has not gone after `graceMs`.
   */
  stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill(), graceMs);
      // Quitting never hangs on a core that neither exits nor dies.
      const giveUp = setTimeout(resolve, graceMs + 2_000);
      child.once('exit', () => {
        clearTimeout(timer);
        clearTimeout(giveUp);
        resolve();
      });
      child.postMessage({ type: 'shutdown' } satisfies HostToCore);
    });
  }

  private scheduleRestart(onStarted: () => void): void {
    const now = Date.now();
    this.recentCrashes.push(now);
    while (this.recentCrashes.length > 0 && now - (this.recentCrashes[0] ?? now) > 60_000) this.recentCrashes.shift();
    // Back off when it keeps dying, so a broken install does not spin the CPU.
    const delay = Math.min(500 * 2 ** (this.recentCrashes.length - 1), 30_000);
    setTimeout(() => {
      if (!this.stopping) void this.start().then(onStarted);
    }, delay);
  }
}
