/**
 * Entry of the core process. Electron starts it with utilityProcess.fork
 * (messages over process.parentPort); the test bridge starts it with
 * child_process.fork (messages over process.send). Plain Node either way.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoreToHost, HostToCore } from '../../shared/rpc/channel';
import { createCore } from './core';

interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;

function send(message: CoreToHost): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

function onMessage(listener: (message: HostToCore) => void): void {
  if (parentPort) parentPort.on('message', (event) => listener(event.data as HostToCore));
  else process.on('message', (message) => listener(message as HostToCore));
}

async function main(): Promise<void> {
  const dataDir = process.env.M3_DATA_DIR || join(tmpdir(), 'm3desk');
  const core = await createCore({ dataDir });
  core.onEvent((event, payload) => send({ type: 'event', event, payload }));
  onMessage((message) => {
    if (message?.type !== 'call') return;
    void core.call(message.method, message.input).then((result) => send({ type: 'result', id: message.id, result }));
  });
  const shutdown = () => void core.close().finally(() => process.exit(0));
  process.on('SIGTERM', shutdown);
  process.on('disconnect', shutdown);
  send({ type: 'ready' });
}

void main().catch(() => {
  // Nothing personal is known yet; the host sees the exit and reports it.
  process.exit(70);
});
