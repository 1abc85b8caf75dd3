/**
 * Entry of the core process. Electron starts it with utilityProcess.fork
 * (messages over process.parentPort); the test bridge starts it with
 * child_process.fork (messages over process.send). Plain Node either way.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANCHOR_EVENT, anchorSchema, type Anchor, type CoreToHost, type HostToCore } from '../../shared/rpc/channel';
import { relayAnchorStore, type AnchorStore } from './audit/anchor';
import { createCore } from './core';
import { bootHub } from './hub/boot';
import { joinedHub, joinHub, JoinError } from './hub/join';

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

/** In the app, main keeps the audit anchor in the OS keystore: it comes in by env, each new one goes out as an event. */
function relayedAnchor(): AnchorStore | undefined {
  if (process.env.M3_AUDIT_ANCHOR_RELAY !== '1') return undefined;
  let initial: Anchor | null = null;
  try {
    const parsed = anchorSchema.safeParse(JSON.parse(process.env.M3_AUDIT_ANCHOR ?? 'null'));
    if (parsed.success) initial = parsed.data;
  } catch {
    // No readable anchor: the first unlock passes and writes a new one.
  }
  return relayAnchorStore(initial, (anchor) => send({ type: 'event', event: ANCHOR_EVENT, payload: anchor }));
}

async function main(): Promise<void> {
  const dataDir = process.env.M3_DATA_DIR || join(tmpdir(), 'm3desk');
  const anchor = relayedAnchor();
  // The test bridge (and anyone running several PCs on one machine) joins a hub with a join code.
  const joinCode = process.env.M3_JOIN_CODE;
  if (joinCode && !joinedHub(dataDir)) {
    try {
      await joinHub(dataDir, joinCode);
    } catch (error) {
      process.stderr.write(`M3 join failed: ${error instanceof JoinError ? error.reason : 'unexpected'}\n`);
      process.exit(71);
    }
  }
  // The hub PC starts its own hub first; a PC of the hub finds it by its hub.json.
  const { database, host } = await bootHub(dataDir, (reason) => process.stderr.write(`M3 hub did not start: ${reason}\n`));
  let shutdown = () => undefined as void;
  // After joining the office hub: the answer goes out, then the process ends and its host starts it on the hub.
  const restart = () => void setTimeout(() => shutdown(), 200);
  const core = await createCore({ dataDir, ...(database ? { database } : {}), ...(host ? { host } : {}), ...(anchor ? { anchor } : {}), restart });
  core.onEvent((event, payload) => send({ type: 'event', event, payload }));
  let closing: Promise<void> | null = null;
  // Once, whichever comes first (the message, SIGTERM, a lost channel); a failed close exits non-zero.
  shutdown = () => {
    closing ??= core.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  onMessage((message) => {
    // A message, not only a signal: on Windows a killed utility process gets no SIGTERM.
    if (message?.type === 'shutdown') return shutdown();
    if (message?.type !== 'call') return;
    void core.call(message.method, message.input).then((result) => send({ type: 'result', id: message.id, result }));
  });
  process.on('SIGTERM', shutdown);
  process.on('disconnect', shutdown);
  send({ type: 'ready' });
}

void main().catch(() => {
  // Nothing personal is known yet; the host sees the exit and reports it.
  process.exit(70);
});
