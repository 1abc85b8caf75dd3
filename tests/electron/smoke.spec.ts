import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

/** The Electron binary, when this machine has one (it cannot be downloaded everywhere). */
function electronBinary(): string | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const path = require('electron') as unknown as string;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const SKIP_REASON =
  'SKIPPED: no Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1). ' +
  'Run `npm ci` without that variable on a machine that can reach Electron downloads to run this test.';
if (!binary) console.log(SKIP_REASON);

test.describe('Electron app (smoke)', () => {
  test.skip(!binary, SKIP_REASON);

  test('starts with a secure, sandboxed window that reaches the core', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'm3-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [resolve(__dirname, '../..')],
      env: { ...process.env, M3_DATA_DIR: dataDir, NODE_ENV: 'production' },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('navigation')).toBeVisible();
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle())).toContain('M³ Desk');
      // No Node in the page, only the two preload functions.
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys((globalThis as unknown as { m3: object }).m3).sort())).toEqual(['call', 'on']);
      const status = await page.evaluate(() =>
        (globalThis as unknown as { m3: { call: (m: string, i: unknown) => Promise<unknown> } }).m3.call('session.status', {}),
      );
      expect(status).toEqual({ ok: true, data: { state: 'setup' } });
      // Navigation away from the app is refused.
      await page.evaluate(() => {
        (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.org/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toMatch(/^app:\/\/renderer\//);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
