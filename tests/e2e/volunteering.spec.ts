import type { Locator, Page } from '@playwright/test';
import { familyInput } from '../support/families';
import { elsewhere, expect, expectAccessible, field, logInAsCoordinator, rpc, screenshot, setUpOffice, test } from './bridge';
import { pdfText } from './pdf';

const UI = {
  de: {
    username: 'Benutzername', password: 'Passwort', nav: 'Ehrenamt', frontDesk: 'Empfang', poolTab: 'Ehrenamtliche', referralsTab: 'Vermittlungen', hoursTab: 'Stunden',
    addVolunteer: 'Ehrenamtliche/n aufnehmen', firstName: 'Vorname', lastName: 'Nachname', addLanguage: 'Sprache hinzufügen', language: 'Sprache', level: 'Niveau', addSlot: 'Zeit hinzufügen', weekday: 'Wochentag', from: 'Von', to: 'Bis',
    interpreter: 'Laiendolmetscher/in', lotse: 'Integrationslotse/-lotsin', pate: 'Familienpate/-patin', save: 'Speichern', back: 'Zum Pool', saved: (n: string) => `${n} ist gespeichert.`,
    newReferral: 'Neue Vermittlung', search: 'Familie suchen', reason: 'Anlass', school: 'Elterngespräch Schule', date: 'Datum', time: 'Uhrzeit', place: 'Ort',
    native: 'Muttersprache', fluent: 'fließend', tigrinya: 'Tigrinya', ukrainian: 'Ukrainisch', tuesday: 'Dienstag', monday: 'Montag',
    speaks: 'spricht Tigrinya (Muttersprache)', free: 'ist am Dienstag von 14:00 bis 18:00 frei', ask: (n: string) => `${n} anfragen`, confirm: 'Zusage bestätigen', done: 'Erledigt', hours: 'Geleistete Stunden', hoursValue: '1,5', saveDone: 'Als erledigt speichern',
    hoursDone: '1,5 Stunden geleistet', startTime: '15:00', printSheet: 'Einsatzblatt drucken', consentMissing: 'Dafür fehlt die Einwilligung der Familie: Weitergabe von Name und Termin an Ehrenamtliche.',
    status: { offered: 'angeboten', confirmed: 'bestätigt', done: 'erledigt' }, reminder: /Termin in den nächsten 48 Stunden ist noch nicht bestätigt/,
    becomes: 'Wird ehrenamtlich', person: 'Person', recordEngagement: 'Engagement eintragen', addEngagement: 'Engagement hinzufügen', parentsCouncil: 'Elternbeirat', events: 'Veranstaltungen', eventList: 'Liste', registerVolunteer: 'Ehrenamtliche/n anmelden', attendedBy: (n: string) => `${n} hat teilgenommen`, wasMember: 'War selbst Familie im Familienstützpunkt (verknüpft).', frontSearch: 'Familie suchen', dateOf: (iso: string) => iso.split('-').reverse().join('.'),
  },
  en: {
    username: 'User name', password: 'Password', nav: 'Volunteering', frontDesk: 'Front desk', poolTab: 'Volunteers', referralsTab: 'Referrals', hoursTab: 'Hours',
    addVolunteer: 'Add a volunteer', firstName: 'First name', lastName: 'Last name', addLanguage: 'Add a language', language: 'Language', level: 'Level', addSlot: 'Add a time', weekday: 'Weekday', from: 'From', to: 'To',
    interpreter: 'Lay interpreter', lotse: 'Integration guide (Lotse)', pate: 'Family mentor (Pate)', save: 'Save', back: 'Back to the pool', saved: (n: string) => `${n} is saved.`,
    newReferral: 'New referral', search: 'Search families', reason: 'Reason', school: 'Parent-teacher talk (school)', date: 'Date', time: 'Time', place: 'Place',
    native: 'native', fluent: 'fluent', tigrinya: 'Tigrinya', ukrainian: 'Ukrainian', tuesday: 'Tuesday', monday: 'Monday',
    speaks: 'speaks Tigrinya (native)', free: 'is free on Tuesdays from 14:00 to 18:00', ask: (n: string) => `Ask ${n}`, confirm: 'Confirm acceptance', done: 'Done', hours: 'Hours given', hoursValue: '1.5', saveDone: 'Save as done',
    hoursDone: '1.5 hours given', startTime: '03:00 PM', printSheet: 'Print assignment sheet', consentMissing: "The family's consent is missing for this: Passing name and appointment to a volunteer.",
    status: { offered: 'offered', confirmed: 'confirmed', done: 'done' }, reminder: /appointment in the next 48 hours is not confirmed yet/,
    becomes: 'Becomes a volunteer', person: 'Person', recordEngagement: 'Record an engagement', addEngagement: 'Add an engagement', parentsCouncil: "Parents' council", events: 'Events', eventList: 'List', registerVolunteer: 'Register a volunteer', attendedBy: (n: string) => `${n} attended`, wasMember: 'Was once a family at the office (linked).', frontSearch: 'Search families', dateOf: (iso: string) => iso,
  },
} as const;
type Ui = (typeof UI)['de' | 'en'];

const sharing = (given: boolean) => ({ purpose: 'volunteer_sharing', given, date: '2026-11-25', formVersion: '2026-01', formLanguage: 'de' });
const storage = { purpose: 'data_storage', given: true, date: '2026-11-25', formVersion: '2026-01', formLanguage: 'de' };

/** The Tuesday at least three days ahead (so the appointment is not among the 48-hour reminders). */
function nextTuesday(): string {
  const d = new Date();
  d.setDate(d.getDate() + 3);
  while (d.getDay() !== 2) d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function choose(page: Page, scope: Locator, label: string, option: string, nth = 0) {
  await scope.getByRole('combobox', { name: label, exact: true }).nth(nth).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** A volunteer added through the pool's form, as a coordinator does it. */
async function addVolunteer(page: Page, ui: Ui, v: { first: string; last: string; role: string; language: string; level: string; weekday: string; from: string; to: string }) {
  await page.getByRole('button', { name: ui.addVolunteer }).click();
  await field(page, ui.firstName).fill(v.first);
  await field(page, ui.lastName).fill(v.last);
  await page.getByRole('checkbox', { name: v.role }).check();
  await page.getByRole('button', { name: ui.addLanguage }).click();
  await choose(page, page.locator('form'), ui.language, v.language);
  await choose(page, page.locator('form'), ui.level, v.level);
  await page.getByRole('button', { name: ui.addSlot }).click();
  await choose(page, page.locator('form'), ui.weekday, v.weekday);
  await page.locator('form').getByLabel(ui.from, { exact: true }).fill(v.from);
  await page.locator('form').getByLabel(ui.to, { exact: true }).fill(v.to);
  await page.getByRole('button', { name: ui.save }).click();
  await expect(page.getByText(ui.saved(`${v.first} ${v.last}`))).toBeVisible();
  await page.getByRole('button', { name: ui.back }).click();
}

for (const lng of ['de', 'en'] as const) {
  const ui = UI[lng];

  test(`volunteers and referrals (${lng}): the pool, a ranked and explained match, offer → confirm → done, the assignment sheet, the consent refusal, a member who becomes a volunteer`, async ({ page, bridge }) => {
    test.setTimeout(150_000);
    await setUpOffice(bridge);
    const tesfay = await rpc(elsewhere(bridge), 'families.create', familyInput({
      displayName: 'Tesfay',
      languages: ['ti'],
      preferredLanguage: 'ti',
      interpreterNeeded: true,
      interpreterLanguage: 'ti',
      members: [
        { firstName: 'Abrehet', lastName: 'Tesfay', birthYear: 1987, role: 'parent', gender: 'female' },
        { firstName: 'Dawit', lastName: 'Tesfay', birthYear: 2016, role: 'child' },
      ],
      consents: [storage, sharing(true)] as never,
    }));
    const yilmaz = await rpc(elsewhere(bridge), 'families.create', familyInput({ consents: [storage, sharing(false)] as never }));
    await rpc(elsewhere(bridge), 'families.create', familyInput({ displayName: 'Haddad', languages: ['ar', 'de'], preferredLanguage: 'ar', interpreterLanguage: 'ar', members: [{ firstName: 'Rana', lastName: 'Haddad', birthYear: 1990, role: 'parent', gender: 'female' }] as never }));
    expect(tesfay.ok && yilmaz.ok).toBe(true);

    await logInAsCoordinator(page, bridge, lng);
    await page.getByRole('navigation').getByRole('button', { name: ui.nav }).click();

    // Three volunteers with different languages and times.
    await page.getByRole('tab', { name: ui.poolTab }).click();
    await addVolunteer(page, ui, { first: 'Mehret', last: 'Gebre', role: ui.interpreter, language: ui.tigrinya, level: ui.fluent, weekday: ui.monday, from: '09:00', to: '12:00' });
    await addVolunteer(page, ui, { first: 'Selam', last: 'Tesfamariam', role: ui.interpreter, language: ui.tigrinya, level: ui.native, weekday: ui.tuesday, from: '14:00', to: '18:00' });
    await addVolunteer(page, ui, { first: 'Olga', last: 'Petrenko', role: ui.lotse, language: ui.ukrainian, level: ui.native, weekday: ui.tuesday, from: '14:00', to: '18:00' });
    await expect(page.getByTestId('volunteer-row')).toHaveCount(3);
    await expectAccessible(page);
    await screenshot(page, `volunteer-pool-${lng}`);

    // A referral for the Tigrinya-speaking family: a parent-teacher talk on Tuesday afternoon.
    await page.getByRole('tab', { name: ui.referralsTab }).click();
    await page.getByRole('button', { name: ui.newReferral }).click();
    await page.getByRole('dialog').getByRole('combobox', { name: ui.search }).fill('Tesfay');
    await expect(page.getByRole('dialog').getByRole('option').first()).toContainText('Tesfay');
    await page.keyboard.press('Enter');
    const form = page.getByRole('dialog');
    await expect(form.getByRole('combobox', { name: ui.language, exact: true })).toHaveValue(ui.tigrinya);
    await choose(page, form, ui.reason, ui.school);
    const tuesday = nextTuesday();
    await field(form, ui.date).fill(ui.dateOf(tuesday));
    await field(form, ui.date).press('Tab');
    await form.locator('input[type=time]').fill('15:00');
    await field(form, ui.place).fill('Grundschule Neugablonz');
    await expectAccessible(page);
    await screenshot(page, `referral-form-${lng}`);
    await form.getByRole('button', { name: ui.save }).click();

    // The matching: the Tigrinya speaker free on Tuesdays first, and why, in words.
    const first = page.getByTestId('suggestion').first();
    await expect(first).toContainText('Selam Tesfamariam');
    await expect(first).toContainText(ui.speaks);
    await expect(first).toContainText(ui.free);
    await expect(page.getByTestId('suggestion')).toHaveCount(2);
    // The "saved" notice fades out on its own; axe would measure its contrast mid-fade on a busy machine.
    await expect(page.locator('[class*="Notification-root"]')).toHaveCount(0, { timeout: 15_000 });
    await expectAccessible(page);
    await screenshot(page, `matching-${lng}`);

    // Offer → confirm → the assignment sheet → done with 1.5 hours.
    await page.getByRole('button', { name: ui.ask('Selam Tesfamariam') }).click();
    await expect(page.getByTestId('referral-status')).toHaveText(ui.status.offered);
    await page.getByRole('button', { name: ui.confirm }).click();
    await expect(page.getByTestId('referral-status')).toHaveText(ui.status.confirmed);
    await page.evaluate(() => {
      (globalThis as unknown as { print: () => void }).print = () => undefined;
    });
    await page.getByRole('button', { name: ui.printSheet }).click();
    await expect(page.getByTestId('assignment-sheet')).toBeAttached();
    await page.emulateMedia({ media: 'print' });
    const text = (await pdfText(await page.pdf({ printBackground: true }))).normalize('NFKC');
    await page.emulateMedia({ media: 'screen' });
    expect(text).toContain('Grundschule Neugablonz');
    expect(text).toContain(ui.startTime);
    expect(text).toContain('Abrehet');
    expect(text).toContain(ui.tigrinya);
    expect(text).not.toContain('Kaiser-Max');
    expect(text).not.toContain('0151');
    await page.getByRole('button', { name: ui.done, exact: true }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: ui.hours }).fill(ui.hoursValue);
    await page.getByRole('dialog').getByRole('button', { name: ui.saveDone }).click();
    await expect(page.getByText(ui.hoursDone)).toBeVisible();

    // A family without the consent to pass data to volunteers: the refusal names the consent.
    const soon = new Date(Date.now() + 20 * 3_600_000);
    const refused = await rpc(bridge, 'referrals.create', { familyId: yilmaz.data.id, kind: 'lotse', reason: 'jobcenter', appointmentAt: soon.toISOString(), place: 'Jobcenter Kaufbeuren', durationMin: 90 });
    expect(refused.ok).toBe(true);
    await page.getByRole('tab', { name: ui.referralsTab }).click();
    await expect(page.getByTestId('reminders')).toContainText(ui.reminder);
    await expect(page.getByTestId('column-done')).toContainText('Tesfay');
    await expectAccessible(page);
    await screenshot(page, `referral-board-${lng}`);
    await page.getByTestId('column-requested').getByTestId('referral-card').filter({ hasText: 'Yılmaz' }).click();
    await page.getByRole('button', { name: ui.ask('Olga Petrenko') }).click();
    await expect(page.getByText(ui.consentMissing)).toBeVisible();

    // A family member becomes a volunteer in one step; both records stay apart, linked.
    await page.getByRole('navigation').getByRole('button', { name: ui.frontDesk }).click();
    await page.getByRole('combobox', { name: ui.frontSearch }).fill('Haddad');
    await expect(page.getByRole('option').first()).toContainText('Haddad');
    await page.keyboard.press('Enter');
    // First what she takes part in: the parents' council, from today.
    await choose(page, page.locator('main'), ui.person, 'Rana Haddad');
    await page.getByRole('button', { name: ui.recordEngagement }).click();
    await page.getByRole('dialog').getByRole('button', { name: ui.addEngagement }).click();
    await page.getByRole('dialog').getByRole('button', { name: ui.save }).click();
    await expect(page.getByTestId('engagement-row').filter({ hasText: 'Rana Haddad' })).toContainText(ui.parentsCouncil);
    await expectAccessible(page);
    await screenshot(page, `family-taking-part-${lng}`);
    await page.getByRole('button', { name: ui.becomes }).click();
    const become = page.getByRole('dialog');
    await expect(field(become, ui.firstName)).toHaveValue('Rana');
    await become.getByRole('checkbox', { name: ui.pate }).check();
    await become.getByRole('button', { name: ui.save }).click();
    await expect(page.getByText(ui.wasMember)).toBeVisible();
    await screenshot(page, `volunteer-form-${lng}`);
    const family = (await rpc(elsewhere(bridge), 'families.search', { query: 'Haddad' })).data.items[0];
    expect((await rpc(elsewhere(bridge), 'engagements.list', { familyId: family.id })).data.items.map((e: { kind: string }) => e.kind).sort()).toEqual(['office_volunteering', 'parents_council']);
    await expectAccessible(page);

    // A training for volunteers: Mehret registered and ticked as attended; the training is in her record.
    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    await rpc(elsewhere(bridge), 'events.save', { title: 'Schweigepflicht und Rolle', type: 'volunteer_training', fieldOfAction: 3, date: day, start: '17:00', end: '20:00', place: 'Stützpunkt' });
    await page.getByRole('navigation').getByRole('button', { name: ui.events }).click();
    await page.getByText(ui.eventList, { exact: true }).click();
    await page.getByRole('button', { name: 'Schweigepflicht und Rolle' }).click();
    await choose(page, page.locator('main'), ui.registerVolunteer, 'Gebre, Mehret');
    await page.getByRole('checkbox', { name: ui.attendedBy('Mehret Gebre') }).click();
    await expect(page.getByRole('checkbox', { name: ui.attendedBy('Mehret Gebre') })).toBeChecked();
    await expectAccessible(page);
    await screenshot(page, `training-volunteers-${lng}`);
    const mehret = (await rpc(elsewhere(bridge), 'volunteers.list', { query: 'Mehret' })).data.items[0];
    await expect.poll(async () => (await rpc(elsewhere(bridge), 'volunteers.get', { id: mehret.id })).data.trainings.map((tr: { title: string }) => tr.title)).toEqual(['Schweigepflicht und Rolle']);
    await page.getByRole('navigation').getByRole('button', { name: ui.nav }).click();

    // The hours: 1.5 for Selam this year.
    await page.getByRole('tab', { name: ui.hoursTab }).click();
    await expect(page.getByRole('table', { name: lng === 'de' ? 'Stunden je Ehrenamtliche/r' : 'Hours per volunteer' })).toContainText(ui.hoursValue);
    await expectAccessible(page);
    await screenshot(page, `volunteer-hours-${lng}`);
  });
}
