import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const cli = resolve(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

function cruise(cwd: string): Violation[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [cli, 'src', '--config', resolve(root, '.dependency-cruiser.cjs'), '--output-type', 'json'], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // depcruise exits non-zero when it finds violations; its JSON is still on stdout.
    out = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('layering check', () => {
  it('finds no violation in the real sources', () => {
    expect(cruise(root)).toEqual([]);
  });

  it('bites on a fixture that breaks every rule', () => {
    const found = cruise(resolve(root, 'tests/fixtures/layers'))
      .map((v) => `${v.rule.name} ${v.from} -> ${v.to.replace(/^.*node_modules\//, 'node_modules/')}`)
      .sort();
    expect(found).toEqual(
      expect.arrayContaining([
        'shared-imports-only-shared src/shared/bad.ts -> src/main/core/ok.ts',
        'shared-no-node-or-electron src/shared/bad.ts -> fs',
        'core-no-electron src/main/core/bad.ts -> node_modules/electron/index.js',
        'core-imports-only-core-and-shared src/main/core/bad.ts -> src/main/window.ts',
        'preload-only-shared-and-electron src/preload/bad.ts -> src/renderer/app.ts',
        'preload-no-node src/preload/bad.ts -> path',
        'renderer-not-into-main-or-preload src/renderer/bad.ts -> src/main/window.ts',
        'renderer-no-node-builtins src/renderer/bad.ts -> fs',
        'renderer-no-electron-or-database src/renderer/bad.ts -> node_modules/electron/index.js',
      ]),
    );
    expect(found.some((f) => f.startsWith('preload-only-shared-and-electron src/preload/bad.ts -> node_modules/zod/'))).toBe(true);
    expect(found.some((f) => f.startsWith('renderer-no-electron-or-database src/renderer/bad.ts -> node_modules/better-sqlite3'))).toBe(true);
    // No domain module may use the SQLite driver; the SQLite module may.
    expect(found.some((f) => f.startsWith('core-driver-only-in-sqlite-module src/main/core/families/bad-driver.ts -> node_modules/better-sqlite3'))).toBe(true);
    expect(found.filter((f) => f.includes('ok-driver.ts ->'))).toEqual([]);
    // Only the PostgreSQL module may use its driver, and only db/ picks a dialect module.
    expect(found.some((f) => f.startsWith('core-pg-driver-only-in-postgres-module src/main/core/families/bad-pg.ts -> node_modules/pg/'))).toBe(true);
    expect(found).toContain('core-dialect-modules-only-inside-db src/main/core/families/bad-dialect.ts -> src/main/core/db/sqlite/ok-driver.ts');
    expect(found).toContain('core-dialect-modules-only-inside-db src/main/core/db/bad-migration.ts -> src/main/core/db/sqlite/ok-driver.ts');
    expect(found.filter((f) => f.includes('ok-pg.ts -> node_modules') || f.includes('db/dialects.ts'))).toEqual([]);
    // The one allowed import in the fixture is not reported.
    expect(found.filter((f) => f.includes('good.ts'))).toEqual([]);
  });
});
