import { expect, field, expectAccessible, screenshot, setUpOffice, test } from './bridge';

// The areas a coordinator opens (each named by a contract method the role may call).
const areas = {
  de: ['Empfang', 'Familien', 'Veranstaltungen', 'Ehrenamt', 'Berichte', 'Verwaltung'],
  en: ['Front desk', 'Families', 'Events', 'Volunteering', 'Reports', 'Administration'],
};

test('the shell loads in German and every area is reachable by keyboard alone', { tag: '@pc-only' }, async ({ page, bridge }) => {
  await setUpOffice(bridge);
  await page.goto(bridge.url);
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await expect(nav.getByRole('button')).toHaveText(areas.de);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');

  // Tab to the navigation and walk it with the keyboard only.
  await nav.getByRole('button', { name: 'Empfang' }).focus();
  for (const name of areas.de.slice(1)) {
    await page.keyboard.press('Tab');
    await expect(nav.getByRole('button', { name })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(nav.getByRole('button', { name })).toHaveAttribute('aria-current', 'page');
  }
  await expectAccessible(page);
  await screenshot(page, 'shell-de');
});

test('the language switch changes the whole UI to English and is remembered', { tag: '@pc-only' }, async ({ page, bridge }) => {
  await setUpOffice(bridge);
  await page.goto(bridge.url);
  await page.getByText('EN', { exact: true }).click();
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await expect(nav.getByRole('button')).toHaveText(areas.en);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('M³ Desk – Family support centres Kaufbeuren');
  await page.reload();
  await expect(nav.getByRole('button')).toHaveText(areas.en);
  await expectAccessible(page);
  await screenshot(page, 'shell-en');
});

test('Ctrl+K opens the search dialog, Escape closes it, and dark mode stays accessible', { tag: '@pc-only' }, async ({ page, bridge }) => {
  await setUpOffice(bridge);
  await page.goto(bridge.url);
  await expect(page.getByRole('navigation')).toBeVisible();
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Familien suchen' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('combobox')).toBeFocused();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Dunkle Darstellung' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expectAccessible(page);
  await screenshot(page, 'shell-dark-de');
});

test('the bridge refuses calls without the token and from a foreign origin', { tag: '@pc-only' }, async ({ request, bridge }) => {
  const body = { method: 'session.status', input: {} };
  expect((await request.post(`${bridge.origin}/rpc`, { data: body })).status()).toBe(401);
  expect(
    (await request.post(`${bridge.origin}/rpc`, { data: body, headers: { Authorization: 'Bearer wrong-token' } })).status(),
  ).toBe(401);
  expect(
    (
      await request.post(`${bridge.origin}/rpc`, {
        data: body,
        headers: { Authorization: `Bearer ${bridge.token}`, Origin: 'http://evil.example' },
      })
    ).status(),
  ).toBe(403);
  const ok = await request.post(`${bridge.origin}/rpc`, { data: body, headers: { Authorization: `Bearer ${bridge.token}` } });
  // A PC of a hub finds its office there: login, not first-run setup.
  expect(await ok.json()).toEqual({ ok: true, data: { state: bridge.hub ? 'locked' : 'setup' } });
});

test('when the core dies the UI shows the lock screen with a message, and login works again', async ({ page, bridge }) => {
  await setUpOffice(bridge);
  await page.goto(bridge.url);
  await expect(page.getByRole('navigation')).toBeVisible();
  bridge.process.kill('SIGUSR2');
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Der Datendienst von M³ Desk wurde neu gestartet.' })).toBeVisible();
  await field(page, 'Benutzername').fill('clara');
  await field(page, 'Passwort').fill('Lindenblatt-Regen-42');
  await page.keyboard.press('Enter');
  // A login right after the restart (on the hub: its connection made anew) may take a few seconds on a busy machine.
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible({ timeout: 20_000 });
});
