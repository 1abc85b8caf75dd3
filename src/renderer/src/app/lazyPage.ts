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
 * Here the promise is marked fulfilled when the chunk arrives, the way React
 * reads a settled promise, so `use` answers at once instead of suspending.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  type Tracked = Promise<ComponentType<P>> & { status?: 'fulfilled'; value?: ComponentType<P> };
  let loading: Tracked | undefined;
  const start = (): Tracked => {
    if (loading) return loading;
    const tracked: Tracked = load().then(
      (component) => {
        tracked.status = 'fulfilled';
        tracked.value = component;
        return component;
      },
      (error: unknown) => {
        // A failed load is tried again on the next render (the error boundary's "try again").
        loading = undefined;
        throw error;
      },
    );
    loading = tracked;
    return tracked;
  };
  function Page(props: P) {
    return createElement(use<ComponentType<P>>(start() as Promise<ComponentType<P>>), props);
  }
  return { preload: () => start().then(() => undefined, () => undefined), page: Page };
}
