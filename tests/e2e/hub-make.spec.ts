import { familyInput } from '../support/families';
import { freePort } from '../support/net';
import { expect, expectAccessible, field, logInAsCoordinator, OFFICE, rpc, screenshot, setUpOffice, startBridge, stopBridge, test } from './bridge';

const UI = {
  de: { admin: 'Verwaltung', tab: 'Büro-Hub', password: 'Ihr Passwort (zur Bestätigung)', port: 'Port im Büronetz', make: 'Diesen PC zum Büro-Hub machen', running: 'Läuft' },
  en: { admin: 'Administration', tab: 'Office hub', password: 'Your password (to confirm)', port: 'Port on the office network', make: 'Make this PC the office hub', running: 'Running' },
} as const;

/**
 * A coordinator turns the office's only PC into the hub from the app: the
 * data moves into a PostgreSQL in the PC's data folder, the app starts again
 * on it, the hub's state and join code show in the administration, and a
 * second PC joins with that code and finds the family registered before.
 */
test('make this PC the office hub from the app (de + en), then a second PC joins with the join code', async ({ page, bridge }) => {
  test.setTimeout(240_000);
  await setUpOffice(bridge);
  expect((await rpc(bridge, 'families.create', familyInput({ displayName: 'Umzugsfreude' }))).ok).toBe(true);
  await logInAsCoordinator(page, bridge, 'en');
  await page.getByRole('navigation').getByRole('button', { name: UI.en.admin }).click();
  await page.getByRole('tab', { name: UI.en.tab }).click();
  await expect(page.getByRole('button', { name: UI.en.make })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'hub-make-en');
  await page.getByText('DE', { exact: true }).click();
  await expect(page.getByRole('button', { name: UI.de.make })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'hub-make-de');

  // Keyboard first: password, port, then the volume — unconfirmed, the app refuses and says why; nothing typed is lost.
  const port = await freePort();
  await page.getByLabel(UI.de.password).fill(OFFICE.password);
  await field(page, UI.de.port).fill(String(port));
  await page.getByRole('button', { name: UI.de.make }).click();
  await expect(page.getByText(/verschlüsselten Laufwerk liegt|nicht verschlüsselt ist/).last()).toBeVisible();
  await expect(page.getByLabel(UI.de.password)).toHaveValue(OFFICE.password);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: UI.de.make }).click();

  // The data moved; the app starts again on the hub and says so at the lock screen.
  await expect(page.getByText('Dieser PC ist jetzt der Büro-Hub. Bitte melden Sie sich wieder an').first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible({ timeout: 60_000 });
  await field(page, 'Benutzername').fill(OFFICE.username);
  await field(page, 'Passwort').fill(OFFICE.password);
  await page.keyboard.press('Enter');
  await page.getByRole('navigation').getByRole('button', { name: UI.de.admin }).click({ timeout: 30_000 });
  await page.getByRole('tab', { name: UI.de.tab }).click();
  await expect(page.getByTestId('hub-running')).toHaveText(UI.de.running);
  await expect(page.getByTestId('hub-moved')).toContainText('geprüft');
  // A backup of the hub by hand: made, checked by a restore into a trial database, listed.
  await page.getByTestId('hub-backup-now').click();
  await expect(page.getByTestId('hub-backups').getByRole('row')).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByTestId('hub-backups')).toContainText('Von Hand');
  await expect(page.getByText(/Letzte Sicherung des Hubs/)).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page);
  await screenshot(page, 'hub-host-de');
  await page.getByText('EN', { exact: true }).click();
  await expect(page.getByTestId('hub-running')).toHaveText(UI.en.running);
  await expectAccessible(page);
  await screenshot(page, 'hub-host-en');
  // The Backups tab of the hub PC points to the hub's backups.
  await page.getByRole('tab', { name: 'Backups' }).click();
  await expect(page.getByTestId('hub-backups-note')).toContainText('This PC is the office hub');
  await expectAccessible(page);
  await screenshot(page, 'hub-host-backups-en');
  await page.getByRole('button', { name: "Go to the hub's backups" }).click();
  await expect(page.getByTestId('hub-backups')).toBeVisible();

  // A second PC joins with the code shown, and the coordinator finds the family there.
  const joinCode = await page.getByTestId('hub-join-code').inputValue();
  expect(joinCode).toMatch(/^M3HUB1-/);
  const second = await startBridge({ M3_JOIN_CODE: joinCode });
  try {
    expect((await rpc(second, 'session.login', { username: OFFICE.username, password: OFFICE.password })).ok).toBe(true);
    const found = await rpc(second, 'families.search', { query: 'umzugsfreude' });
    expect(found.data?.items).toHaveLength(1);
    // The hub PC counts the second PC among its clients (both are on loopback here: one address).
    await expect(page.getByTestId('hub-clients')).toContainText('1 PC connected', { timeout: 20_000 });
  } finally {
    await stopBridge(second);
  }
});
