import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from './binary';

/** Runs only where an Electron binary exists: playwright.config.ts adds this project then, and
 * scripts/run-tests.mjs says clearly when it does not. */
const binary = electronBinary();

test.describe('Electron app (smoke)', () => {
  test('starts with a secure, sandboxed window that reaches the core', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'm3-electron-'));
    const app = await electron.launch({
      executablePath: binary ?? fail('no Electron binary: this project runs only where one exists'),
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

function fail(message: string): never {
  throw new Error(message);
}
