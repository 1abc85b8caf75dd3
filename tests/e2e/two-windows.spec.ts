import type { Page } from '@playwright/test';
import { familyInput } from '../support/families';
import { elsewhere, expect, field, OFFICE, rpc, setUpOffice, test } from './bridge';

/** Opens the Yılmaz family from the front desk search, as staff do: type, Enter. */
async function openFamily(page: Page) {
  await page.getByRole('combobox', { name: 'Familie suchen' }).fill('yilmaz');
  await expect(page.getByRole('option').first()).toContainText('Yılmaz');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Yılmaz' })).toBeVisible();
}

/** The contact timeline's entries of one type ("Besuch · <date>"). */
const contacts = (page: Page, type: string) => page.getByText(new RegExp(`^${type} · `));

test('two tabs on one core: what one records shows in the other without reloading', async ({ page, bridge, context }) => {
  await setUpOffice(bridge);
  expect((await rpc(elsewhere(bridge), 'families.create', familyInput())).ok).toBe(true);
  await rpc(bridge, 'session.lock');

  const other = await context.newPage();
  for (const tab of [page, other]) {
    await tab.goto(bridge.url);
    await expect(tab.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
  }

  // Log in on one tab. The session is the core's, and the core announces the login to every tab.
  await field(page, 'Benutzername').fill(OFFICE.username);
  await field(page, 'Passwort').fill(OFFICE.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible();
  await expect(other.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible();

  // The same family in both tabs, with the first contact from the intake.
  await openFamily(page);
  await openFamily(other);
  await expect(contacts(other, 'Besuch')).toHaveCount(1);

  // A walk-in with two keys in one tab appears in the other's timeline.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('k');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Kontakt erfasst.')).toBeVisible();
  await expect(contacts(page, 'Besuch')).toHaveCount(2);
  await expect(contacts(other, 'Besuch')).toHaveCount(2);

  // Withdrawing a consent in the other tab shows in the first.
  await expect(page.getByText(/widerrufen am/)).toHaveCount(0);
  await other.getByRole('button', { name: 'Widerrufen' }).click();
  await other.getByRole('button', { name: 'Widerruf erfassen' }).click();
  await expect(other.getByText(/widerrufen am/)).toBeVisible();
  await expect(page.getByText(/widerrufen am/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Widerrufen' })).toHaveCount(0);

  // Locking in one tab locks both.
  await page.keyboard.press('Control+l');
  await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
  await expect(other.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
  await expect(other.getByText('Yılmaz')).toHaveCount(0);
});
