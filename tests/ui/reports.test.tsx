import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { addFamily, logInAsNewStaff, renderApp, startCore } from './harness';

/** What a role sees of the reports follows the contract: reception reports, but without names, staff or the central package. */
describe('reports as reception', () => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => dispose?.());

  it('shows this year\'s figures, opens a figure to family codes only and says why, and offers no central package', async () => {
    const started = await startCore({ setUp: true });
    dispose = started.dispose;
    await addFamily(started.core);
    await logInAsNewStaff(started.core, 'test.reception', 'reception');
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
    expect(within(drawer).getByText(/Only coordination and social work see names in reports/)).toBeTruthy();
    const list = within(drawer).getByTestId('drill-list');
    expect(list.textContent).not.toContain('Yılmaz');
    expect(within(list).queryByRole('columnheader', { name: 'Family' })).toBeNull();
    expect(within(list).getByRole('button', { name: /^Open family [0-9A-Z]+$/ })).toBeTruthy();
  });
});
