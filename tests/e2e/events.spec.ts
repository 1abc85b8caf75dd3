import type { Page } from '@playwright/test';
import { localDay } from '../../src/shared/dates';
import { familyInput } from '../support/families';
import { elsewhere, expect, expectAccessible, field, logInAsCoordinator, rpc, screenshot, setUpOffice, test, type BridgeHandle } from './bridge';
import { pdfText } from './pdf';

const UI = {
  de: {
    loginTitle: 'Anmelden', username: 'Benutzername', password: 'Passwort', nav: 'Veranstaltungen', newEvent: 'Neue Veranstaltung', title: 'Titel', place: 'Ort', capacity: 'Plätze',
    weekly: 'Wöchentlich', until: 'Wiederholen bis', save: 'Speichern', savedSeries: /Reihe mit \d+ Terminen gespeichert/, register: 'Familie anmelden', search: 'Familie suchen', registerConfirm: 'Anmelden',
    waiting: 'Warteliste', cancelFor: (n: string) => `${n} abmelden`, movedUp: 'Von der Warteliste nachgerückt: Haddad', counter: 'Einlass starten', counterSearch: 'Name oder Familiencode',
    checkedIn: '✓ Eingelassen', already: 'Schon eingelassen', undone: 'Zurückgenommen: 4 Personen', adults: 'Erwachsene', children: 'Kinder', counted: 'Anonym gezählt: 3 Personen',
    close: 'Einlass beenden', print: 'Teilnehmerliste drucken', toWeek: 'Zur Wochenansicht', list: 'Liste', contrast: 'Hoher Kontrast', sheet: 'Teilnehmerliste', noPhotos: 'Keine Fotos!',
    nobodyLeft: 'Niemand mehr im Haushalt (alle ausgezogen)', nobody: 'Von dieser Familie ist niemand einzulassen',
    counts: { present: 'Anwesend', registered: 'Angemeldet', walkIns: 'Ohne Anmeldung', anonymous: 'Anonym', capacityLeft: 'Freie Plätze' },
  },
  en: {
    loginTitle: 'Log in', username: 'User name', password: 'Password', nav: 'Events', newEvent: 'New event', title: 'Title', place: 'Place', capacity: 'Places',
    weekly: 'Weekly', until: 'Repeat until', save: 'Save', savedSeries: /Series with \d+ dates saved/, register: 'Register a family', search: 'Search families', registerConfirm: 'Register',
    waiting: 'Waiting list', cancelFor: (n: string) => `Cancel the registration of ${n}`, movedUp: 'Moved up from the waiting list: Haddad', counter: 'Start check-in', counterSearch: 'Name or family code',
    checkedIn: '✓ Checked in', already: 'Already checked in', undone: 'Undone: 4 persons', adults: 'Adults', children: 'Children', counted: 'Counted anonymously: 3 persons',
    close: 'End check-in', print: 'Print attendance list', toWeek: 'Switch to week view', list: 'List', contrast: 'High contrast', sheet: 'Attendance list', noPhotos: 'No photos!',
    nobodyLeft: 'Nobody left in the household (everyone moved out)', nobody: 'There is nobody of this family to check in',
    counts: { present: 'Present', registered: 'Registered', walkIns: 'Without registration', anonymous: 'Anonymous', capacityLeft: 'Places left' },
  },
} as const;
type Ui = (typeof UI)['de' | 'en'];

/** A family whose members are named as given (the first two adults). */
async function family(bridge: BridgeHandle, name: string, firstNames: string[]): Promise<{ id: string; code: string }> {
  const members = firstNames.map((firstName, i) => ({ firstName, lastName: name, birthYear: i < 2 ? 1985 + i : 2015 + i, role: i < 2 ? 'parent' : 'child' }));
  const made = await rpc(bridge, 'families.create', familyInput({ displayName: name, members: members as never }));
  expect(made.ok).toBe(true);
  return made.data;
}

async function expectCounts(page: Page, ui: Ui, want: Partial<Record<keyof Ui['counts'], number>>) {
  for (const [key, value] of Object.entries(want)) {
    await expect(page.getByTestId(`count-${key}`), `${key}`).toContainText(`${ui.counts[key as keyof Ui['counts']]}${value}`);
  }
}

/** What a scanner does: the code's characters, then Enter. */
async function scan(page: Page, code: string) {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

const addDays = (days: number) => localDay(new Date(Date.now() + days * 86_400_000));

for (const lng of ['de', 'en'] as const) {
  const ui = UI[lng];

  test(`events and check-in (${lng}): a weekly Elterncafé, a waiting list that moves up, a keyboard-only counter, the attendance list`, async ({ page, bridge }) => {
    test.setTimeout(240_000);
    await setUpOffice(bridge);
    // The families are registered at the office's other PC (on a hub; the same PC otherwise).
    await family(elsewhere(bridge), 'Petrović', ['Milena', 'Goran', 'Ana', 'Luka']);
    const schneider = await family(elsewhere(bridge), 'Schneider', ['Jonas', 'Lea', 'Mia', 'Ben']);
    await family(elsewhere(bridge), 'Okafor', ['Chidi', 'Ada', 'Emeka']);
    const haddad = await family(elsewhere(bridge), 'Haddad', ['Rana', 'Omar']);
    // A family whose only member has moved out.
    const gone = await family(elsewhere(bridge), 'Fortgezogen', ['Ida']);
    const ida = (await rpc(elsewhere(bridge), 'families.get', { id: gone.id })).data.members[0];
    expect((await rpc(elsewhere(bridge), 'members.save', { familyId: gone.id, id: ida.id, firstName: ida.firstName, lastName: ida.lastName, birthYear: ida.birthYear, role: ida.role, movedOutAt: localDay() })).ok).toBe(true);
    const queue = await Promise.all(Array.from({ length: 30 }, (_, i) => family(elsewhere(bridge), `Warteschlange${String.fromCharCode(65 + (i % 26))}${i}`, [`Gast${i}`])));

    await logInAsCoordinator(page, bridge, lng);
    await page.getByRole('navigation').getByRole('button', { name: ui.nav }).click();

    // A weekly Elterncafé with ten places.
    await page.getByRole('button', { name: ui.newEvent }).click();
    const form = page.getByRole('dialog');
    await field(form, ui.title).fill('Elterncafé');
    await field(form, ui.place).fill('Stützpunkt Neugablonz');
    await form.getByRole('textbox', { name: ui.capacity }).fill('10');
    await form.getByText(ui.weekly, { exact: true }).click();
    await field(form, ui.until).fill(addDays(56));
    await field(form, ui.until).press('Tab');
    await form.getByRole('button', { name: ui.save }).click();
    await expect(page.getByText(ui.savedSeries)).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: /Elterncafé/ })).toBeVisible();

    // Nine registered (Petrović 4, Schneider 4, one of the Okafors), then a family of two onto the waiting list —
    // two of them and the waiting family at the other PC, while this screen shows the event.
    const eventId = (await rpc(elsewhere(bridge), 'events.list', { from: localDay(), to: localDay() })).data.items[0].id as string;
    expect((await rpc(elsewhere(bridge), 'registrations.add', { eventId, familyId: (await rpc(elsewhere(bridge), 'families.search', { query: 'Petrović' })).data.items[0].id })).data.status).toBe('registered');
    expect((await rpc(elsewhere(bridge), 'registrations.add', { eventId, familyId: (await rpc(elsewhere(bridge), 'families.search', { query: 'Schneider' })).data.items[0].id })).data.status).toBe('registered');
    await page.getByRole('button', { name: ui.register }).click();
    await page.getByRole('dialog').getByRole('combobox', { name: ui.search }).fill('Okafor');
    await expect(page.getByRole('dialog').getByRole('option').first()).toContainText('Okafor');
    await page.keyboard.press('Enter');
    await page.getByRole('checkbox', { name: /Ada Okafor/ }).uncheck();
    await page.getByRole('checkbox', { name: /Emeka Okafor/ }).uncheck();
    await page.getByRole('dialog').getByRole('button', { name: ui.registerConfirm, exact: true }).click();
    await expect(page.getByTestId('registration')).toHaveCount(3);
    await expectCounts(page, ui, { registered: 9, capacityLeft: 1 });
    expect((await rpc(elsewhere(bridge), 'registrations.add', { eventId, familyId: haddad.id })).data.status).toBe('waiting');
    await expect(page.getByTestId('registration').filter({ hasText: 'Haddad' })).toContainText(ui.waiting);
    // One cancels: the first waiting family moves up, shown.
    await page.getByRole('button', { name: ui.cancelFor('Okafor') }).click();
    await expect(page.getByText(ui.movedUp)).toBeVisible();
    await expect(page.getByTestId('registration').filter({ hasText: 'Haddad' })).not.toContainText(ui.waiting);
    await expectCounts(page, ui, { registered: 10, capacityLeft: 0 });

    // The counter: keyboard only from here.
    await page.getByRole('button', { name: ui.counter }).click();
    const search = page.getByRole('combobox', { name: ui.counterSearch });
    await expect(search).toBeFocused();
    await page.keyboard.type('Milen');
    await expect(page.getByRole('option').first()).toContainText('Petrović');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('member-choice')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('counter-banner')).toContainText(`${ui.checkedIn}: Milena, Goran, Ana, Luka`);
    await expect(page.getByTestId('counter-banner')).toContainText(ui.noPhotos);
    await expectCounts(page, ui, { present: 4, registered: 10, walkIns: 0, anonymous: 0 });
    await expect(search).toBeFocused();
    await expectAccessible(page);
    await screenshot(page, `counter-${lng}`);

    // A scanned card: the family in one go.
    await scan(page, schneider.code);
    await expect(page.getByTestId('counter-banner')).toContainText(`${ui.checkedIn}: Jonas, Lea, Mia, Ben`);
    await expectCounts(page, ui, { present: 8 });
    // The same card again: a notice, no second entry.
    await scan(page, schneider.code);
    await expect(page.getByTestId('counter-banner')).toContainText(`${ui.already}: Jonas, Lea, Mia, Ben`);
    await expectCounts(page, ui, { present: 8 });
    // Undo the last check-in.
    await page.keyboard.press('F9');
    await expect(page.getByTestId('counter-banner')).toContainText(ui.undone);
    await expectCounts(page, ui, { present: 4 });
    await scan(page, schneider.code);
    await expectCounts(page, ui, { present: 8 });
    // A family that has nobody left: the list and the choice say so, its card says why nobody goes in.
    await page.keyboard.type('Fortgez');
    await expect(page.getByRole('option').first()).toContainText(ui.nobodyLeft);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('member-choice')).toContainText(ui.nobodyLeft);
    await page.keyboard.press('Escape');
    await scan(page, gone.code);
    await expect(page.getByTestId('counter-banner')).toContainText(ui.nobody);
    await expectCounts(page, ui, { present: 8 });
    // An anonymous walk-in: one adult, two children.
    await page.keyboard.press('F3');
    const anonymous = page.getByRole('dialog');
    await expect(anonymous.getByRole('textbox', { name: ui.adults })).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('counter-banner')).toContainText(ui.counted);
    await expectCounts(page, ui, { present: 8, anonymous: 3, capacityLeft: 0 });
    await expect(search).toBeFocused();

    // The high-contrast counter is axe-clean too.
    await page.getByRole('switch', { name: ui.contrast }).check();
    await expectAccessible(page);
    await screenshot(page, `counter-contrast-${lng}`);
    await page.getByRole('switch', { name: ui.contrast }).uncheck();

    if (lng === 'de') {
      // A queue of thirty at the scanner, not one mouse click.
      await search.focus();
      for (const guest of queue) await scan(page, guest.code);
      await expectCounts(page, ui, { present: 38, walkIns: 30 });
      const counts = await rpc(elsewhere(bridge), 'checkin.counts', { eventId });
      expect(counts.data).toMatchObject({ present: 38, walkIns: 30 });
    }

    // The attendance list: the present people and the funding line.
    await page.getByRole('button', { name: ui.close }).click();
    await page.evaluate(() => {
      (globalThis as unknown as { print: () => void }).print = () => undefined;
    });
    await page.getByRole('button', { name: ui.print }).click();
    await page.emulateMedia({ media: 'print' });
    const text = (await pdfText(await page.pdf({ printBackground: true }))).normalize('NFKC');
    await page.emulateMedia({ media: 'screen' });
    expect(text).toContain(ui.sheet);
    for (const name of ['Milena', 'Luka', 'Jonas', 'Ben']) expect(text).toContain(name);
    expect(text).not.toContain('Chidi');
    expect(text.replace(/\s+/g, ' ')).toContain('Gefördert durch das Bundesministerium des Innern, für Bau und Heimat');

    // The calendar, month and week.
    await page.getByRole('navigation').getByRole('button', { name: ui.nav }).click();
    await expect(page.getByText('Elterncafé').first()).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, `events-calendar-${lng}`);
    await page.getByRole('tab', { name: ui.toWeek }).click();
    await expect(page.getByText('Elterncafé').first()).toBeVisible();
    await expectAccessible(page);
    await page.getByText(ui.list, { exact: true }).first().click();
    await expect(page.getByRole('button', { name: 'Elterncafé' })).toHaveCount(9);
    await expectAccessible(page);
  });
}
