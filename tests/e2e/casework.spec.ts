import type { Page } from '@playwright/test';
import { familyInput } from '../support/families';
import { elsewhere, expect, expectAccessible, field, OFFICE, rpc, screenshot, setUpOffice, test, type BridgeHandle } from './bridge';
import { pdfText } from './pdf';

const UI = {
  de: {
    search: 'Familie suchen', loginTitle: 'Anmelden', username: 'Benutzername', password: 'Passwort', lock: 'Sperren', idle: 'M³ Desk wurde nach längerer Inaktivität gesperrt.',
    continueDraft: 'Weiter bearbeiten', newNote: 'Neue Notiz', noteTitle: 'Neue Fallnotiz', body: 'Notiz', save: 'Speichern', saved: 'Notiz gespeichert.', open: /^Öffnen/, edit: 'Bearbeiten',
    versions: /^Versionen/, versionsTitle: 'Versionen der Notiz', draftRestored: 'Ihr Entwurf wurde wiederhergestellt.', confidential: 'Vertraulich – nur ich kann diese Notiz lesen',
    glassTitle: 'Vertrauliche Notiz öffnen', reason: 'Grund (mindestens 10 Zeichen)', glassConfirm: 'Mit Begründung öffnen', today: 'Heute fällig', take: 'Fall übernehmen',
    openCase: 'Offener Fall · Fallführung: Anna Sozial', createPlan: 'Plan erstellen', addGoal: 'Ziel hinzufügen', addMeasure: 'Maßnahme hinzufügen', description: 'Beschreibung',
    ownerKind: 'Zuständig ist', ownerStaff: 'Mitarbeiter/in', volunteer: 'Ehrenamtliche/r', external: 'Externer Dienst', ownerName: 'Name', dueOn: 'Fällig am', planSaved: 'Plan gespeichert.',
    print: 'Plan drucken', notesHeading: 'Fallnotizen', deleteOpen: 'Löschen', deleteTitle: 'Notiz endgültig löschen', deleteConfirm: 'Endgültig löschen', deleted: 'Gelöscht', overdue: /überfällig seit/, accesses: 'Ihre vertraulichen Notizen wurden geöffnet', sheetTitle: 'Unterstützungsplan',
  },
  en: {
    search: 'Search families', loginTitle: 'Log in', username: 'User name', password: 'Password', lock: 'Lock', idle: 'M³ Desk was locked after a period of inactivity.',
    continueDraft: 'Continue editing', newNote: 'New note', noteTitle: 'New case note', body: 'Note', save: 'Save', saved: 'Note saved.', open: /^Open/, edit: 'Edit',
    versions: /^Versions/, versionsTitle: 'Versions of the note', draftRestored: 'Your draft was restored.', confidential: 'Confidential – only I can read this note',
    glassTitle: 'Open a confidential note', reason: 'Reason (at least 10 characters)', glassConfirm: 'Open with reason', today: 'Due today', take: 'Take on the case',
    openCase: 'Open case · lead: Anna Sozial', createPlan: 'Create plan', addGoal: 'Add goal', addMeasure: 'Add measure', description: 'Description',
    ownerKind: 'Responsible is', ownerStaff: 'Staff member', volunteer: 'Volunteer', external: 'External service', ownerName: 'Name', dueOn: 'Due on', planSaved: 'Plan saved.',
    print: 'Print plan', notesHeading: 'Case notes', deleteOpen: 'Delete', deleteTitle: 'Delete the note for good', deleteConfirm: 'Delete for good', deleted: 'Deleted', overdue: /overdue since/, accesses: 'Your confidential notes were opened', sheetTitle: 'Support plan',
  },
} as const;
type Ui = (typeof UI)['de' | 'en'];

const PASSWORD = 'Sonnenblume-Wiese-77';

/** A staff account made by the coordinator through the core, its temporary password already changed; leaves the core locked. */
async function staff(bridge: BridgeHandle, username: string, displayName: string, role: string): Promise<void> {
  await rpc(bridge, 'session.login', { username: OFFICE.username, password: OFFICE.password });
  const made = await rpc(bridge, 'users.create', { username, displayName, role });
  await rpc(bridge, 'session.lock');
  await rpc(bridge, 'session.login', { username, password: made.data.temporaryPassword });
  expect((await rpc(bridge, 'session.changePassword', { currentPassword: made.data.temporaryPassword, newPassword: PASSWORD })).ok).toBe(true);
  await rpc(bridge, 'session.lock');
}

async function login(page: Page, ui: Ui, username: string, password = PASSWORD) {
  await expect(page.getByRole('heading', { name: ui.loginTitle })).toBeVisible({ timeout: 40_000 });
  await field(page, ui.username).fill(username);
  await field(page, ui.password).fill(password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: ui.search })).toBeVisible();
}

async function lock(page: Page, ui: Ui) {
  await page.getByRole('button', { name: ui.lock, exact: true }).click();
  await expect(page.getByRole('heading', { name: ui.loginTitle })).toBeVisible();
}

async function openFamily(page: Page, ui: Ui) {
  await page.getByRole('combobox', { name: ui.search }).fill('yilmaz');
  await expect(page.getByRole('option').first()).toContainText('Yılmaz');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Yılmaz' })).toBeVisible();
}

/** Types into the note editor (tiptap) of the open dialog. */
async function typeNote(page: Page, text: string) {
  const editor = page.getByRole('dialog').locator('.ProseMirror');
  await editor.click();
  // At the end of what is there (a click lands wherever it lands).
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

for (const lng of ['de', 'en'] as const) {
  const ui = UI[lng];

  test(`case work (${lng}): note with versions, a draft through an auto-lock, break-glass seen by the author, a plan due today, reception sees the case but no note`, async ({ page, bridge }) => {
    test.setTimeout(240_000);
    await setUpOffice(bridge);
    expect((await rpc(elsewhere(bridge), 'families.create', familyInput())).ok).toBe(true);
    // A short auto-lock for the draft step; the coordinator sets it back later.
    expect((await rpc(bridge, 'settings.update', { autoLockMinutes: 0.25 })).ok).toBe(true);
    await rpc(bridge, 'session.lock');
    await staff(bridge, 'anna', 'Anna Sozial', 'caseworker');
    await staff(bridge, 'emre', 'Emre Empfang', 'reception');

    await page.goto(bridge.url);
    await expect(page.getByRole('heading', { name: /Anmelden|Log in/ })).toBeVisible();
    await page.getByText(lng.toUpperCase(), { exact: true }).click();
    await login(page, ui, 'anna');
    await openFamily(page, ui);
    await page.getByRole('button', { name: ui.take }).click();
    await expect(page.getByText(ui.openCase)).toBeVisible();

    // A note, then an edit of it: two versions.
    await page.getByRole('button', { name: ui.newNote }).click();
    await expect(page.getByRole('dialog', { name: ui.noteTitle })).toBeVisible();
    await typeNote(page, 'Erstes Gespräch: Kita-Anmeldung besprochen.');
    await expectAccessible(page);
    await screenshot(page, `note-editor-${lng}`);
    await page.getByRole('dialog').getByRole('button', { name: ui.save }).click();
    await expect(page.getByText(ui.saved).last()).toBeVisible();
    await expect(page.getByText('Erstes Gespräch: Kita-Anmeldung besprochen.').first()).toBeVisible();
    await page.getByRole('button', { name: ui.open }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: ui.edit }).click();
    await typeNote(page, ' Termin am Dienstag.');
    await page.getByRole('dialog').getByRole('button', { name: ui.save }).click();
    await expect(page.getByText('Erstes Gespräch: Kita-Anmeldung besprochen. Termin am Dienstag.').first()).toBeVisible();
    await page.getByRole('button', { name: ui.versions }).first().click();
    await expect(page.getByRole('dialog', { name: ui.versionsTitle }).getByTestId('note-version')).toHaveCount(2);
    await page.keyboard.press('Escape');

    // A second note typed, then nobody touches anything: the app locks; the draft comes back after login.
    await page.getByRole('button', { name: ui.newNote }).click();
    await typeNote(page, 'Zweite Notiz Entwurf Hausbesuch');
    await expect(page.getByRole('heading', { name: ui.loginTitle })).toBeVisible({ timeout: 45_000 });
    await expect(page.getByText(ui.idle)).toBeVisible();
    await expect(page.getByText('Zweite Notiz Entwurf Hausbesuch')).toHaveCount(0);
    await login(page, ui, 'anna');
    await page.getByRole('button', { name: ui.continueDraft }).click();
    await expect(page.getByText(ui.draftRestored)).toBeVisible();
    await expect(page.getByRole('dialog').locator('.ProseMirror')).toContainText('Zweite Notiz Entwurf Hausbesuch');
    await page.getByRole('dialog').getByRole('button', { name: ui.save }).click();
    await expect(page.getByText(ui.saved).last()).toBeVisible();

    // A confidential note.
    await page.getByRole('button', { name: ui.newNote }).click();
    await typeNote(page, 'Vertraulich: Sorgen um die Gesundheit der Mutter.');
    await page.getByRole('checkbox', { name: ui.confidential }).check();
    await page.getByRole('dialog').getByRole('button', { name: ui.save }).click();
    await expect(page.getByText(ui.saved).last()).toBeVisible();
    await lock(page, ui);

    // The coordinator sees that it exists, not what it says; break-glass with a reason opens it.
    await login(page, ui, OFFICE.username, OFFICE.password);
    expect((await rpc(bridge, 'settings.update', { autoLockMinutes: 30 })).ok).toBe(true);
    await openFamily(page, ui);
    await expect(page.getByText('Sorgen um die Gesundheit')).toHaveCount(0);
    const hidden = page.getByRole('button', { name: ui.open }).first();
    await hidden.click();
    const glass = page.getByRole('dialog', { name: ui.glassTitle });
    await expect(glass).toBeVisible();
    await glass.getByRole('button', { name: ui.glassConfirm }).click();
    await expect(glass.getByText(lng === 'de' ? /mindestens 10 Zeichen/ : /at least 10 characters/).last()).toBeVisible();
    await field(glass, ui.reason).fill('Vertretung während des Urlaubs');
    await expectAccessible(page);
    await glass.getByRole('button', { name: ui.glassConfirm }).click();
    await expect(page.getByText('Vertraulich: Sorgen um die Gesundheit der Mutter.')).toBeVisible();
    await page.keyboard.press('Escape');
    // A note written in the wrong family: the coordinator deletes it with a reason; that it existed stays.
    await page.getByRole('button', { name: ui.open }).nth(1).click();
    await page.getByRole('dialog').getByRole('button', { name: ui.deleteOpen }).click();
    const removal = page.getByRole('dialog', { name: ui.deleteTitle });
    await field(removal, ui.reason).fill('Versehentlich bei dieser Familie');
    await removal.getByRole('button', { name: ui.deleteConfirm }).click();
    await expect(page.getByText(ui.deleted, { exact: true }).first()).toBeVisible();
    await expect(page.getByText('Zweite Notiz Entwurf Hausbesuch')).toHaveCount(0);
    await lock(page, ui);

    // The author sees who opened it, when and why — and builds the plan.
    await login(page, ui, 'anna');
    await expect(page.getByText(ui.accesses)).toBeVisible();
    await expect(page.getByTestId('break-glass-notice')).toContainText('Clara Koordina');
    await expect(page.getByTestId('break-glass-notice')).toContainText('Vertretung während des Urlaubs');
    await openFamily(page, ui);
    await page.getByRole('button', { name: ui.createPlan }).click();
    const plan = page.getByRole('dialog');
    await plan.getByRole('textbox', { name: ui.description }).first().fill('Kita-Platz für Kemal');
    await field(plan, `${lng === 'de' ? 'Maßnahme' : 'Measure'} 1.1`).fill('Anmeldung im Kita-Portal');
    await plan.getByRole('combobox', { name: ui.ownerStaff }).first().click();
    await page.getByRole('option', { name: 'Anna Sozial' }).click();
    const overdue = lng === 'de' ? isoDaysAgo(3).split('-').reverse().join('.') : isoDaysAgo(3);
    await plan.getByRole('textbox', { name: ui.dueOn }).first().fill(overdue);
    await plan.getByRole('textbox', { name: ui.dueOn }).first().press('Tab');
    await plan.getByRole('button', { name: ui.addMeasure }).first().click();
    await field(plan, `${lng === 'de' ? 'Maßnahme' : 'Measure'} 1.2`).fill('Unterlagen übersetzen');
    await plan.getByRole('combobox', { name: ui.ownerKind }).nth(1).click();
    await page.getByRole('option', { name: ui.volunteer }).click();
    await plan.getByRole('textbox', { name: ui.ownerName, exact: true }).first().fill('Frau Lotsin');
    await plan.getByRole('button', { name: ui.addGoal }).click();
    await plan.getByRole('textbox', { name: ui.description }).nth(1).fill('Deutschkurs für die Mutter');
    await field(plan, `${lng === 'de' ? 'Maßnahme' : 'Measure'} 2.1`).fill('Beratung bei der VHS');
    await plan.getByRole('combobox', { name: ui.ownerKind }).nth(2).click();
    await page.getByRole('option', { name: ui.external }).click();
    await plan.getByRole('textbox', { name: ui.ownerName, exact: true }).last().fill('VHS Kaufbeuren');
    await expectAccessible(page);
    await plan.getByRole('button', { name: ui.save }).click();
    await expect(page.getByText(ui.planSaved).last()).toBeVisible();
    await expect(page.getByText(/Kita-Platz für Kemal/).first()).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, `plan-${lng}`);

    // The plan printed for the family: its goals are in the PDF.
    await page.evaluate(() => {
      const g = globalThis as unknown as { printed: number; print: () => void };
      g.printed = 0;
      g.print = () => void g.printed++;
    });
    await page.getByRole('button', { name: ui.print }).click();
    await expect(page.getByTestId('plan-sheet')).toBeAttached();
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const text = (await pdfText(pdf)).normalize('NFKC');
    expect(text).toContain('Kita-Platz für Kemal');
    expect(text).toContain('Deutschkurs für die Mutter');
    expect(text).toContain('VHS Kaufbeuren');
    expect(text).not.toContain('Sorgen um die Gesundheit');

    // Back at the start: the overdue measure is due today.
    await page.getByRole('button', { name: lng === 'de' ? 'Zurück zur Suche' : 'Back to search' }).click();
    await expect(page.getByRole('heading', { name: ui.today })).toBeVisible();
    await expect(page.getByTestId('due-measure')).toHaveCount(1);
    await expect(page.getByTestId('due-measure')).toContainText('Anmeldung im Kita-Portal');
    await expect(page.getByTestId('due-measure')).toContainText(ui.overdue);
    await expectAccessible(page);
    await screenshot(page, `start-caseworker-${lng}`);
    await lock(page, ui);

    // Reception: the open case and its caseworker, never a note.
    await login(page, ui, 'emre');
    await expect(page.getByRole('heading', { name: ui.today })).toHaveCount(0);
    await openFamily(page, ui);
    await expect(page.getByText(ui.openCase)).toBeVisible();
    await expect(page.getByRole('heading', { name: ui.notesHeading })).toHaveCount(0);
    await expect(page.getByText(/Kita-Anmeldung besprochen|Hausbesuch|Kita-Platz/)).toHaveCount(0);
    expect(await rpc(bridge, 'notes.list', { familyId: (await rpc(bridge, 'families.search', { query: 'yilmaz' })).data.items[0].id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await expectAccessible(page);
  });
}
