/**
 * Child process for the rekey crash test: logs in as the coordinator and
 * replaces the office's keys again and again (a password reset rekeys),
 * printing each finished round. The parent kills it with SIGKILL.
 */
import { createCore } from '../../src/main/core/core';
import { silentLogger } from '../../src/main/core/log';
import { FAST_KDF } from './kdf';

async function main(): Promise<void> {
  const [dataDir, username, password, userId] = process.argv.slice(2);
  const core = await createCore({ dataDir: dataDir!, kdf: FAST_KDF, log: silentLogger });
  const login = await core.call('session.login', { username, password });
  if (!login.ok) throw new Error(`login: ${JSON.stringify(login.error)}`);
  process.stdout.write('ready\n');
  for (let n = 1; ; n += 1) {
    const result = await core.call('users.resetPassword', { id: userId });
    if (!result.ok) throw new Error(`reset: ${JSON.stringify(result.error)}`);
    process.stdout.write(`${n}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
