import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { roleMayCall } from '../../src/renderer/src/session/useCan';
import type { Role } from '../../src/shared/roles';
import { addFamily, logInAsNewStaff, renderApp, startCore } from './harness';

/** What each role sees follows from the contract's roles, which the core enforces, not from lists in the UI. */
describe.each([
  // Reports are caseworker and coordinator work (DESIGN.md): reception has no Reports area.
  ['reception', ['Front desk', 'Families', 'Events', 'Volunteering']],
  ['caseworker', ['Front desk', 'Families', 'Events', 'Volunteering', 'Reports']],
  ['coordinator', ['Front desk', 'Families', 'Events', 'Volunteering', 'Reports', 'Administration']],
] as const)('as %s', (role: Role, areas) => {
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => dispose?.());

  it('sees the areas its role may open and the merge button only if it may merge', async () => {
    const started = await startCore({ setUp: true });
    dispose = started.dispose;
    await addFamily(started.core);
    if (role !== 'coordinator') await logInAsNewStaff(started.core, `test.${role}`, role);
    const user = userEvent.setup();
    renderApp(started.api, 'en');

    const nav = await screen.findByRole('navigation');
    expect(within(nav).queryAllByRole('button').map((b) => b.textContent)).toEqual([...areas]);

    // Open the family from the front desk search.
    await user.type(await screen.findByRole('combobox', { name: 'Search families' }), 'yilmaz');
    await screen.findByRole('option', { name: /Yılmaz/ });
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'Yılmaz' });
    expect(screen.getByRole('button', { name: /Log contact/ })).toBeTruthy();

    const mayMerge = roleMayCall(role, 'families.merge');
    expect(mayMerge).toBe(role === 'coordinator');
    expect(screen.queryByRole('button', { name: 'Merge with another family' }) !== null).toBe(mayMerge);
  });
});

describe('as host', () => {
  it('sees the events area only, and no family search', async () => {
    const { api, core, dispose } = await startCore({ setUp: true });
    await logInAsNewStaff(core, 'test.host', 'host');
    renderApp(api, 'en');
    const nav = await screen.findByRole('navigation');
    expect(within(nav).queryAllByRole('button').map((b) => b.textContent)).toEqual(['Events']);
    expect(screen.queryByRole('button', { name: /^Search/ })).toBeNull();
    expect(roleMayCall('host', 'families.search')).toBe(false);
    await dispose();
  });
});
