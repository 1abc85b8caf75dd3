import { defineConfig } from '@playwright/test';

/**
 * e2e: the real UI in Chromium against the real core over the loopback test
 * bridge. Uses a system Chromium when CHROMIUM_PATH or /usr/bin/chromium
 * exists (machines that cannot download Playwright's browsers), else
 * Playwright's own.
 */
import { existsSync } from 'node:fs';
import { electronBinary } from './tests/electron/binary';

const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig<{ hubMode: boolean }>({
  testDir: 'tests',
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'e2e', testMatch: 'e2e/**/*.spec.ts' },
    // The whole suite once more, each test on two PCs of an office hub made for it (PostgreSQL; the test's
    // data made and read back on the other PC, see `elsewhere` in tests/e2e/bridge.ts): accounts,
    // shell, two windows, front desk, family record, events and the counter, case work, volunteering,
    // reports — in German only (both languages ran on the single PC; the hub changes where data lives,
    // not what is shown), without the shell's tests of the window itself (@pc-only: keyboard paths,
    // language, Ctrl+K, the bridge's token — no data in them). hub.spec and hub-make.spec are about
    // hubs themselves and run once.
    {
      name: 'e2e-hub',
      grepInvert: /\(en\)|@pc-only/,
      testMatch: [
        'e2e/accounts.spec.ts',
        'e2e/shell.spec.ts',
        'e2e/two-windows.spec.ts',
        'e2e/frontdesk.spec.ts',
        'e2e/family-record.spec.ts',
        'e2e/events.spec.ts',
        'e2e/casework.spec.ts',
        'e2e/volunteering.spec.ts',
        'e2e/reports.spec.ts',
      ],
      use: { hubMode: true },
    },
    // The Electron smoke test needs the real binary; without it the project is left out
    // and scripts/run-tests.mjs prints why.
    ...(electronBinary() ? [{ name: 'electron', testMatch: 'electron/**/*.spec.ts' }] : []),
  ],
});
