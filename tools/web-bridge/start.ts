/**
 * `npm run web`: the real core plus the built renderer on 127.0.0.1, for
 * development and the Playwright tests. Prints exactly one line when ready.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ForkedCore } from './core-process';
import { startBridge, type Bridge } from './server';

async function main(): Promise<void> {
  const root = resolve(__dirname, '../..');
  const dataDir = process.env.M3_DATA_DIR || mkdtempSync(join(tmpdir(), 'm3-web-'));
  const port = Number(process.env.M3_WEB_PORT ?? 5180);
  let bridge: Bridge | null = null;
  const core = new ForkedCore(join(root, 'out/main/core.js'), { M3_DATA_DIR: dataDir }, (event, payload) =>
    bridge?.broadcast(event, payload),
  );
  await core.start();
  bridge = await startBridge({ rendererDir: join(root, 'out/renderer'), port, call: (m, i) => core.call(m, i) });
  process.stdout.write(`M3 web ready: ${bridge.url}\n`);

  const stop = () => {
    void Promise.all([core.stop(), bridge?.close()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Tests may ask the core to die to prove the UI survives a restart.
  process.on('SIGUSR2', () => {
    if (core.pid) process.kill(core.pid, 'SIGKILL');
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`M3 web failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
