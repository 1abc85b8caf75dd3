import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../src/renderer/src/api/ApiContext';
import { notify } from '../../src/renderer/src/app/notify';
import type { Api } from '../../src/renderer/src/api/client';
import { invalidateChanged } from '../../src/renderer/src/data/changes';
import { changedKinds, isAffected, type Dependency } from '../../src/renderer/src/data/entities';
import { createQueryClient } from '../../src/renderer/src/data/queryClient';
import { FamilySearch } from '../../src/renderer/src/features/families/FamilySearch';
import { FAMILY_HITS, FAMILY_PAGE } from '../../src/renderer/src/features/families/queries';
import { createI18n } from '../../src/renderer/src/i18n';
import type { RpcResult } from '../../src/shared/errors';
import { addFamily, logInAsNewStaff, renderApp, STAFF_PASSWORD, startCore } from './harness';

describe('which cached answers a change makes stale', () => {
  it('reads the kinds from a `changed` payload and ignores anything else', () => {
    expect(changedKinds({ entities: ['family', 'contact'] })).toEqual(['family', 'contact']);
    expect(changedKinds({ entities: 'family' })).toBeNull();
    expect(changedKinds(undefined)).toBeNull();
  });

  it.each<[readonly Dependency[], string[], boolean]>([
    [['family', 'member', 'consent', 'contact', 'district', 'user'], ['contact'], true],
    [['family', 'member', 'district'], ['contact'], false],
    [['district'], ['district'], true],
    [['user'], ['family'], false],
    [['user'], ['*'], true],
    [['*'], ['settings'], true],
  ])('a query on %j after a change of %j: stale = %s', (dependsOn, changed, stale) => {
    expect(isAffected(dependsOn, changed)).toBe(stale);
  });

  it('invalidates exactly the queries that depend on a changed kind', async () => {
    const client = createQueryClient();
    const add = (key: string, dependsOn: readonly Dependency[]) => {
      client.getQueryCache().build(client, { queryKey: [key], meta: { dependsOn } });
      client.setQueryData([key], { ok: true });
    };
    add('families.get', FAMILY_PAGE);
    add('families.search', FAMILY_HITS);
    add('users.list', ['user']);
    add('audit.list', ['*']);
    await invalidateChanged(client, ['consent']);
    const stale = (key: string) => client.getQueryState([key])?.isInvalidated;
    expect([stale('families.get'), stale('families.search'), stale('users.list'), stale('audit.list')]).toEqual([true, false, false, true]);
  });
});

describe('the app with the real core', () => {
  it('shows a contact logged elsewhere on an open family page, without reloading', async () => {
    const { api, core, dispose } = await startCore({ setUp: true });
    const family = await addFamily(core);
    const user = userEvent.setup();
    renderApp(api, 'en');
    await user.type(await screen.findByRole('combobox', { name: 'Search families' }), 'yilmaz');
    await screen.findByRole('option', { name: /Yılmaz/ });
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { level: 1, name: 'Yılmaz' });
    expect(screen.queryByText(/^Phone · /)).toBeNull();

    // Another window (here: the core called directly) logs a phone call; the core announces `changed`.
    const logged = await core.call('contacts.log', { familyId: family.id, type: 'phone', fieldOfAction: 1, topics: [] });
    expect(logged.ok).toBe(true);
    expect(await screen.findByText(/^Phone · /)).toBeTruthy();
    await dispose();
  });

  it('reads a family page again each time it is opened, so every look leaves its trace', async () => {
    const { api, core, dispose } = await startCore({ setUp: true });
    const family = await addFamily(core);
    const user = userEvent.setup();
    renderApp(api, 'en');
    for (let i = 0; i < 2; i += 1) {
      await user.type(await screen.findByRole('combobox', { name: 'Search families' }), 'yilmaz');
      await screen.findByRole('option', { name: /Yılmaz/ });
      await user.keyboard('{Enter}');
      await screen.findByRole('heading', { level: 1, name: 'Yılmaz' });
      await user.click(screen.getByRole('button', { name: 'Back to search' }));
    }
    const audit = await core.call('audit.list', { method: 'families.get' });
    expect(audit.ok && (audit.data as { items: { entityId: string }[] }).items.map((e) => e.entityId)).toEqual([family.id, family.id]);
    await dispose();
  });

  it('drops every cached answer when the session locks, so the next person sees nothing of the last', async () => {
    const { api, core, dispose } = await startCore({ setUp: true });
    await logInAsNewStaff(core, 'emil', 'reception');
    await core.call('session.lock', {});
    await core.call('session.login', { username: 'clara', password: 'Lindenblatt-Regen-42' });
    const client = createQueryClient();
    const user = userEvent.setup();
    renderApp(api, 'en', client);
    const nav = await screen.findByRole('navigation');
    await user.click(within(nav).getByRole('button', { name: 'Administration' }));
    await screen.findByRole('cell', { name: 'Test emil' }, { timeout: 5000 });
    // The methods whose answers the cache holds (a disabled query is an empty entry).
    const answered = () => client.getQueryCache().getAll().filter((q) => q.state.data !== undefined).map((q) => q.queryKey[0]);
    expect(answered()).toEqual(expect.arrayContaining(['users.list', 'backup.status']));

    await user.click(screen.getByRole('button', { name: 'Lock' }));
    await screen.findByRole('heading', { name: 'Log in' });
    expect(client.getQueryCache().getAll()).toEqual([]);

    await user.type(screen.getByRole('textbox', { name: 'User name' }), 'emil');
    await user.type(screen.getByLabelText(/^Password/), STAFF_PASSWORD);
    await user.keyboard('{Enter}');
    await screen.findByRole('combobox', { name: 'Search families' });
    expect(answered()).not.toContain('users.list');
    expect(answered()).not.toContain('backup.status');
    await dispose();
  });
});

describe('messages on screen', () => {
  it('go with the session: a lock clears a message that names a family', async () => {
    const { api, dispose } = await startCore({ setUp: true });
    const user = userEvent.setup();
    const { i18n } = renderApp(api, 'en');
    await screen.findByRole('combobox', { name: 'Search families' });
    act(() => notify(i18n.t, 'brand', 'Family Yılmaz saved'));
    expect(await screen.findByText('Family Yılmaz saved')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Lock' }));
    await screen.findByRole('heading', { name: 'Log in' });
    await waitFor(() => expect(screen.queryByText('Family Yılmaz saved')).toBeNull());
    await dispose();
  });
});

describe('search as you type', () => {
  it('never lets an older answer replace the newer one', async () => {
    // A core whose answers come back in the order the test says, not the order they were asked.
    const pending = new Map<string, (result: RpcResult<unknown>) => void>();
    const hit = (displayName: string) => ({ id: displayName, code: 'ABC123', displayName, districtName: null, phone: null, status: 'active', members: [] });
    const api: Api = {
      call: ((method: string, input: { query: string }) =>
        new Promise((resolve) => {
          if (method === 'families.search') pending.set(input.query, resolve as never);
        })) as Api['call'],
      on: () => () => {},
    };
    const i18n = createI18n('en');
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={i18n}>
        <ApiProvider api={api}>
          <QueryClientProvider client={createQueryClient()}>
            <MantineProvider>
              <FamilySearch onOpen={() => {}} />
            </MantineProvider>
          </QueryClientProvider>
        </ApiProvider>
      </I18nextProvider>,
    );
    const field = screen.getByRole('combobox', { name: 'Search families' });
    await user.type(field, 'y');
    await waitFor(() => expect(pending.has('y')).toBe(true));
    await user.type(field, 'i');
    await waitFor(() => expect(pending.has('yi')).toBe(true));

    pending.get('yi')!({ ok: true, data: { items: [hit('Yılmaz')] } });
    await screen.findByRole('option', { name: /Yılmaz/ });
    // The answer to the first letter arrives last: it must not replace the list for "yi".
    pending.get('y')!({ ok: true, data: { items: [hit('Yusufi'), hit('Yılmaz')] } });
    await new Promise((done) => setTimeout(done, 50));
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([expect.stringContaining('Yılmaz')]);
  });
});
