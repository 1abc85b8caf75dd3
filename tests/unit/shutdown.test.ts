import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COORDINATOR } from '../support/core';
import { startCoreProcess } from '../support/core-process';
import { tempDir } from '../support/temp';

// Quitting the app: the core closes the database, so the next login needs no page check of the whole file.
describe('[sqlite only: the app core process] quitting', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir.remove());
  const start = async () => {
    const core = await startCoreProcess('src/main/core/process.ts', { M3_DATA_DIR: dir.path });
    expect((await core.call('session.setup', COORDINATOR)).ok).toBe(true);
    expect(existsSync(join(dir.path, 'm3desk.db.open'))).toBe(true);
    return core;
  };

  it('closes the database on the shutdown message: no unclean-shutdown marker is left', async () => {
    dir = tempDir('m3-quit-');
    const core = await start();
    expect(await core.shutdown()).toBe(0);
    expect(existsSync(join(dir.path, 'm3desk.db.open'))).toBe(false);
  });

  it('a killed core leaves the marker, so the next login checks every page', async () => {
    dir = tempDir('m3-kill-');
    const core = await start();
    await core.kill();
    expect(existsSync(join(dir.path, 'm3desk.db.open'))).toBe(true);
  });
});
