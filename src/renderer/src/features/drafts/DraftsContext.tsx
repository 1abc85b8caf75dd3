import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Draft } from '../../../../shared/rpc/areas/drafts';
import { useApi } from '../../api/ApiContext';

interface DraftsApi {
  /** Drafts found at unlock, not yet taken up or discarded. */
  pending: Draft[];
  /** The draft waiting for a form, without taking it. */
  peek(formKey: string): Draft | undefined;
  /** Takes a draft for a form (once); the form then fills itself with it. */
  take(formKey: string): Draft | undefined;
  save(formKey: string, data: Record<string, unknown>): void;
  discard(formKey: string): Promise<void>;
  /** Writes every unsaved change now (before a manual lock). */
  flush(): Promise<void>;
}

const DraftsContext = createContext<DraftsApi | null>(null);
const SAVE_DELAY_MS = 400;

/**
 * Unsaved form input goes to the core (encrypted, per user) shortly after
 * each change, so an auto-lock loses nothing; after unlock it is offered back.
 */
export function DraftsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [pending, setPending] = useState<Draft[]>([]);
  const timers = useRef(new Map<string, { timer: ReturnType<typeof setTimeout>; data: Record<string, unknown> }>());

  useEffect(() => {
    // Plain calls, not the query cache: the drafts are read once per unlock and then held and changed here.
    void api.call('drafts.list', {}).then((result) => {
      if (result.ok) setPending(result.data.items);
    });
    const pendingTimers = timers.current;
    return () => pendingTimers.forEach(({ timer }) => clearTimeout(timer));
  }, [api]);

  const write = useCallback(
    async (formKey: string) => {
      const entry = timers.current.get(formKey);
      if (!entry) return;
      clearTimeout(entry.timer);
      timers.current.delete(formKey);
      await api.call('drafts.save', { formKey, data: entry.data });
    },
    [api],
  );

  const value = useMemo<DraftsApi>(
    () => ({
      pending,
      peek: (formKey) => pending.find((d) => d.formKey === formKey),
      take(formKey) {
        const draft = pending.find((d) => d.formKey === formKey);
        if (draft) setPending((all) => all.filter((d) => d.formKey !== formKey));
        return draft;
      },
      save(formKey, data) {
        const existing = timers.current.get(formKey);
        if (existing) clearTimeout(existing.timer);
        timers.current.set(formKey, { data, timer: setTimeout(() => void write(formKey), SAVE_DELAY_MS) });
      },
      async discard(formKey) {
        const existing = timers.current.get(formKey);
        if (existing) clearTimeout(existing.timer);
        timers.current.delete(formKey);
        setPending((all) => all.filter((d) => d.formKey !== formKey));
        await api.call('drafts.discard', { formKey });
      },
      async flush() {
        await Promise.all([...timers.current.keys()].map((key) => write(key)));
      },
    }),
    [pending, api, write],
  );

  return <DraftsContext.Provider value={value}>{children}</DraftsContext.Provider>;
}

export function useDrafts(): DraftsApi {
  const drafts = useContext(DraftsContext);
  if (!drafts) throw new Error('useDrafts outside DraftsProvider');
  return drafts;
}
