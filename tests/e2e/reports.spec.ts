import { readFileSync } from 'node:fs';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import ExcelJS from 'exceljs';
import { localDay } from '../../src/shared/dates';
import { familyInput } from '../support/families';
import { elsewhere, expect, expectAccessible, logInAsCoordinator, rpc, screenshot, setUpOffice, test, type BridgeHandle } from './bridge';
import { pdfText } from './pdf';

const UI = {
  de: {
    nav: 'Berichte', reachTab: 'Reichweite', centralTab: 'Zentralprojekt', families: 'Erreichte Familien', familiesCount: (n: number) => `${n} Familien`,
    xlsx: 'Als Excel (XLSX)', print: 'Drucken / PDF', period: 'Zeitraum', thisYear: 'Dieses Jahr', preview: 'Vorschau', build: 'Paket erstellen', saveAs: 'Speichern unter …',
    legend: 'Primär unterdrückt: weniger als 5', charts: 'Reichweite im Zeitverlauf', withoutConsent: /2 im Zeitraum erreichte Familien sind nicht in den Datensätzen/, openFamily: 'Familie Haddad öffnen', parentCafe: 'Elterncafé',
    admin: 'Verwaltung', settingsTab: 'Einstellungen', recipient: 'Öffentlicher Schlüssel der Zentrale', threshold: 'Schwelle für kleine Zahlen', keySet: /^Eingetragen\./, save: 'Einstellungen speichern',
    badRecipient: 'Ein öffentlicher Schlüssel der Zentrale beginnt mit »age1« und hat 62 Zeichen.',
    familiesSuppressed: 'Familien: unterdrückt (weniger als 5)', recordsWithheld: /enthält das Paket keine Datensätze/, suppressed: 'unterdrückt', removeKey: 'Schlüssel entfernen', removeKeyTitle: 'Pseudonym-Schlüssel entfernen?', keyUnset: /^Noch nicht eingetragen/,
    dark: 'Dunkle Darstellung', light: 'Helle Darstellung',
    historyDefinition: 'Einwanderungsgeschichte', withHistory: 'mit Einwanderungsgeschichte', eventTypeFilter: 'Art der Veranstaltung', resetFilters: 'Filter zurücksetzen',
  },
  en: {
    nav: 'Reports', reachTab: 'Reach', centralTab: 'Central project', families: 'Families reached', familiesCount: (n: number) => `${n} families`,
    xlsx: 'As Excel (XLSX)', print: 'Print / PDF', period: 'Period', thisYear: 'This year', preview: 'Preview', build: 'Build package', saveAs: 'Save as …',
    legend: 'Primary suppression: fewer than 5', charts: 'Reach over time', withoutConsent: /2 families reached in the period are not among the records/, openFamily: 'Open family Haddad', parentCafe: "Parents' café",
    admin: 'Administration', settingsTab: 'Settings', recipient: "Central project's public key", threshold: 'Threshold for small figures', keySet: /^Set\./, save: 'Save settings',
    badRecipient: 'A public key of the central project starts with "age1" and has 62 characters.',
    familiesSuppressed: 'Families: suppressed (fewer than 5)', recordsWithheld: /the package holds no records/, suppressed: 'suppressed', removeKey: 'Remove key', removeKeyTitle: 'Remove the pseudonym key?', keyUnset: /^Not set yet/,
    dark: 'Dark mode', light: 'Light mode',
    historyDefinition: 'Immigration history', withHistory: 'with immigration history', eventTypeFilter: 'Type of event', resetFilters: 'Reset filters',
  },
} as const;

const consent = (purpose: 'data_storage' | 'central_transfer') => ({ purpose, given: true, date: localDay(), formVersion: '2026-01', formLanguage: 'de' as const });

/** Four families, a phone call, an Elterncafé today with two of them checked in, and an interpreting referral: all this year. */
async function seedReach(bridge: BridgeHandle): Promise<void> {
  const make = async (overrides: Parameters<typeof familyInput>[0]) => {
    const made = await rpc(bridge, 'families.create', familyInput(overrides));
    expect(made.ok, JSON.stringify(made.error)).toBe(true);
    return made.data as { id: string; code: string };
  };
  const both = [consent('data_storage'), consent('central_transfer')];
  const yilmaz = await make({ consents: both as never });
  const haddad = await make({
    displayName: 'Haddad', languages: ['ar', 'de'], preferredLanguage: 'ar', interpreterLanguage: 'ar', consents: both as never,
    members: [{ firstName: 'Rana', lastName: 'Haddad', birthYear: 1990, role: 'parent', gender: 'female' }, { firstName: 'Omar', lastName: 'Haddad', birthYear: 2018, role: 'child' }] as never,
  });
  const schneider = await make({
    displayName: 'Schneider', migrationBackground: 'no', languages: ['de'], preferredLanguage: 'de', interpreterNeeded: false, interpreterLanguage: undefined, consents: [consent('data_storage')] as never,
    members: [{ firstName: 'Jonas', lastName: 'Schneider', birthYear: 1984, role: 'parent', gender: 'male' }, { firstName: 'Mia', lastName: 'Schneider', birthYear: 2015, role: 'child' }] as never,
  });
  await make({
    displayName: 'Nguyen', migrationBackground: 'not_stated', languages: ['vi'], preferredLanguage: 'vi', interpreterLanguage: 'vi', consents: [consent('data_storage')] as never,
    members: [{ firstName: 'Lan', lastName: 'Nguyen', birthYear: 1991, role: 'parent', gender: 'female' }] as never,
  });
  expect((await rpc(bridge, 'contacts.log', { familyId: haddad.id, type: 'phone', topics: ['school'], fieldOfAction: 2 })).ok).toBe(true);
  const event = await rpc(bridge, 'events.save', { title: 'Elterncafé', type: 'parent_cafe', fieldOfAction: 1, date: localDay(), start: '16:00', end: '18:00', place: 'Stützpunkt' });
  expect(event.ok).toBe(true);
  for (const family of [haddad, schneider]) expect((await rpc(bridge, 'checkin.checkIn', { eventId: event.data.id, code: family.code })).ok).toBe(true);
  const soon = new Date(Date.now() + 2 * 3_600_000).toISOString();
  const referral = await rpc(bridge, 'referrals.create', { familyId: yilmaz.id, kind: 'interpreting', language: 'tr', reason: 'doctor', appointmentAt: soon, place: 'Praxis Dr. Huber', durationMin: 60 });
  expect(referral.ok, JSON.stringify(referral.error)).toBe(true);
}

for (const lng of ['de', 'en'] as const) {
  const ui = UI[lng];

  test(`reports (${lng}): this year's reach, a figure opened to its families, XLSX and PDF with the same figures, the central package previewed, built and listed`, async ({ page, bridge }) => {
    test.setTimeout(180_000);
    await setUpOffice(bridge);
    // The year's work is recorded, and the figures counted, at the office's other PC (on a hub; the same PC otherwise).
    await seedReach(elsewhere(bridge));
    const expected = (await rpc(elsewhere(bridge), 'reports.reach', { from: `${new Date().getFullYear()}-01-01`, to: `${new Date().getFullYear()}-12-31` })).data;
    const settings = (await rpc(bridge, 'settings.get', {})).data as { fundingLine: string; projectName: string };

    await logInAsCoordinator(page, bridge, lng);
    await page.getByRole('navigation').getByRole('button', { name: ui.nav }).click();
    await expect(page.getByRole('heading', { level: 1, name: ui.nav })).toBeVisible();

    // This year's report: four families reached, the figure as the core counts it.
    const families = page.getByTestId('figure-families');
    await expect(families).toHaveText('4');
    expect(expected.summary.families).toBe(4);
    await expect(page.getByTestId('figure-persons')).toHaveText(String(expected.summary.persons));
    await expect(page.getByTestId('period-words')).toContainText(String(new Date().getFullYear()));
    await expect(page.getByRole('img', { name: ui.charts })).toBeVisible();
    // One Elterncafé, two families of two checked in: 4 participations by 4 persons.
    await expect(page.getByTestId('report-table-eventType').getByRole('row', { name: ui.parentCafe })).toHaveText(new RegExp(`${ui.parentCafe}\\s*1\\s*4\\s*4`));
    await expectAccessible(page);
    await screenshot(page, `reports-${lng}`);
    // The same in dark: text and chart colours stay readable.
    await page.getByRole('button', { name: ui.dark }).click();
    await expectAccessible(page);
    await screenshot(page, `reports-dark-${lng}`);
    await page.getByRole('button', { name: ui.light }).click();

    // Drill into the families figure: the coordinator sees the names, and a way to each family.
    await families.click();
    const drawer = page.getByRole('dialog', { name: ui.families });
    await expect(drawer.getByTestId('drill-count')).toHaveText(ui.familiesCount(4));
    for (const name of ['Yılmaz', 'Haddad', 'Schneider', 'Nguyen']) await expect(drawer.getByTestId('drill-list')).toContainText(name);
    await expect(drawer.getByRole('button', { name: ui.openFamily })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, `reports-drill-${lng}`);
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();

    // A table cell opens what it counts: persons checked in at the Elterncafé.
    await page.getByTestId('report-table-eventType').getByRole('button').first().click();
    await expect(page.getByRole('dialog').getByTestId('drill-list')).toContainText('Rana Haddad');
    await page.keyboard.press('Escape');

    // XLSX: the same number of families as on screen.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: ui.xlsx }).click();
    const file = await download;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await file.path())!) as unknown as ArrayBuffer);
    const overview = new Map<string, unknown>();
    book.worksheets[0]!.eachRow((row) => overview.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(overview.get(ui.families)).toBe(Number(await families.textContent()));

    // PDF of the print sheet: the figure, the period and the funding line.
    await page.evaluate(() => {
      (globalThis as unknown as { print: () => void }).print = () => undefined;
    });
    await page.getByRole('button', { name: ui.print }).click();
    await expect(page.getByTestId('report-sheet')).toBeAttached();
    await page.emulateMedia({ media: 'print' });
    const text = (await pdfText(await page.pdf({ printBackground: true }))).normalize('NFKC').replace(/\s+/g, ' ');
    await screenshot(page, `report-sheet-${lng}`);
    await page.emulateMedia({ media: 'screen' });
    const year = new Date().getFullYear();
    expect(text).toContain(`${ui.families} 4`);
    expect(text).toContain(lng === 'de' ? `01.01.${year} – 31.12.${year}` : `Jan 1, ${year} – Dec 31, ${year}`);
    // The PDF's text comes back NFKC-folded (M³ → M3), as pdf.js reads it.
    expect(text).toContain(settings.fundingLine.normalize('NFKC').replace(/\s+/g, ' ').slice(0, 60));
    expect(text).toContain(settings.projectName.normalize('NFKC'));

    // Filters: the migration columns by immigration history, then only the Elterncafé's families; the report follows, and stays exportable.
    await page.getByText(ui.historyDefinition, { exact: true }).click();
    await expect(page.getByTestId('report-table-migration')).toContainText(ui.withHistory);
    await page.getByRole('combobox', { name: ui.eventTypeFilter, exact: true }).click();
    await page.getByRole('option', { name: ui.parentCafe, exact: true }).click();
    await expect(families).toHaveText('2');
    await expect(page.getByRole('button', { name: ui.xlsx })).toBeEnabled();
    await page.getByRole('button', { name: ui.resetFilters }).click();
    await expect(families).toHaveText('4');

    // The central package: a recipient (as the central project hands it out) and the pseudonym key, set over the bridge.
    const identity = await generateX25519Identity();
    expect((await rpc(bridge, 'settings.update', { centralRecipient: await identityToRecipient(identity), pseudonymKey: 'ab'.repeat(32) })).ok).toBe(true);
    await page.getByRole('tab', { name: ui.centralTab }).click();
    await page.getByRole('combobox', { name: ui.period, exact: true }).click();
    await page.getByRole('option', { name: ui.thisYear, exact: true }).click();
    await expect(page.getByRole('button', { name: ui.build })).toBeDisabled();
    await page.getByRole('button', { name: ui.preview }).click();
    const preview = page.getByTestId('export-preview');
    // Four families are fewer than the threshold of 5: the figure leaves suppressed, and the legend says why.
    await expect(preview.getByTestId('preview-table-summary').getByTestId('suppressed-primary').first()).toBeVisible();
    await expect(page.getByTestId('suppression-legend')).toContainText(ui.legend);
    await expect(preview.getByTestId('without-consent')).toContainText(ui.withoutConsent);
    // …and so no records either: their number would give the small count away.
    await expect(preview.getByTestId('preview-records').locator('tbody tr')).toHaveCount(0);
    await expect(preview.getByText(ui.recordsWithheld)).toBeVisible();
    await expect(preview.getByTestId('missing-recipient')).toHaveCount(0);
    await expectAccessible(page);
    await screenshot(page, `export-preview-${lng}`);

    // Build (from exactly the preview shown): where it went, its checksum, and the same checksum in the list of packages.
    await page.getByRole('button', { name: ui.build }).click();
    const checksum = (await page.getByTestId('package-checksum').textContent())!.trim();
    // Four families are below the threshold: the package's count of families left suppressed, here and in the list.
    await expect(page.getByTestId('package-families')).toHaveText(ui.familiesSuppressed);
    expect(checksum).toMatch(/^[0-9a-f]{64}$/);
    const saved = page.waitForEvent('download');
    await page.getByRole('button', { name: ui.saveAs }).click();
    expect((await saved).suggestedFilename()).toMatch(/^m3-.*\.m3pkg$/);
    const row = page.getByTestId('export-history').getByTestId('export-row').first();
    await expect(row).toContainText(checksum.slice(0, 16));
    await expect(row.locator(`[title="${checksum}"]`)).toHaveCount(1);
    await expect(row.getByTestId('export-families')).toHaveText(ui.suppressed);
    await expectAccessible(page);
    await screenshot(page, `export-built-${lng}`);

    // Administration → Settings → Central project: the key is "set" but never shown; saving without typing it keeps it.
    await page.getByRole('navigation').getByRole('button', { name: ui.admin }).click();
    await page.getByRole('tab', { name: ui.settingsTab }).click();
    const central = page.getByTestId('central-settings');
    await expect(central.getByRole('textbox', { name: ui.recipient })).toHaveValue(/^age1/);
    await expect(central.getByText(ui.keySet)).toBeVisible();
    await expect(central.locator('input[type=password]')).toHaveValue('');
    await central.getByRole('textbox', { name: ui.recipient }).fill('age1kaputt');
    await page.getByRole('button', { name: ui.save }).click();
    await expect(central.getByText(ui.badRecipient)).toBeVisible();
    await central.getByRole('textbox', { name: ui.recipient }).fill(await identityToRecipient(identity));
    await central.getByRole('textbox', { name: ui.threshold }).fill('3');
    await page.getByRole('button', { name: ui.save }).click();
    await expect.poll(async () => (await rpc(bridge, 'settings.get', {})).data.suppressionThreshold).toBe(3);
    expect((await rpc(bridge, 'settings.get', {})).data.pseudonymKeySet).toBe(true);
    // Scanned once the "saved" notice has gone (axe would measure it mid-fade).
    await expect(page.locator('[class*="Notification-root"]')).toHaveCount(0, { timeout: 15_000 });
    await expectAccessible(page);
    await screenshot(page, `settings-central-${lng}`);

    // The stored pseudonym key can be removed, after a question: packages then hold tables only.
    await central.getByRole('button', { name: ui.removeKey }).click();
    const ask = page.getByRole('dialog', { name: ui.removeKeyTitle });
    await expect(ask).toBeVisible();
    // Scanned once the dialog has faded in (axe measured its buttons' contrast mid-fade on a busy machine).
    await page.waitForFunction(() => (globalThis as unknown as { document: { getAnimations(): { playState: string }[] } }).document.getAnimations().every((a) => a.playState !== 'running'));
    await expectAccessible(page);
    await ask.getByRole('button', { name: ui.removeKey }).click();
    await expect.poll(async () => (await rpc(bridge, 'settings.get', {})).data.pseudonymKeySet).toBe(false);
    await expect(central.getByText(ui.keyUnset)).toBeVisible();
    await expect(central.getByRole('button', { name: ui.removeKey })).toHaveCount(0);
  });
}
