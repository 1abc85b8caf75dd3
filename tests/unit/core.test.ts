import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/main/core/core';
import { contract } from '../../src/shared/rpc/contract';
import { METHOD_NAME } from '../../src/shared/rpc/define';
import { tempDir } from '../support/temp';

// These calls open no database (setup state, interface language, log): one run covers both.
describe('[no database] core', () => {
  let dir: ReturnType<typeof tempDir>;
  let core: Core;
  beforeEach(async () => {
    dir = tempDir();
    core = await createCore({ dataDir: dir.path });
  });
  afterEach(async () => {
    await core.close();
    dir.remove();
  });

  it('answers session.status with setup on a new data folder', async () => {
    expect(await core.call('session.status', {})).toEqual({ ok: true, data: { state: 'setup' } });
  });

  it('remembers the interface language across a restart and announces the change', async () => {
    const events: unknown[] = [];
    core.onEvent((event, payload) => events.push([event, payload]));
    expect(await core.call('ui.preferences', {})).toEqual({ ok: true, data: { language: 'de' } });
    expect(await core.call('ui.setLanguage', { language: 'en' })).toEqual({ ok: true, data: { language: 'en' } });
    expect(events).toEqual([['language-changed', 'en']]);
    await core.close();
    core = await createCore({ dataDir: dir.path });
    expect(await core.call('ui.preferences', {})).toEqual({ ok: true, data: { language: 'en' } });
  });

  it('refuses a language it does not have, naming the field', async () => {
    const result = await core.call('ui.setLanguage', { language: 'fr' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { issues: [{ path: ['language'], message: 'validation:invalid_option' }] } },
    });
  });

  it('falls back to German when the preference file is damaged', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir.path, 'preferences.json'), '{not json');
    expect(await core.call('ui.preferences', {})).toEqual({ ok: true, data: { language: 'de' } });
  });

  it('writes a log without inputs', async () => {
    await core.call('ui.setLanguage', { language: 'xx-secret-value' });
    const log = readFileSync(join(dir.path, 'logs', 'core.log'), 'utf8');
    expect(existsSync(join(dir.path, 'logs', 'core.log'))).toBe(true);
    expect(log).not.toContain('xx-secret-value');
  });
});

describe('[no database] contract', () => {
  it('names every method area.verb and declares at least one role', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(name).toMatch(METHOD_NAME);
      expect(spec.roles.length).toBeGreaterThan(0);
    }
  });

  it('lets only session.* and ui.* methods answer while locked', () => {
    const open = Object.entries(contract).filter(([, spec]) => spec.whenLocked).map(([name]) => name);
    for (const name of open) expect(name).toMatch(/^(session|ui)\./);
  });
});
