import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import { createApi } from '../../src/renderer/src/api/client';
import type { Transport } from '../../src/renderer/src/api/transport';
import { roleMayCall } from '../../src/renderer/src/session/useCan';
import { addFamily, logInAsNewStaff, renderApp, startCore } from './harness';

/** What a role sees of the reports follows the contract: reports are caseworker and coordinator work (DESIGN.md). */
describe('reports as caseworker', () => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => dispose?.());

  it("shows this year's figures, opens a figure to the families by name, and offers neither the staff filter nor the central package", async () => {
    const started = await startCore({ setUp: true });
    dispose = started.dispose;
    await addFamily(started.core);
    await logInAsNewStaff(started.core, 'test.caseworker', 'caseworker');
    const user = userEvent.setup();
    renderApp(started.api, 'en');

    const nav = await screen.findByRole('navigation');
    await user.click(within(nav).getByRole('button', { name: 'Reports' }));
    const families = await screen.findByTestId('figure-families', {}, { timeout: 10_000 });
    await waitFor(() => expect(families.textContent).toBe('1'));
    // Coordinators only: the staff filter (it lists the staff) and the central project's tab.
    expect(screen.queryByRole('combobox', { name: 'Staff member' })).toBeNull();
    expect(screen.queryByRole('tab', { name: 'Central project' })).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Field of action' })).toBeTruthy();

    await user.click(families);
    const drawer = await screen.findByRole('dialog', { name: 'Families reached' });
    await within(drawer).findByText('1 family');
    const list = within(drawer).getByTestId('drill-list');
    expect(list.textContent).toContain('Yılmaz');
    expect(within(list).getByRole('columnheader', { name: 'Family' })).toBeTruthy();
    expect(within(drawer).queryByText(/Names are not shown here/)).toBeNull();
    expect(within(list).getByRole('button', { name: 'Open family Yılmaz' })).toBeTruthy();
  });
});

describe('reports as reception', () => {
  it('has no Reports area, and the core refuses the report', async () => {
    const { api, core, dispose } = await startCore({ setUp: true });
    await addFamily(core);
    await logInAsNewStaff(core, 'test.reception', 'reception');
    renderApp(api, 'en');
    const nav = await screen.findByRole('navigation');
    expect(within(nav).queryByRole('button', { name: 'Reports' })).toBeNull();
    expect(roleMayCall('reception', 'reports.reach')).toBe(false);
    const year = new Date().getFullYear();
    const refused = await core.call('reports.reach', { from: `${year}-01-01`, to: `${year}-12-31` });
    expect(refused.ok ? null : refused.error.code).toBe('FORBIDDEN');
    await dispose();
  });
});

/**
 * The app on the real core, seeing what export.build is sent; while `muted`,
 * the core's `changed` events do not reach it (as when a change lands between
 * the preview's answer and the click on "Build package").
 */
function watchedApi(core: Core) {
  const watch = { muted: false, builds: [] as { digest?: string }[] };
  const transport: Transport = {
    call: (method, input) => {
      if (method === 'export.build') watch.builds.push(input as { digest?: string });
      return core.call(method, input);
    },
    on: (event, listener) => core.onEvent((e, payload) => e === event && !watch.muted && listener(payload)),
  };
  return { api: createApi(transport), watch };
}

describe('the central package as coordinator', () => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => dispose?.());

  it('sends the digest of the preview shown; when something changed since, says so and asks for the preview again; a small count leaves suppressed', async () => {
    const started = await startCore({ setUp: true });
    dispose = started.dispose;
    const { core } = started;
    const family = await addFamily(core);
    const recipient = await identityToRecipient(await generateX25519Identity());
    expect((await core.call('settings.update', { centralRecipient: recipient, pseudonymKey: 'ab'.repeat(32) })).ok).toBe(true);
    const { api, watch } = watchedApi(core);
    const user = userEvent.setup();
    renderApp(api, 'en');

    const nav = await screen.findByRole('navigation');
    await user.click(within(nav).getByRole('button', { name: 'Reports' }));
    await user.click(await screen.findByRole('tab', { name: 'Central project' }));
    await user.click(await screen.findByRole('combobox', { name: 'Period' }, { timeout: 10_000 }));
    // The list is still fading in (jsdom runs no transitions), so it counts as hidden.
    await user.click(await screen.findByRole('option', { name: 'This year', hidden: true }));
    const build = screen.getByRole('button', { name: 'Build package' });
    expect(build.hasAttribute('disabled')).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByTestId('export-preview', {}, { timeout: 10_000 });
    await waitFor(() => expect(build.hasAttribute('disabled')).toBe(false));
    const year = new Date().getFullYear();
    const shown = (await core.call('export.preview', { from: `${year}-01-01`, to: `${year}-12-31` })) as { data: { digest: string } };
    // A contact is logged after the preview was shown, and the screen has not heard of it yet.
    watch.muted = true;
    expect((await core.call('contacts.log', { familyId: family.id, type: 'phone', fieldOfAction: 1, topics: [] })).ok).toBe(true);
    await user.click(build);

    // Refused: the message in words, the preview gone, a new preview needed before building.
    const changed = 'Something changed since the preview. Please load the preview again, check it, then build again.';
    expect((await screen.findByText(changed)).closest('[role="alert"]')).toBeTruthy();
    expect(screen.queryByTestId('export-preview')).toBeNull();
    expect(screen.getByText('Look at the preview first, then build the package.')).toBeTruthy();
    expect(build.hasAttribute('disabled')).toBe(true);
    expect(watch.builds[0]?.digest).toBe(shown.data.digest);
    watch.muted = false;

    // Previewed again, the package is built; one family is below the threshold of 5, so its count leaves suppressed.
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByTestId('export-preview', {}, { timeout: 10_000 });
    expect(screen.queryByText(changed)).toBeNull();
    await waitFor(() => expect(build.hasAttribute('disabled')).toBe(false));
    await user.click(build);
    expect((await screen.findByTestId('package-families', {}, { timeout: 10_000 })).textContent).toBe('Families: suppressed (fewer than 5)');
    expect(watch.builds[1]?.digest).not.toBe(shown.data.digest);
    const history = screen.getByTestId('export-history');
    const cell = await within(history).findByTestId('export-families');
    expect(cell.textContent).toBe('suppressed');
    expect(within(cell).getByTitle(/Fewer families than the threshold for small figures/)).toBeTruthy();
    expect(screen.getByText(/^"suppressed": fewer families than the threshold/)).toBeTruthy();
  });

  it('removes the stored pseudonym key after asking, and keeps the rest of the form', async () => {
    const started = await startCore({ setUp: true });
    dispose = started.dispose;
    const { core, api } = started;
    expect((await core.call('settings.update', { pseudonymKey: 'cd'.repeat(32) })).ok).toBe(true);
    const user = userEvent.setup();
    renderApp(api, 'en');

    const nav = await screen.findByRole('navigation');
    await user.click(within(nav).getByRole('button', { name: 'Administration' }));
    await user.click(await screen.findByRole('tab', { name: 'Settings' }));
    const central = await screen.findByTestId('central-settings', {}, { timeout: 10_000 });
    await within(central).findByText(/^Set\./);
    await user.type(within(central).getByRole('textbox', { name: 'Address to send to (optional)' }), 'https://zentrale.example');

    // Asked first: cancelling keeps the key.
    await user.click(within(central).getByRole('button', { name: 'Remove key' }));
    let dialog = await screen.findByRole('dialog', { name: 'Remove the pseudonym key?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(((await core.call('settings.get', {})) as { data: { pseudonymKeySet: boolean } }).data.pseudonymKeySet).toBe(true);

    await user.click(within(central).getByRole('button', { name: 'Remove key' }));
    dialog = await screen.findByRole('dialog', { name: 'Remove the pseudonym key?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove key' }));
    await screen.findByText('The pseudonym key is removed.');
    const stored = (await core.call('settings.get', {})) as { ok: true; data: { pseudonymKeySet: boolean; exportEndpoint: string } };
    expect(stored.data.pseudonymKeySet).toBe(false);
    // Only the key was sent: the address typed is still in the form, not yet saved.
    expect(stored.data.exportEndpoint).toBe('');
    expect((within(central).getByRole('textbox', { name: 'Address to send to (optional)' }) as HTMLInputElement).value).toBe('https://zentrale.example');
    await within(central).findByText(/^Not set yet:/);
    expect(within(central).queryByRole('button', { name: 'Remove key' })).toBeNull();
  });
});
