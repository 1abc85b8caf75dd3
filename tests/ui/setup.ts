import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { AREA_PAGES } from '../../src/renderer/src/app/pages';

// jsdom lacks these browser APIs that Mantine uses for layout and transitions.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;
window.HTMLElement.prototype.scrollIntoView = () => {};
// Mantine's autosizing textarea listens for web fonts loading (the settings form has such fields).
if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: { addEventListener: () => {}, removeEventListener: () => {} } });
Object.defineProperty(window, 'getComputedStyle', { value: window.getComputedStyle.bind(window) });

// In the app a page's chunk arrives while the shell is drawn; here it is loaded up front,
// so no test's click suspends on a chunk outside an awaited act().
beforeAll(() => Promise.all(Object.values(AREA_PAGES).map((page) => page.preload())));

afterEach(() => cleanup());
