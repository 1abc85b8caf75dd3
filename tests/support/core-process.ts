import { fork, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { RpcResult } from '../../src/shared/errors';
import { CoreChannel, type CoreToHost } from '../../src/shared/rpc/channel';

const root = resolve(__dirname, '../..');

export interface CoreProcess {
  call(method: string, input?: unknown): Promise<RpcResult<unknown>>;
  ok<T = unknown>(method: string, input?: unknown): Promise<T>;
  /** Events the core sent to its host, in order. */
  events: { event: string; payload?: unknown }[];
  stop(): Promise<void>;
  /** Asks the core to close and exit, as Electron's main does at quit; resolves with the exit code. */
  shutdown(): Promise<number | null>;
  /** Kills the process without a chance to close anything (a crash, a power cut of the app). */
  kill(): Promise<void>;
}

/**
 * Starts a core in its own Node process over the IPC channel, as a host does:
 * `entry` is tests/support/core-child.ts (a second PC) or the app's own
 * src/main/core/process.ts.
 */
export async function startCoreProcess(entry: string, env: Record<string, string>): Promise<CoreProcess> {
  const child: ChildProcess = fork(join(root, entry), [], {
    cwd: root,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const events: CoreProcess['events'] = [];
  const channel = new CoreChannel((message) => child.send(message), (event, payload) => events.push({ event, payload }));
  await new Promise<void>((ready, failed) => {
    child.on('message', (message: CoreToHost) => {
      if (message?.type === 'ready') ready();
      channel.receive(message);
    });
    child.once('exit', (code) => failed(new Error(`core process exited with ${code}`)));
  });
  return {
    events,
    call: (method, input = {}) => channel.call(method, input),
    async ok(method, input = {}) {
      const result = await channel.call(method, input);
      if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
      return result.data as never;
    },
    shutdown: () =>
      new Promise((done) => {
        child.once('exit', (code) => done(code));
        child.send({ type: 'shutdown' });
      }),
    kill: () =>
      new Promise((done) => {
        child.once('exit', () => done());
        child.kill('SIGKILL');
      }),
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.disconnect();
      }),
  };
}
