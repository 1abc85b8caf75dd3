import { existsSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { anchorSchema, ANCHOR_EVENT, type Anchor } from '../../src/shared/rpc/channel';
import { COORDINATOR } from '../support/core';
import { startCoreProcess, type CoreProcess } from '../support/core-process';
import { tempDir } from '../support/temp';

// In the app, Electron main keeps the audit anchor in the OS keystore: the core
// process (src/main/core/process.ts, as the app starts it) gets it by env and
// hands each new one out as a host-only event instead of writing a file.
describe('[sqlite only: the app\u2019s core process] audit anchor kept by the host', () => {
  const dir = tempDir('m3-relay-');
  let core: CoreProcess | null = null;
  afterEach(async () => {
    await core?.stop();
    core = null;
  });
  afterAll(() => dir.remove());

  const notices = async (c: CoreProcess) => ((await c.ok<{ notices?: { kind: string }[] }>('session.status')).notices ?? []).map((n) => n.kind);
  const start = (anchor: Anchor | null) =>
    startCoreProcess('src/main/core/process.ts', { M3_DATA_DIR: dir.path, M3_AUDIT_ANCHOR_RELAY: '1', M3_AUDIT_ANCHOR: JSON.stringify(anchor) });

  it('hands the anchor to the host, and an anchor ahead of the database is noticed at unlock', async () => {
    core = await start(null);
    await core.ok('session.setup', COORDINATOR);
    await core.ok('session.lock');
    const sent = core.events.filter((e) => e.event === ANCHOR_EVENT).map((e) => anchorSchema.parse(e.payload));
    expect(sent.length).toBeGreaterThan(0);
    const last = sent.at(-1)!;
    expect(last.seq).toBeGreaterThan(1);
    expect(existsSync(`${dir.path}.anchor`)).toBe(false);
    await core.stop();

    // The host's own anchor opens without a notice.
    core = await start(last);
    await core.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
    expect(await notices(core)).not.toContain('rolled_back');
    await core.ok('session.lock');
    const newest = core.events.filter((e) => e.event === ANCHOR_EVENT).at(-1)!.payload as Anchor;
    await core.stop();

    // The database is now behind what the host saw: an older copy was put in place.
    core = await start({ ...newest, seq: newest.seq + 40 });
    await core.ok('session.login', { username: COORDINATOR.username, password: COORDINATOR.password });
    expect(await notices(core)).toContain('rolled_back');
  }, 60_000);
});
