import type { ReactNode } from 'react';

/** A small dialog form the core checks: Enter or its submit button sends it; the browser's own validation stays off. */
export function SubmitForm({ onSubmit, children }: { onSubmit: () => unknown; children: ReactNode }) {
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}
