import type { Page } from '@playwright/test';
import { familyInput } from '../support/families';
import { elsewhere, expect, expectAccessible, field, rpc, screenshot, setUpOffice, test } from './bridge';
import { containsRtl, pdfText } from './pdf';

const UI = {
  de: {
    search: 'Familie suchen', edit: 'Bearbeiten', street: 'Straße und Hausnummer', phone: 'Telefon', saveChanges: 'Änderungen speichern', changesSaved: 'Die Änderungen wurden gespeichert.',
    newFirst: 'Vorname der neuen Person', newYear: 'Geburtsjahr der neuen Person', child: 'Kind', birthYear: 'Geburtsjahr', savePerson: 'Person speichern',
    movedOut: 'Ausgezogen', movedOutOn: 'ausgezogen am', conflict: 'Inzwischen von jemand anderem gespeichert', keepMine: 'Bei den Unterschieden meine Eingaben behalten',
    recordVolunteer: 'Einwilligung erfassen: Weitergabe von Name und Termin an Ehrenamtliche', saveConsent: 'Einwilligung speichern', given: 'eingewilligt', earlier: 'Frühere Einträge (1)',
    formLanguage: 'Sprache des Formulars', arabic: 'Deutsch und Arabisch', print: 'Einwilligungsformular drucken',
    nav: 'Hauptnavigation', families: 'Familien', district: 'Stadtteil', language: 'Sprache', turkish: 'Türkisch', lastContact: 'Letzter Kontakt', table: 'Familienliste',
    immigration: 'Einwanderungsgeschichte', no: 'nein', ownImmigration: 'Einwanderungsgeschichte (eigene Angabe): nein',
    school: 'Kindergarten oder Schule (optional)', takeTheirs: 'Bei den Unterschieden die gespeicherten Werte nehmen', status: 'Status', closed: 'abgeschlossen', discardTitle: 'Ihre Änderungen verwerfen?', keepEditing: 'Weiter bearbeiten', reason: 'Grund für den Abschluss', reasonMissing: 'Bitte einen Grund angeben',
  },
  en: {
    search: 'Search families', edit: 'Edit', street: 'Street and number', phone: 'Phone', saveChanges: 'Save changes', changesSaved: 'The changes have been saved.',
    newFirst: 'First name of the new person', newYear: 'Year of birth of the new person', child: 'Child', birthYear: 'Year of birth', savePerson: 'Save person',
    movedOut: 'Moved out', movedOutOn: 'moved out on', conflict: 'Saved by someone else in the meantime', keepMine: 'Where they differ, keep my entries',
    recordVolunteer: 'Record consent: Passing name and appointment to a volunteer', saveConsent: 'Save consent', given: 'consented', earlier: 'Earlier entries (1)',
    formLanguage: 'Language of the form', arabic: 'German and Arabic', print: 'Print consent form',
    nav: 'Main navigation', families: 'Families', district: 'District', language: 'Language', turkish: 'Turkish', lastContact: 'Last contact', table: 'Family list',
    immigration: 'Immigration history', no: 'no', ownImmigration: 'Immigration history (own answer): no',
    school: 'Kindergarten or school (optional)', takeTheirs: 'Where they differ, take the saved values', status: 'Status', closed: 'closed', discardTitle: 'Discard your changes?', keepEditing: 'Keep editing', reason: 'Reason for closing', reasonMissing: 'Please give a reason',
  },
} as const;

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

async function openFamily(page: Page, search: string, query: string, name: string) {
  await page.getByRole('combobox', { name: search }).fill(query);
  await expect(page.getByRole('option').first()).toContainText(name);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function start(page: Page, lng: 'de' | 'en', url: string) {
  await page.goto(url);
  // A second tab starts in the language the first one chose.
  await expect(page.getByRole('combobox', { name: new RegExp(`${UI.de.search}|${UI.en.search}`) })).toBeVisible();
  await page.getByText(lng.toUpperCase(), { exact: true }).click();
  await expect(page.getByRole('combobox', { name: UI[lng].search })).toBeVisible();
}

for (const lng of ['de', 'en'] as const) {
  const ui = UI[lng];

  test(`family record (${lng}): edit address and phone, add a baby, correct a year, moved out, later consent, consent form in Arabic`, async ({ page, bridge }) => {
    test.setTimeout(120_000);
    await setUpOffice(bridge);
    await rpc(bridge, 'settings.update', { officeLocation: 'Kaiser-Max-Straße 1, 87600 Kaufbeuren', officeContact: 'Telefon 08341 0000-0\nfamilien@example.org' });
    // Registered a week ago, the volunteer consent refused then.
    const weekAgo = isoDaysAgo(7);
    const created = await rpc(elsewhere(bridge), 'families.create', familyInput({ consents: [
      { purpose: 'data_storage', given: true, date: weekAgo, formVersion: '2026-01', formLanguage: 'ar' },
      { purpose: 'volunteer_sharing', given: false, date: weekAgo, formVersion: '2026-01', formLanguage: 'ar' },
    ] }));
    expect(created.ok).toBe(true);
    await start(page, lng, bridge.url);
    await openFamily(page, ui.search, 'yilmaz', 'Yılmaz');

    // Edit with the key E: the household moved and has a new phone.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('e');
    const dialog = page.getByRole('dialog');
    await expect(field(dialog, ui.street)).toHaveValue('Kaiser-Max-Straße 12');
    await field(dialog, ui.street).fill('Neugablonzer Straße 5');
    await field(dialog, ui.phone).fill('abc');
    await dialog.getByRole('button', { name: ui.saveChanges }).click();
    // A bad phone is refused next to the field; nothing typed is lost.
    await expect(dialog.getByText(lng === 'de' ? /Bitte nur Ziffern/ : /only digits/)).toBeVisible();
    await expect(field(dialog, ui.street)).toHaveValue('Neugablonzer Straße 5');
    await field(dialog, ui.phone).fill('0170 9876543');
    await expectAccessible(page);
    await screenshot(page, `family-edit-${lng}`);
    await dialog.getByRole('button', { name: ui.saveChanges }).click();
    await expect(page.getByText(ui.changesSaved)).toBeVisible();
    await expect(page.getByText(/Neugablonzer Straße 5/)).toBeVisible();
    await expect(page.getByText(/0170 9876543/)).toBeVisible();

    // A new baby: first name, year, Enter.
    const year = new Date().getFullYear();
    await field(page, ui.newFirst).fill('Lina');
    await field(page, ui.newYear).fill(String(year));
    await page.keyboard.press('Enter');
    const lina = page.getByRole('row', { name: /Lina Yılmaz/ });
    await expect(lina).toContainText(ui.child);
    await expect(lina).toContainText(String(year));
    // Found by her name at once.
    expect((await rpc(elsewhere(bridge), 'families.search', { query: 'lina yilmaz' })).data.items[0].displayName).toBe('Yılmaz');

    // Elif was born in 2015, not 2016; she answers the Einwanderungsgeschichte herself (the family did not).
    await page.getByRole('button', { name: lng === 'de' ? 'Elif Yılmaz bearbeiten' : 'Edit Elif Yılmaz' }).click();
    await field(page.getByRole('dialog'), ui.birthYear).fill('2015');
    await page.getByRole('dialog').getByRole('combobox', { name: ui.immigration, exact: true }).click();
    await page.getByRole('option', { name: ui.no, exact: true }).click();
    await expectAccessible(page);
    await screenshot(page, `member-edit-${lng}`);
    await page.getByRole('button', { name: ui.savePerson }).click();
    await expect(page.getByRole('row', { name: /Elif Yılmaz/ })).toContainText('2015');
    // Her own answer shows where it differs from the family's.
    await expect(page.getByRole('row', { name: /Elif Yılmaz/ })).toContainText(ui.ownImmigration);

    // Mehmet moved out: marked with the date, kept in the history.
    await page.getByRole('button', { name: lng === 'de' ? 'Mehmet Yılmaz bearbeiten' : 'Edit Mehmet Yılmaz' }).click();
    await page.getByRole('checkbox', { name: ui.movedOut }).check();
    await page.getByRole('button', { name: ui.savePerson }).click();
    await expect(page.getByRole('row', { name: /Mehmet Yılmaz/ })).toContainText(ui.movedOutOn);
    await expect(page.getByRole('table', { name: ui.movedOut })).toContainText('Mehmet Yılmaz');
    const family = (await rpc(elsewhere(bridge), 'families.get', { id: created.data.id })).data;
    expect(family.members.find((m: { firstName: string }) => m.firstName === 'Mehmet').movedOutAt).toBe(new Date().toISOString().slice(0, 10));

    // A week after intake, the family agrees to the volunteer sharing.
    await page.getByRole('button', { name: ui.recordVolunteer }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: ui.saveConsent }).click();
    const volunteer = page.getByTestId('consent-volunteer_sharing');
    await expect(volunteer.getByText(ui.given, { exact: true })).toBeVisible();
    await volunteer.getByRole('button', { name: ui.earlier }).click();
    await expect(volunteer).toContainText(lng === 'de' ? 'abgelehnt' : 'refused');
    await expectAccessible(page);
    await screenshot(page, `family-record-${lng}`);

    // The consent form in German and Arabic, printed: the Arabic heading and the form version are in the PDF.
    await page.getByRole('combobox', { name: ui.formLanguage }).click();
    await page.getByRole('option', { name: ui.arabic }).click();
    // Headless Chromium cannot open a print dialog: count the call, then print to PDF as the dialog would.
    await page.evaluate(() => {
      const page = globalThis as unknown as { printed: number; print: () => void };
      page.printed = 0;
      page.print = () => void page.printed++;
    });
    await page.getByRole('button', { name: ui.print }).click();
    await expect(page.getByTestId('consent-form')).toBeAttached();
    expect(await page.evaluate(() => (globalThis as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, `consent-form-ar-${lng}`);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const text = (await pdfText(pdf)).normalize('NFKC');
    expect(text).toContain('Formular-Version 2026-01');
    expect(text).toContain('Einwilligung in die Verarbeitung personenbezogener Daten');
    expect(containsRtl(text, 'الموافقة على معالجة البيانات الشخصية')).toBe(true);
    // The check itself can fail: a heading that is not on the form is not found.
    expect(containsRtl(text, 'استمارة التسجيل في الفعاليات')).toBe(false);
    expect(text).toContain('08341 0000-0');

    // Closing the family needs a reason. (And Escape never throws away what was typed without asking.)
    await page.getByRole('button', { name: ui.edit, exact: true }).click();
    await field(page.getByRole('dialog'), ui.street).fill('Irrtum 1');
    await page.keyboard.press('Escape');
    await expect(page.getByText(ui.discardTitle)).toBeVisible();
    await page.getByRole('button', { name: ui.keepEditing }).click();
    await expect(field(page.getByRole('dialog'), ui.street)).toHaveValue('Irrtum 1');
    await field(page.getByRole('dialog'), ui.street).fill('Neugablonzer Straße 5');
    await page.getByRole('dialog').getByText(ui.closed, { exact: true }).click();
    await page.getByRole('button', { name: ui.saveChanges }).click();
    await expect(page.getByText(ui.reasonMissing)).toBeVisible();
    await field(page.getByRole('dialog'), ui.reason).fill(lng === 'de' ? 'Nach Augsburg gezogen' : 'Moved to Augsburg');
    await page.getByRole('button', { name: ui.saveChanges }).click();
    await expect(page.getByText(lng === 'de' ? /abgeschlossen \(Nach Augsburg gezogen\)/ : /closed \(Moved to Augsburg\)/)).toBeVisible();
  });

  test(`family record (${lng}): two pages edit the same family, the second sees both values and overwrites nothing`, async ({ page, bridge, context }) => {
    await setUpOffice(bridge);
    const created = await rpc(elsewhere(bridge), 'families.create', familyInput());
    const other = await context.newPage();
    for (const tab of [page, other]) {
      await start(tab, lng, bridge.url);
      await openFamily(tab, ui.search, 'yilmaz', 'Yılmaz');
      await tab.getByRole('button', { name: ui.edit, exact: true }).click();
    }
    await field(other.getByRole('dialog'), ui.phone).fill('0151 1111111');
    await field(other.getByRole('dialog'), ui.street).fill('Spitalhof 2');
    await other.getByRole('button', { name: ui.saveChanges }).click();
    await expect(other.getByText(ui.changesSaved)).toBeVisible();

    await field(page.getByRole('dialog'), ui.phone).fill('0151 2222222');
    await page.getByRole('button', { name: ui.saveChanges }).click();
    const conflict = page.getByTestId('family-conflict');
    await expect(conflict).toContainText(ui.conflict);
    await expect(conflict.getByRole('row', { name: new RegExp(ui.phone) })).toContainText('0151 1111111');
    await expect(conflict.getByRole('row', { name: new RegExp(ui.phone) })).toContainText('0151 2222222');
    // Nothing was overwritten.
    expect((await rpc(elsewhere(bridge), 'families.get', { id: created.data.id })).data.phone).toBe('0151 1111111');
    await expectAccessible(page);
    await screenshot(page, `family-conflict-${lng}`);
    // The street only they changed is taken over, not shown as a conflict.
    await expect(conflict).toContainText(ui.street);
    await expect(field(page.getByRole('dialog'), ui.street)).toHaveValue('Spitalhof 2');
    await expect(conflict.getByRole('row', { name: new RegExp(ui.street) })).toHaveCount(0);
    // Keeping one's own entries is a choice, made with both in view — and it does not undo their street.
    await page.getByRole('button', { name: ui.keepMine }).click();
    await page.getByRole('button', { name: ui.saveChanges }).click();
    await expect(page.getByText(ui.changesSaved)).toBeVisible();
    expect((await rpc(elsewhere(bridge), 'families.get', { id: created.data.id })).data).toMatchObject({ phone: '0151 2222222', street: 'Spitalhof 2' });

    // The same for a person: both open Elif, the other tab saves first; this one is told and chooses.
    const editElif = lng === 'de' ? 'Elif Yılmaz bearbeiten' : 'Edit Elif Yılmaz';
    for (const tab of [page, other]) await tab.getByRole('button', { name: editElif }).click();
    await field(other.getByRole('dialog'), ui.school).fill('Grundschule Hirschzell');
    await other.getByRole('button', { name: ui.savePerson }).click();
    await expect(other.getByRole('dialog')).toBeHidden();
    await field(page.getByRole('dialog'), ui.birthYear).fill('2015');
    await page.getByRole('button', { name: ui.savePerson }).click();
    const memberConflict = page.getByTestId('member-conflict');
    await expect(memberConflict).toContainText('Grundschule Hirschzell');
    await expectAccessible(page);
    await memberConflict.getByRole('button', { name: ui.takeTheirs }).click();
    await expect(field(page.getByRole('dialog'), ui.school)).toHaveValue('Grundschule Hirschzell');
    await field(page.getByRole('dialog'), ui.birthYear).fill('2015');
    await page.getByRole('button', { name: ui.savePerson }).click();
    await expect(page.getByRole('row', { name: /Elif Yılmaz/ })).toContainText('2015');
    await expect(page.getByRole('row', { name: /Elif Yılmaz/ })).toContainText('Grundschule Hirschzell');
  });

  test(`family list (${lng}): filter by district and language, sort by last contact, open with Enter, export CSV`, async ({ page, bridge }) => {
    await setUpOffice(bridge);
    const districts = (await rpc(elsewhere(bridge), 'districts.list')).data.items as { id: string; name: string }[];
    const [haken, other] = [districts.find((d) => d.name === 'Haken')!, districts.find((d) => d.name !== 'Haken')!];
    const make = async (displayName: string, districtId: string, languages: string[], daysAgo: number) => {
      const made = await rpc(elsewhere(bridge), 'families.create', familyInput({ displayName, districtId, languages: languages as never, preferredLanguage: null, interpreterNeeded: false, interpreterLanguage: null, contact: undefined, members: [{ firstName: 'Anna', lastName: displayName, birthYear: 1990, role: 'parent' }] }));
      expect(made.ok).toBe(true);
      await rpc(elsewhere(bridge), 'contacts.log', { familyId: made.data.id, type: 'phone', topics: [], fieldOfAction: 1, occurredAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString() });
    };
    await make('Arslan', haken.id, ['tr'], 30);
    await make('Demir', haken.id, ['tr', 'de'], 2);
    await make('Kaya', haken.id, ['tr'], 10);
    await make('Novak', haken.id, ['uk'], 1);
    await make('Öztürk', other.id, ['tr'], 0);
    await start(page, lng, bridge.url);
    await page.getByRole('navigation', { name: ui.nav }).getByRole('button', { name: ui.families }).click();
    const table = page.getByRole('table', { name: ui.table });
    await expect(table.getByRole('row')).toHaveCount(6);

    await page.getByRole('combobox', { name: ui.district, exact: true }).click();
    await page.getByRole('option', { name: 'Haken' }).click();
    await page.getByRole('combobox', { name: ui.language, exact: true }).click();
    await page.getByRole('option', { name: ui.turkish }).click();
    await expect(table.getByRole('row')).toHaveCount(4);
    await page.getByRole('button', { name: ui.lastContact }).click();
    // Newest contact first.
    await expect(table.getByRole('row').nth(1)).toContainText('Demir');
    await expect(table.getByRole('row').nth(2)).toContainText('Kaya');
    await expect(table.getByRole('row').nth(3)).toContainText('Arslan');
    await expectAccessible(page);
    await screenshot(page, `family-list-${lng}`);

    // The coordinator exports the filtered list for German Excel.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: lng === 'de' ? 'Als CSV exportieren' : 'Export as CSV' }).click()]);
    const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain(';');
    expect(lines[1]).toContain(';Demir;Haken;');
    const audit = await rpc(bridge, 'audit.list', {});
    expect(JSON.stringify(audit.data)).toContain('families.exportList');

    // Tab to a family's name, Enter opens it; back returns to the same filtered list.
    await table.getByRole('button', { name: 'Kaya' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Kaya' })).toBeVisible();
    await page.getByRole('button', { name: lng === 'de' ? 'Zurück' : 'Back' }).first().click();
    await expect(table.getByRole('row')).toHaveCount(4);
  });
}
