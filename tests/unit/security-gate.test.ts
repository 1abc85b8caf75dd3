import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

describe('electronegativity gate', () => {
  it('fails on findings the allow-list does not explain', () => {
    const run = spawnSync(process.execPath, ['scripts/electronegativity-gate.mjs', 'tests/fixtures/insecure'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/FINDING\s+SANDBOX_JS_CHECK/);
    expect(run.stderr).toMatch(/FINDING\s+CONTEXT_ISOLATION_JS_CHECK/);
    expect(run.stderr).toMatch(/FINDING\s+WEB_SECURITY_JS_CHECK/);
    expect(run.stderr).toMatch(/FINDING\s+LIMIT_NAVIGATION_GLOBAL_CHECK/);
  }, 60_000);
});
