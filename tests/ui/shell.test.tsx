import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MantineProvider } from '@mantine/core';
import { render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { ErrorBoundary } from '../../src/renderer/src/app/ErrorBoundary';
import { createI18n } from '../../src/renderer/src/i18n';
import type { Api } from '../../src/renderer/src/api/client';
import { logInAsNewStaff, renderApp, startCore } from './harness';

// The areas a coordinator opens (each named by a contract method the role may call).
const labels = {
  de: ['Empfang', 'Familien', 'Veranstaltungen', 'Ehrenamt', 'Berichte', 'Verwaltung'],
  en: ['Front desk', 'Families', 'Events', 'Volunteering', 'Reports', 'Administration'],
} as const;

describe.each(['de', 'en'] as const)('shell in %s', (language) => {
  let api: Api;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ api, dispose } = await startCore({ setUp: true }));
  });
  afterEach(async () => dispose());

  it('shows the navigation for every area in the UI language', async () => {
    renderApp(api, language);
    const nav = await screen.findByRole('navigation');
    const buttons = within(nav).getAllByRole('button').map((b) => b.textContent);
    expect(buttons).toEqual([...labels[language]]);
    expect(document.documentElement.lang).toBe(language);
  });

  it('opens an area from the navigation and marks it current', async () => {
    const user = userEvent.setup();
    renderApp(api, language);
    const nav = await screen.findByRole('navigation');
    await user.click(within(nav).getByRole('button', { name: labels[language][3] }));
    // The area's page is its own chunk, loaded (and here first transformed) on first use.
    expect(await screen.findByRole('heading', { level: 1, name: labels[language][3] }, { timeout: 5000 })).toBeTruthy();
    expect(within(nav).getByRole('button', { name: labels[language][3] }).getAttribute('aria-current')).toBe('page');
  });

  it('opens the global search with Ctrl+K', async () => {
    const user = userEvent.setup();
    renderApp(api, language);
    await screen.findByRole('navigation');
    await user.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('combobox')).toBeTruthy();
  });
});

/** The areas follow the contract's roles: reports are caseworker and coordinator work (DESIGN.md), so reception has none. */
describe.each([
  ['reception', ['Empfang', 'Familien', 'Veranstaltungen', 'Ehrenamt']],
  ['caseworker', ['Empfang', 'Familien', 'Veranstaltungen', 'Ehrenamt', 'Berichte']],
] as const)('navigation as %s', (role, areas) => {
  it('shows the areas the role may open', async () => {
    const { api, core, dispose } = await startCore({ setUp: true });
    await logInAsNewStaff(core, `test.${role}`, role);
    renderApp(api, 'de');
    const nav = await screen.findByRole('navigation');
    expect(within(nav).getAllByRole('button').map((b) => b.textContent)).toEqual([...areas]);
    await dispose();
  });
});

describe('language switch', () => {
  it('switches German to English at once and remembers it in the core', async () => {
    const { api, core, dispose } = await startCore({ setUp: true });
    const user = userEvent.setup();
    renderApp(api, 'de');
    await screen.findByRole('button', { name: 'Empfang' });
    await user.click(screen.getByText('EN'));
    await screen.findByRole('button', { name: 'Front desk' });
    await waitFor(async () => expect(await core.call('ui.preferences', {})).toEqual({ ok: true, data: { language: 'en' } }));
    await dispose();
  });
});

describe.each(['de', 'en'] as const)('error boundary in %s', (language) => {
  it('shows a translated message instead of a blank view', () => {
    const Broken = () => {
      throw new Error('render failed');
    };
    const i18n = createI18n(language);
    const original = console.error;
    console.error = () => {};
    render(
      <I18nextProvider i18n={i18n}>
        <MantineProvider>
          <ErrorBoundary>
            <Broken />
          </ErrorBoundary>
        </MantineProvider>
      </I18nextProvider>,
    );
    console.error = original;
    expect(screen.getByRole('alert').textContent).toContain(
      language === 'de' ? 'Diese Ansicht konnte nicht angezeigt werden' : 'This view could not be shown',
    );
  });
});
