/**
 * A core in its own process, as a second PC would run it: the test sends
 * calls over the IPC channel and gets the answers back. Its data folder and
 * database come from the environment (M3_DATA_DIR, M3_TEST_DATABASE as JSON).
 */
import { createCore } from '../../src/main/core/core';
import type { DatabaseConfig } from '../../src/main/core/db/dialect';
import { silentLogger } from '../../src/main/core/log';
import type { HostToCore } from '../../src/shared/rpc/channel';
import { FAST_KDF } from './kdf';

async function main(): Promise<void> {
  const database = JSON.parse(process.env.M3_TEST_DATABASE ?? '{"dialect":"sqlite"}') as DatabaseConfig;
  const core = await createCore({ dataDir: process.env.M3_DATA_DIR!, database, kdf: FAST_KDF, log: silentLogger });
  // Events go to the host as in the app (a screen's refresh after another PC's write).
  core.onEvent((event, payload) => process.send!({ type: 'event', event, payload }));
  process.on('message', (message: HostToCore) => {
    if (message?.type !== 'call') return;
    void core.call(message.method, message.input).then((result) => process.send!({ type: 'result', id: message.id, result }));
  });
  process.on('disconnect', () => void core.close().finally(() => process.exit(0)));
  process.send!({ type: 'ready' });
}

void main();
