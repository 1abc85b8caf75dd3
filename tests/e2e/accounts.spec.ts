import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, field, expectAccessible, OFFICE, rpc, screenshot, setUpOffice, test } from './bridge';

/** What staff read on screen, per language: the tests drive the UI by these names. */
const UI = {
  de: {
    setupTitle: 'M³ Desk einrichten',
    officeName: 'Name des Familienstützpunkts',
    officeLocation: 'Ort oder Adresse',
    next: 'Weiter',
    displayName: 'Ihr Name',
    username: 'Benutzername',
    password: 'Passwort',
    repeat: 'Neues Passwort wiederholen',
    create: 'Einrichten',
    keyTitle: 'Ihr Wiederherstellungsschlüssel',
    confirm: 'Zur Bestätigung: letzte Vierergruppe des Schlüssels',
    finish: 'Schlüssel ist sicher aufbewahrt – weiter',
    nav: 'Hauptnavigation',
    admin: 'Verwaltung',
    accounts: 'Konten',
    settings: 'Einstellungen',
    name: 'Name',
    role: 'Rolle',
    reception: 'Empfang',
    tempPassword: 'Vorläufiges Passwort',
    handedOver: 'Weitergegeben',
    createAccount: 'Konto anlegen',
    created: 'Das Konto emre.e wurde angelegt.',
    lock: 'Sperren',
    loginTitle: 'Anmelden',
    loginButton: 'Anmelden',
    wrong: 'Benutzername oder Passwort ist falsch.',
    changeTitle: 'Neues Passwort festlegen',
    current: 'Bisheriges Passwort',
    newPassword: 'Neues Passwort',
    savePassword: 'Passwort speichern',
    autoLock: 'Automatisch sperren nach (Minuten Inaktivität)',
    saveSettings: 'Einstellungen speichern',
    idle: 'M³ Desk wurde nach längerer Inaktivität gesperrt.',
    continueDraft: 'Weiter bearbeiten',
    restored: 'Ihre ungespeicherten Eingaben wurden wiederhergestellt.',
    tooShort: 'Das Passwort muss mindestens 10 Zeichen lang sein.',
  },
  en: {
    setupTitle: 'Set up M³ Desk',
    officeName: 'Name of the family support centre',
    officeLocation: 'Town or address',
    next: 'Next',
    displayName: 'Your name',
    username: 'User name',
    password: 'Password',
    repeat: 'Repeat new password',
    create: 'Set up',
    keyTitle: 'Your recovery key',
    confirm: 'To confirm: the last group of four of the key',
    finish: 'The key is stored safely – continue',
    nav: 'Main navigation',
    admin: 'Administration',
    accounts: 'Accounts',
    settings: 'Settings',
    name: 'Name',
    role: 'Role',
    reception: 'Front desk',
    tempPassword: 'Temporary password',
    handedOver: 'Handed over',
    createAccount: 'Create account',
    created: 'The account emre.e has been created.',
    lock: 'Lock',
    loginTitle: 'Log in',
    loginButton: 'Log in',
    wrong: 'User name or password is wrong.',
    changeTitle: 'Choose a new password',
    current: 'Current password',
    newPassword: 'New password',
    savePassword: 'Save password',
    autoLock: 'Lock automatically after (minutes of inactivity)',
    saveSettings: 'Save settings',
    idle: 'M³ Desk was locked after a period of inactivity.',
    continueDraft: 'Continue editing',
    restored: 'Your unsaved input has been restored.',
    tooShort: 'The password must be at least 10 characters long.',
  },
} as const;

/** Strings typed into the UI that must never appear in any byte of the data folder. */
const SECRETS = {
  office: 'Stützpunkt Markerstadt',
  coordinator: 'Zenobia Markerkoordina',
  reception: 'Emre Markerempfang',
  draft: 'Quirin Markerentwurf',
};

async function login(page: Page, ui: (typeof UI)['de' | 'en'], username: string, password: string) {
  await expect(page.getByRole('heading', { name: ui.loginTitle })).toBeVisible();
  await field(page, ui.username).fill(username);
  await field(page, ui.password).fill(password);
  await page.keyboard.press('Enter');
}

/** First-run setup through the UI: office → coordinator (a too-short password refused first) → recovery key. */
async function setUp(page: Page, ui: (typeof UI)['de' | 'en'], lng: 'de' | 'en') {
  await expect(page.getByRole('heading', { name: ui.setupTitle })).toBeVisible();
  await expectAccessible(page);
  await field(page, ui.officeName).fill(SECRETS.office);
  await field(page, ui.officeLocation).fill('Kaufbeuren');
  await page.keyboard.press('Enter');
  await field(page, ui.displayName).fill(SECRETS.coordinator);
  await field(page, ui.username).fill('zenobia');
  await field(page, ui.password).fill('kurz');
  await field(page, ui.repeat).fill('kurz');
  await page.getByRole('button', { name: ui.create }).click();
  await expect(page.getByText(ui.tooShort)).toBeVisible();
  await field(page, ui.password).fill('Lindenblatt-Regen-42');
  await field(page, ui.repeat).fill('Lindenblatt-Regen-42');
  await screenshot(page, `setup-account-${lng}`);
  await page.getByRole('button', { name: ui.create }).click();
  await expect(page.getByRole('heading', { name: ui.keyTitle })).toBeVisible();
  const key = (await page.getByTestId('recovery-key').textContent())!.replace(/\s/g, '');
  expect(key).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  await expectAccessible(page);
  await screenshot(page, `setup-key-${lng}`);
  await field(page, ui.confirm).fill(key.split('-').pop()!);
  await page.getByRole('button', { name: ui.finish }).click();
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

for (const lng of ['de', 'en'] as const) {
  const ui = UI[lng];

  test(`accounts end to end (${lng}): setup or hub login, roles, temporary password, auto-lock with draft, nothing readable on disk`, async ({ page, bridge }) => {
    test.setTimeout(150_000);
    await page.goto(bridge.url);
    if (lng === 'en') await page.getByText('EN', { exact: true }).click();

    // First-run setup: office → coordinator → recovery key. A PC of a hub finds the office made with
    // the hub: its coordinator logs in instead.
    const coordinator = bridge.hub ? { username: OFFICE.username, password: OFFICE.password } : { username: 'zenobia', password: 'Lindenblatt-Regen-42' };
    if (bridge.hub) await login(page, ui, coordinator.username, coordinator.password);
    else await setUp(page, ui, lng);

    // The coordinator creates a reception account
    const nav = page.getByRole('navigation', { name: ui.nav });
    await nav.getByRole('button', { name: ui.admin }).click();
    await field(page, ui.name).fill(SECRETS.reception);
    await field(page, ui.username).fill('emre.e');
    await page.getByRole('combobox', { name: ui.role }).click();
    await page.getByRole('option', { name: ui.reception }).click();
    await page.getByRole('button', { name: ui.createAccount }).click();
    // The core issues the temporary password: seven words, shown once to read out.
    const issued = page.getByRole('dialog', { name: ui.tempPassword });
    await expect(issued).toBeVisible();
    const temporary = (await issued.getByTestId('temporary-password').textContent())!.trim();
    expect(temporary.split('-')).toHaveLength(7);
    await expectAccessible(page);
    await screenshot(page, `admin-temporary-password-${lng}`);
    await issued.getByRole('button', { name: ui.handedOver }).click();
    // Scanned once the dialog has faded out (a half-transparent title is no finding of the page).
    await expect(issued).toBeHidden();
    await expect(page.getByText(ui.created)).toBeVisible();
    await expect(page.getByRole('table').getByText(SECRETS.reception)).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, `admin-accounts-${lng}`);

    // Log out; a wrong password is refused clearly
    await page.getByRole('button', { name: ui.lock, exact: true }).click();
    await login(page, ui, 'emre.e', 'Falsch-Falsch-123');
    await expect(page.getByRole('alert').filter({ hasText: ui.wrong })).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, `login-error-${lng}`);

    // Reception logs in with the temporary password and must change it first
    await login(page, ui, 'emre.e', temporary);
    await expect(page.getByRole('heading', { name: ui.changeTitle })).toBeVisible();
    await field(page, ui.current).fill(temporary);
    await field(page, ui.newPassword).fill('Eigenes-Kennwort-Birke-8');
    await field(page, ui.repeat).fill('Eigenes-Kennwort-Birke-8');
    await page.getByRole('button', { name: ui.savePassword }).click();

    // Administration is absent for reception, and its RPCs answer FORBIDDEN
    await expect(nav).toBeVisible();
    await expect(nav.getByRole('button', { name: ui.admin })).toHaveCount(0);
    expect(await rpc(bridge, 'users.list', {})).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'errors:FORBIDDEN' } });
    expect(await rpc(bridge, 'settings.update', { autoLockMinutes: 60 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await page.getByRole('button', { name: ui.lock, exact: true }).click();

    // Coordinator shortens the auto-lock, starts typing a new account, walks away
    await login(page, ui, coordinator.username, coordinator.password);
    await nav.getByRole('button', { name: ui.admin }).click();
    await page.getByRole('tab', { name: ui.settings }).click();
    await field(page, ui.autoLock).fill(lng === 'de' ? '0,25' : '0.25');
    await page.getByRole('button', { name: ui.saveSettings }).click();
    await page.getByRole('tab', { name: ui.accounts }).click();
    await field(page, ui.name).fill(SECRETS.draft);
    await field(page, ui.username).fill('quirin');

    // Nobody touches anything: the core locks itself, the lock screen says why
    await expect(page.getByRole('heading', { name: ui.loginTitle })).toBeVisible({ timeout: 40_000 });
    await expect(page.getByText(ui.idle)).toBeVisible();
    await expect(page.getByText(SECRETS.draft)).toHaveCount(0);
    expect(await rpc(bridge, 'users.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await screenshot(page, `locked-${lng}`);

    // Unlock: the unsaved text comes back
    await login(page, ui, coordinator.username, coordinator.password);
    await page.getByRole('button', { name: ui.continueDraft }).click();
    await expect(page.getByText(ui.restored)).toBeVisible();
    await expect(field(page, ui.name)).toHaveValue(SECRETS.draft);
    await expect(field(page, ui.username)).toHaveValue('quirin');
    await page.getByRole('button', { name: ui.lock, exact: true }).click();
    await expect(page.getByRole('heading', { name: ui.loginTitle })).toBeVisible();

    // Not one of the strings typed above is readable in any file of the data folder (on a PC of the hub the
    // office and its coordinator were never typed here: what was — an account, a draft — is looked for).
    const typed = bridge.hub ? [SECRETS.reception, SECRETS.draft, 'emre.e', 'quirin'] : [...Object.values(SECRETS), 'zenobia', 'emre.e', 'quirin'];
    for (const file of filesBelow(bridge.dataDir)) {
      const bytes = readFileSync(file);
      for (const secret of typed) {
        for (const encoding of ['utf8', 'utf16le'] as const) {
          expect({ file, secret, found: bytes.includes(Buffer.from(secret, encoding)) }).toEqual({ file, secret, found: false });
        }
      }
    }
  });
}

test('a forgotten password is reset with the recovery key', async ({ page, bridge }) => {
  const setup = await setUpOffice(bridge);
  await rpc(bridge, 'session.lock');
  await page.goto(bridge.url);
  await page.getByRole('button', { name: 'Passwort vergessen? Mit Wiederherstellungsschlüssel zurücksetzen' }).click();
  await field(page, 'Wiederherstellungsschlüssel').fill(setup.recoveryKey.toLowerCase());
  await field(page, 'Benutzername').fill('clara');
  await field(page, 'Neues Passwort').fill('Wiedergefunden-Moos-4');
  await field(page, 'Neues Passwort wiederholen').fill('Wiedergefunden-Moos-4');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Passwort zurücksetzen und anmelden' }).click();
  // Whoever held the printout: the password just set counts as temporary and is changed at once.
  // (The reset replaces the office's keys — on the hub over the network: seconds on a busy machine.)
  await expect(page.getByRole('heading', { name: 'Neues Passwort festlegen' })).toBeVisible({ timeout: 20_000 });
  await field(page, 'Bisheriges Passwort').fill('Wiedergefunden-Moos-4');
  await field(page, 'Neues Passwort').fill('Eigenes-Kennwort-Birke-8');
  await field(page, 'Neues Passwort wiederholen').fill('Eigenes-Kennwort-Birke-8');
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toBeVisible();
});

test('a coordinator issues a new recovery key; the old one opens nothing', async ({ page, bridge }) => {
  const setup = await setUpOffice(bridge);
  await page.goto(bridge.url);
  for (const lng of ['de', 'en'] as const) {
    if (lng === 'en') await page.getByText('EN', { exact: true }).click();
    await page.getByRole('navigation', { name: UI[lng].nav }).getByRole('button', { name: UI[lng].admin }).click();
    await page.getByRole('tab', { name: UI[lng].settings }).click();
    await field(page, lng === 'de' ? 'Ihr Passwort zur Bestätigung' : 'Your password to confirm').fill('Lindenblatt-Regen-42');
    await page.getByRole('button', { name: lng === 'de' ? 'Neuen Schlüssel ausstellen' : 'Issue a new key' }).click();
    const key = (await page.getByTestId('recovery-key').textContent())!.replace(/\s/g, '');
    expect(key).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    await expectAccessible(page);
    await screenshot(page, `admin-recovery-key-${lng}`);
    await field(page, UI[lng].confirm).fill(key.split('-').pop()!);
    await page.getByRole('button', { name: UI[lng].finish }).click();
  }
  await rpc(bridge, 'session.lock');
  const old = await rpc(bridge, 'session.recover', { recoveryKey: setup.recoveryKey, username: 'clara', newPassword: 'Irgendein-Neues-Kennwort-5' });
  expect(old).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', message: 'errors:recovery_failed' } });
});

test('administration screens pass axe in German and English', async ({ page, bridge }) => {
  await setUpOffice(bridge);
  await rpc(bridge, 'backup.create');
  await page.goto(bridge.url);
  for (const lng of ['de', 'en'] as const) {
    if (lng === 'en') await page.getByText('EN', { exact: true }).click();
    const ui = UI[lng];
    await page.getByRole('navigation', { name: ui.nav }).getByRole('button', { name: ui.admin }).click();
    for (const tab of [ui.settings, lng === 'de' ? 'Stadtteile' : 'Districts', lng === 'de' ? 'Sicherungen' : 'Backups', lng === 'de' ? 'Protokoll' : 'Audit log']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForTimeout(200);
      if (tab === 'Sicherungen' || tab === 'Backups') {
        // A PC of the office hub backs nothing up itself: the tab says where the backups are instead.
        if (bridge.hub) await expect(page.getByTestId('hub-backups-note')).toContainText(lng === 'de' ? 'Auf diesem PC wird nichts gesichert' : 'Nothing is backed up on this PC');
        else await expect(page.getByTestId('last-backup')).toBeVisible();
      }
      await expectAccessible(page);
      await screenshot(page, `admin-${tab.toLowerCase().replace(/\s/g, '-')}-${lng}`);
    }
  }
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByTestId('audit-verify')).toContainText('entries are unchanged');
});
