import type { Page } from '@playwright/test';
import { test as base } from '@playwright/test';
import { localDay } from '../../src/shared/dates';
import { familyInput } from '../support/families';
import { expect, expectAccessible, field, OFFICE, rpc, screenshot, startBridge, stopBridge, type BridgeHandle } from './bridge';
import { freezeHub, startHub, stopHub, type Hub } from './hub-process';


/** Two PCs of one office: a hub and two bridges that joined it with its join code. */
const test = base.extend<{ office: { hub: Hub; a: BridgeHandle; b: BridgeHandle } }>({
  // eslint-disable-next-line no-empty-pattern
  office: async ({}, use) => {
    const hub = await startHub();
    const a = await startBridge({ M3_JOIN_CODE: hub.joinCode });
    const b = await startBridge({ M3_JOIN_CODE: hub.joinCode });
    await use({ hub, a, b });
    await stopBridge(a);
    await stopBridge(b);
    await stopHub(hub);
  },
});

const UI = {
  de: { login: 'Anmelden', username: 'Benutzername', password: 'Passwort', offline: 'Der Büro-Hub ist nicht erreichbar', families: 'Familien', counter: 'Einlass starten', counterSearch: 'Name oder Familiencode', checkedIn: '✓ Eingelassen', present: 'Anwesend', events: 'Veranstaltungen', openCounter: 'Einlass öffnen: Hubcafé', alone: 'nur an diesem PC angemeldet', hubBack: 'Der Büro-Hub antwortet wieder' },
  en: { login: 'Log in', username: 'User name', password: 'Password', offline: 'The office hub cannot be reached', families: 'Families', counter: 'Start check-in', counterSearch: 'Name or family code', checkedIn: '✓ Checked in', present: 'Present', events: 'Events', openCounter: 'Open counter: Hubcafé', alone: 'logged in on this PC alone', hubBack: 'The office hub answers again' },
} as const;

async function logIn(page: Page, bridge: BridgeHandle, lng: 'de' | 'en') {
  const ui = UI[lng];
  await page.goto(bridge.url);
  await expect(page.getByRole('heading', { name: /Anmelden|Log in/ })).toBeVisible({ timeout: 40_000 });
  await page.getByText(lng.toUpperCase(), { exact: true }).click();
  await field(page, ui.username).fill(OFFICE.username);
  await field(page, ui.password).fill(OFFICE.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('navigation')).toBeVisible({ timeout: 30_000 });
}

test('two PCs on one office hub (de + en): one dataset, a counter that follows the other PC, and a pulled cable at the counter', async ({ browser, office }) => {
  test.setTimeout(240_000);
  const { hub, a, b } = office;
  // PC A in German at the front desk, PC B in English at the counter.
  const pageA = await (await browser.newContext()).newPage();
  const pageB = await (await browser.newContext()).newPage();
  await logIn(pageA, a, 'de');
  await logIn(pageB, b, 'en');

  // A family registered on PC A, an event with it registered; PC B opens the counter.
  const made = await rpc(a, 'families.create', familyInput({ displayName: 'Hubertsaal' }));
  expect(made.ok).toBe(true);
  const second = await rpc(a, 'families.create', familyInput({ displayName: 'Kabelbruch' }));
  const family = (await rpc(a, 'families.get', { id: made.data.id })).data as { code: string };
  const cut = (await rpc(a, 'families.get', { id: second.data.id })).data as { code: string };
  const third = await rpc(a, 'families.create', familyInput({ displayName: 'Steckerweg' }));
  const event = await rpc(a, 'events.save', { title: 'Hubcafé', type: 'other', fieldOfAction: 1, date: localDay(), start: '08:00', end: '23:00', place: 'Saal', capacity: 40 });
  for (const id of [made.data.id, second.data.id, third.data.id]) expect((await rpc(a, 'registrations.add', { eventId: event.data.id, familyId: id })).ok).toBe(true);

  await pageB.getByRole('navigation').getByRole('button', { name: UI.en.events }).click();
  await pageB.getByText('Hubcafé').first().click();
  await pageB.getByRole('button', { name: UI.en.counter }).click();
  await expect(pageB.getByRole('combobox', { name: UI.en.counterSearch })).toBeFocused();
  await expect(pageB.getByTestId('count-present')).toContainText(`${UI.en.present}0`);

  // A check-in at PC A shows on PC B's counter within two seconds.
  expect((await rpc(a, 'checkin.checkIn', { eventId: event.data.id, code: family.code })).ok).toBe(true);
  await expect(pageB.getByTestId('count-present')).toContainText(`${UI.en.present}4`, { timeout: 2_000 });

  // PC A finds the family at the front desk.
  await pageA.getByRole('navigation').getByRole('button', { name: UI.de.families }).click();
  await expect(pageA.getByText('Hubertsaal').first()).toBeVisible();

  // PC B's offline list of the event follows once its counter pauses (0.3 s); then the cable is pulled:
  // the hub (and its PostgreSQL) stop answering.
  await pageB.waitForTimeout(1_000);
  freezeHub(hub, 'SIGSTOP');
  await expect(pageA.getByTestId('hub-offline')).toContainText(UI.de.offline, { timeout: 10_000 });
  await expect(pageB.getByTestId('hub-offline')).toContainText(UI.en.offline, { timeout: 10_000 });
  // PC A's screens are read-only; PC B's counter goes on from its journal, keyboard only.
  await expect(pageA.locator('fieldset.area-fieldset')).toHaveAttribute('disabled');
  await expect(pageA.getByRole('main').getByRole('textbox').first()).toBeDisabled();
  await expect(pageB.getByTestId('counter-offline')).toBeVisible();
  await expect(pageB.getByRole('combobox', { name: UI.en.counterSearch })).toBeFocused();
  await pageB.keyboard.type(cut.code, { delay: 5 });
  await pageB.keyboard.press('Enter');
  // A call that was opening a connection when the cable went waits for its connect timeout first (3 s).
  await expect(pageB.getByTestId('counter-banner')).toContainText(UI.en.checkedIn, { timeout: 10_000 });
  await expect(pageB.getByTestId('count-present')).toContainText(`${UI.en.present}8`);
  await expect(pageB.getByTestId('counter-offline')).toContainText('1 waits for the hub');
  await expectAccessible(pageA);
  await expectAccessible(pageB);
  await screenshot(pageA, 'hub-offline-de');
  await screenshot(pageB, 'hub-offline-counter-en');

  // The counter locks (here by hand, Ctrl+L; after five idle minutes by itself) while the hub is still away.
  // The host logs in again at PC B — without the hub, from this PC's key file — and finds the counter
  // through the events area, the only one there is now; the check-in goes on from PC B's list.
  await pageB.keyboard.press('Control+l');
  await expect(pageB.getByRole('heading', { name: /Anmelden|Log in/ })).toBeVisible();
  await pageB.getByText('DE', { exact: true }).click();
  await field(pageB, UI.de.username).fill(OFFICE.username);
  await field(pageB, UI.de.password).fill(OFFICE.password);
  await pageB.keyboard.press('Enter');
  // The hub is asked first (up to its connect timeout: 5 s).
  await expect(pageB.getByTestId('hub-offline')).toContainText(UI.de.alone, { timeout: 20_000 });
  await expect(pageB.getByRole('navigation').getByRole('button')).toHaveCount(1);
  await expect(pageB.getByRole('navigation').getByRole('button', { name: UI.de.events })).toBeVisible();
  await expect(pageB.getByTestId('offline-counters')).toContainText('Hubcafé');
  await expectAccessible(pageB);
  await screenshot(pageB, 'hub-offline-login-de');
  await pageB.getByText('EN', { exact: true }).click();
  await expect(pageB.getByTestId('hub-offline')).toContainText(UI.en.alone);
  await expectAccessible(pageB);
  await screenshot(pageB, 'hub-offline-login-en');
  await pageB.getByRole('button', { name: UI.en.openCounter }).click();
  await expect(pageB.getByRole('combobox', { name: UI.en.counterSearch })).toBeFocused();
  await expect(pageB.getByTestId('count-present')).toContainText(`${UI.en.present}8`);
  await pageB.keyboard.type('Steckerweg', { delay: 5 });
  await pageB.keyboard.press('Enter');
  await expect(pageB.getByTestId('member-choice')).toBeVisible();
  await pageB.keyboard.press('Enter');
  await expect(pageB.getByTestId('counter-banner')).toContainText(UI.en.checkedIn);
  await expect(pageB.getByTestId('count-present')).toContainText(`${UI.en.present}12`);
  await expect(pageB.getByTestId('counter-offline')).toContainText('2 wait for the hub');
  await expectAccessible(pageB);
  await screenshot(pageB, 'hub-offline-login-counter-en');
  // The same counter in German: back to the events area, the language switched, the counter opened again.
  await pageB.getByRole('button', { name: 'End check-in' }).click();
  await pageB.getByText('DE', { exact: true }).click();
  await pageB.getByRole('button', { name: UI.de.openCounter }).click();
  await expect(pageB.getByTestId('counter-offline')).toContainText('2 Einlässe warten auf den Hub');
  await expect(pageB.getByTestId('count-present')).toContainText(`${UI.de.present}12`);
  await expectAccessible(pageB);
  await screenshot(pageB, 'hub-offline-login-counter-de');

  // The cable is back: the banners go, the journal went in, PC A counts everyone once.
  // PC B's login without the hub ends; the host logs in on the hub, which sends PC B's journal.
  freezeHub(hub, 'SIGCONT');
  await expect(pageA.getByTestId('hub-offline')).toHaveCount(0, { timeout: 20_000 });
  await expect(pageB.getByText(UI.de.hubBack)).toBeVisible({ timeout: 20_000 });
  await expectAccessible(pageB);
  await screenshot(pageB, 'hub-back-login-de');
  await pageB.getByText('EN', { exact: true }).click();
  await expect(pageB.getByText(UI.en.hubBack)).toBeVisible();
  await expectAccessible(pageB);
  await screenshot(pageB, 'hub-back-login-en');
  await field(pageB, UI.en.username).fill(OFFICE.username);
  await field(pageB, UI.en.password).fill(OFFICE.password);
  await pageB.keyboard.press('Enter');
  await expect(pageB.getByRole('navigation').getByRole('button', { name: UI.en.families })).toBeVisible({ timeout: 20_000 });
  await expect(pageB.getByTestId('hub-offline')).toHaveCount(0);
  await expect.poll(async () => (await rpc(a, 'checkin.counts', { eventId: event.data.id })).data?.present, { timeout: 10_000 }).toBe(12);
  await expect(pageA.locator('fieldset.area-fieldset')).not.toHaveAttribute('disabled');
  await expect(pageA.getByRole('main').getByRole('textbox').first()).toBeEnabled();

  // A third PC joins at first run, from the setup screen, with the join code; then the coordinator logs in there.
  const c = await startBridge();
  try {
    const pageC = await (await browser.newContext()).newPage();
    await pageC.goto(c.url);
    await pageC.getByText('DE', { exact: true }).click();
    await pageC.getByRole('button', { name: 'Dem Büro-Hub beitreten' }).click();
    await pageC.getByRole('textbox', { name: 'Beitrittscode' }).fill('M3HUB1-abgeschnitten');
    await pageC.getByRole('button', { name: 'Beitreten' }).click();
    await expect(pageC.getByText('Das ist kein Beitrittscode.')).toBeVisible();
    await pageC.getByRole('textbox', { name: 'Beitrittscode' }).fill(hub.joinCode);
    await expectAccessible(pageC);
    await screenshot(pageC, 'hub-join-de');
    // The same screen in English: the code typed stays through the language switch.
    await pageC.getByText('EN', { exact: true }).click();
    await expect(pageC.getByRole('textbox', { name: 'Join code' })).toHaveValue(hub.joinCode);
    await expectAccessible(pageC);
    await screenshot(pageC, 'hub-join-en');
    await pageC.getByText('DE', { exact: true }).click();
    await pageC.getByRole('button', { name: 'Beitreten' }).click();
    await expect(pageC.getByRole('heading', { name: UI.de.login })).toBeVisible({ timeout: 30_000 });
    await field(pageC, UI.de.username).fill(OFFICE.username);
    await field(pageC, UI.de.password).fill(OFFICE.password);
    await pageC.keyboard.press('Enter');
    await pageC.getByRole('navigation').getByRole('button', { name: UI.de.families }).click();
    await expect(pageC.getByText('Kabelbruch').first()).toBeVisible();
  } finally {
    await stopBridge(c);
  }
});
