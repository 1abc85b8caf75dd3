import { useEffect, useRef, useState } from 'react';
import { useDrafts } from './DraftsContext';

interface DraftableForm<V> {
  getValues(): V;
  setValues(values: Partial<V>): void;
  isDirty(): boolean;
}

/**
 * Keeps a form's input as an encrypted draft while it is being typed, and
 * fills the form from the draft found at unlock. Passwords are never drafted.
 */
export function useDraft<V extends object>(formKey: string, form: DraftableForm<V>, values: V, exclude: readonly (keyof V)[] = []) {
  const drafts = useDrafts();
  // Known at the first render, so the "restored" note shows with the restored values.
  const [restoredAt, setRestoredAt] = useState<string | null>(() => drafts.peek(formKey)?.updatedAt ?? null);
  const restoring = useRef(true);

  useEffect(() => {
    const draft = drafts.take(formKey);
    if (draft) form.setValues(draft.data as Partial<V>);
    restoring.current = false;
    // Only once, when the form appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [formKey]);

  useEffect(() => {
    if (restoring.current || !form.isDirty()) return;
    const data = { ...values } as Record<string, unknown>;
    for (const key of exclude) delete data[key as string];
    drafts.save(formKey, data);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values]);

  return {
    restoredAt,
    /** Call after a successful save or on cancel. */
    clear: () => {
      setRestoredAt(null);
      return drafts.discard(formKey);
    },
  };
}
