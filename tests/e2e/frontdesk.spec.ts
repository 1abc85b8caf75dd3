import type { Page } from '@playwright/test';
import { elsewhere, expect, expectAccessible, field, OFFICE, rpc, screenshot, setUpOffice, test } from './bridge';
import { pdfText } from './pdf';

const UI = {
  de: {
    nav: 'Hauptnavigation', families: 'Familien', search: 'Familie suchen', newFamily: 'Neue Familie aufnehmen',
    displayName: 'Familienname (Haushalt)', phone: 'Telefon', street: 'Straße und Hausnummer', next: 'Weiter',
    firstName: 'Vorname', lastName: 'Nachname', birthYear: 'Geburtsjahr', addPerson: 'Person hinzufügen',
    interpreter: 'Dolmetschen nötig', interpreterLanguage: 'Für welche Sprache?', turkish: 'Türkisch',
    storage: 'Speicherung der Daten', given: 'eingewilligt', save: 'Familie speichern',
    duplicate: 'Möglicherweise schon bekannt', openExisting: 'Diese Familie öffnen', members: 'Haushalt',
    contactSaved: 'Kontakt erfasst.', walkIn: 'Besuch', user: 'Benutzername', password: 'Passwort', login: 'Anmelden', lock: 'Sperren',
    children: 'Kinder', required: 'Bitte ausfüllen.',
  },
  en: {
    nav: 'Main navigation', families: 'Families', search: 'Search families', newFamily: 'Register a new family',
    displayName: 'Family name (household)', phone: 'Phone', street: 'Street and number', next: 'Next',
    firstName: 'First name', lastName: 'Last name', birthYear: 'Year of birth', addPerson: 'Add a person',
    interpreter: 'Interpreter needed', interpreterLanguage: 'For which language?', turkish: 'Turkish',
    storage: 'Storing the data', given: 'consented', save: 'Save family',
    duplicate: 'Possibly known already', openExisting: 'Open this family', members: 'Household',
    contactSaved: 'Contact logged.', walkIn: 'Visit at the office', user: 'User name', password: 'Password', login: 'Log in', lock: 'Lock',
    children: 'children', required: 'Please fill this in.',
  },
} as const;

type Ui = (typeof UI)['de' | 'en'];

/** Types one person into the members step, the way staff do: Tab from field to field. */
async function person(page: Page, ui: Ui, index: number, first: string, last: string, year: number, role?: 'child') {
  const firsts = page.getByRole('textbox', { name: ui.firstName, exact: true });
  await firsts.nth(index).fill(first);
  await page.getByRole('textbox', { name: ui.lastName, exact: true }).nth(index).fill(last);
  await page.getByRole('textbox', { name: ui.birthYear, exact: true }).nth(index).fill(String(year));
  if (role) expect(role).toBe('child');
}

for (const lng of ['de', 'en'] as const) {
  const ui = UI[lng];
  test(`front desk (${lng}): register, find by transliteration, duplicate warning, two-key contact, family card PDF`, async ({ page, bridge }) => {
    test.setTimeout(120_000);
    await setUpOffice(bridge);
    await page.goto(bridge.url);
    // The search field has focus at once: staff can type the moment the screen appears.
    await expect(page.getByRole('combobox', { name: UI.de.search })).toBeFocused();
    if (lng === 'en') await page.getByText('EN', { exact: true }).click();
    const nav = page.getByRole('navigation', { name: ui.nav });
    await expect(nav).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, `frontdesk-${lng}`);

    // Register a walk-in family: two parents, two children (Alt+N opens the wizard)
    await page.keyboard.press('Alt+n');
    await field(page, ui.displayName).fill('Yılmaz');
    await field(page, ui.street).fill('Kaiser-Max-Straße 12');
    await field(page, ui.phone).fill('0151 2345678');
    await page.keyboard.press('Enter');
    // The first person must have a first name: the step refuses and says so
    await page.getByRole('button', { name: ui.next }).click();
    await expect(page.getByText(ui.required).first()).toBeVisible();
    await person(page, ui, 0, 'Ayşe', 'Yılmaz', 1988);
    for (const [i, [first, year]] of ([['Mehmet', 1985], ['Elif', 2016], ['Can', 2020]] as const).entries()) {
      await page.getByRole('button', { name: ui.addPerson }).click();
      await person(page, ui, i + 1, first, 'Yılmaz', year);
    }
    await expectAccessible(page);
    await screenshot(page, `intake-members-${lng}`);
    await page.getByRole('button', { name: ui.next }).click();
    await page.getByRole('checkbox', { name: ui.interpreter }).check();
    await page.getByRole('combobox', { name: ui.interpreterLanguage }).click();
    await page.getByRole('option', { name: ui.turkish }).click();
    await page.getByRole('button', { name: ui.next }).click();
    await page.getByRole('radiogroup', { name: ui.storage }).getByText(ui.given, { exact: true }).click();
    await expectAccessible(page);
    await screenshot(page, `intake-consents-${lng}`);
    await page.getByRole('button', { name: ui.next }).click();
    await page.getByRole('button', { name: ui.save }).click();

    // The family page: household with children, the code, a first contact in the timeline
    await expect(page.getByRole('heading', { level: 1, name: 'Yılmaz' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Elif Yılmaz', exact: true })).toBeVisible();
    // Roles follow from the birth years typed: Mehmet (1985) is a parent, Can (2020) a child.
    await expect(page.getByRole('row', { name: /Mehmet Yılmaz/ })).toContainText(lng === 'de' ? 'Elternteil' : 'Parent');
    await expect(page.getByRole('row', { name: /Can Yılmaz/ })).toContainText(lng === 'de' ? 'Kind' : 'Child');
    // Found at the office's other PC (on a hub; the same PC otherwise), with its code.
    const code = (await rpc(elsewhere(bridge), 'families.search', { query: 'yilmaz' })).data.items[0].code as string;
    expect(code).toMatch(/^[0-9A-Z]{6}$/);

    // A short contact with two keys: K, then Enter
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('k');
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, `contact-dialog-${lng}`);
    await page.keyboard.press('Enter');
    await expect(page.getByText(ui.contactSaved)).toBeVisible();
    // Let the dialog finish closing: axe would judge its half-faded button.
    await expect(page.getByRole('dialog')).toBeHidden();
    const family = await rpc(elsewhere(bridge), 'families.search', { query: code });
    const details = await rpc(elsewhere(bridge), 'families.get', { id: family.data.items[0].id });
    expect(details.data.contacts).toHaveLength(2);
    await expectAccessible(page);
    await screenshot(page, `family-page-${lng}`);

    // The family card, printed to PDF, carries the family code
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const text = await pdfText(pdf);
    expect(text).toContain(code);
    expect(text).toContain('Yılmaz');

    // A second worker (reception), her account made on the other PC, searches "yilmaz" here and finds "Yılmaz"
    const staff = await rpc(elsewhere(bridge), 'users.create', { username: 'empfang', displayName: 'Emil Empfang', role: 'reception' });
    const temporary = staff.data.temporaryPassword as string;
    await page.getByRole('button', { name: ui.lock, exact: true }).click();
    await field(page, ui.user).fill('empfang');
    await field(page, ui.password).fill(temporary);
    await page.keyboard.press('Enter');
    await field(page, lng === 'de' ? 'Bisheriges Passwort' : 'Current password').fill(temporary);
    await field(page, lng === 'de' ? 'Neues Passwort' : 'New password').fill('Rezeption-Tulpe-Regen-5');
    await field(page, lng === 'de' ? 'Neues Passwort wiederholen' : 'Repeat new password').fill('Rezeption-Tulpe-Regen-5');
    await page.keyboard.press('Enter');
    const search = page.getByRole('combobox', { name: ui.search });
    await search.fill('yilmaz');
    const first = page.getByRole('option').first();
    await expect(first).toContainText('Yılmaz');
    await expect(first).toContainText('Elif 2016');
    await screenshot(page, `frontdesk-results-${lng}`);

    // Registering "Yilmaz, Ayse" again raises the duplicate warning, side by side, with a way to open the existing family
    await page.keyboard.press('Alt+n');
    await field(page, ui.displayName).fill('Yilmaz');
    await page.keyboard.press('Enter');
    await person(page, ui, 0, 'Ayse', 'Yilmaz', 1988);
    const warning = page.getByTestId('duplicate-warning');
    await expect(warning).toBeVisible();
    await expect(warning).toContainText(ui.duplicate);
    await expect(warning).toContainText('Yılmaz');
    await expectAccessible(page);
    await screenshot(page, `intake-duplicate-${lng}`);
    // Nothing typed is lost when the app locks in the middle of an intake
    await person(page, ui, 0, 'Ayse', 'Yilmaz-Demir', 1988);
    await page.getByRole('button', { name: lng === 'de' ? 'Zwischenspeichern' : 'Save for later' }).click();
    await page.keyboard.press('Control+l');
    await field(page, ui.user).fill('empfang');
    await field(page, ui.password).fill('Rezeption-Tulpe-Regen-5');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: lng === 'de' ? 'Weiter bearbeiten' : 'Continue editing' }).click();
    // Back on the same step, with what was typed
    await expect(page.getByRole('textbox', { name: ui.lastName, exact: true }).first()).toHaveValue('Yilmaz-Demir');
    await expect(page.getByRole('textbox', { name: ui.firstName, exact: true }).first()).toHaveValue('Ayse');
    await expect(warning).toBeVisible();
    await warning.getByRole('button', { name: ui.openExisting }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Yılmaz' })).toBeVisible();
    expect((await rpc(bridge, 'families.search', { query: 'yilmaz' })).data.items).toHaveLength(1);
    void OFFICE;
  });
}
