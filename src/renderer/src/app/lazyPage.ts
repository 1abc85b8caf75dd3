import { createElement, use, type ComponentType, type ReactElement } from 'react';

export interface LazyPage<P> {
  /** Starts loading the chunk (once). Never rejects: a chunk that fails to load shows its error where the page renders. */
  preload: () => Promise<void>;
  page: (props: P) => ReactElement;
}

/**
 * A page in a chunk of its own, like React.lazy, except that it renders at
 * once when the chunk is already loaded. React.lazy suspends on its first
 * render whatever the state of the chunk, and React then keeps the fallback
 * up for up to 300 ms: the first screen after login would wait for nothing.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const start = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // A failed load is tried again on the next render (the error boundary's "try again").
        loading = undefined;
        throw error;
      },
    ));
  function Page(props: P) {
    const Component = loaded ?? use(start());
    return createElement(Component, props);
  }
  return { preload: () => start().then(() => undefined, () => undefined), page: Page };
}
