import { useState } from 'react';
import type { RpcResult } from '../../../shared/errors';
import { useT } from '../i18n/useT';
import { errorText, fieldErrors, type FormErrors } from './validate';

/**
 * Sends a form to the core: field refusals land next to their fields, any
 * other refusal becomes one translated message for the form. Nothing typed is
 * cleared on failure.
 */
export function useRpcSubmit(form: { setErrors(errors: FormErrors): void }) {
  const { t } = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async <T,>(call: () => Promise<RpcResult<T>>, onOk: (data: T) => unknown) => {
    setBusy(true);
    setError(null);
    const result = await call();
    setBusy(false);
    if (result.ok) return void (await onOk(result.data));
    const fields = fieldErrors(t, result.error);
    if (fields) form.setErrors(fields);
    else setError(errorText(t, result.error));
  };
  /** Shows the form's own refusals (from its zod check) and sends only when there are none. */
  const runChecked = <T,>(errors: FormErrors, call: () => Promise<RpcResult<T>>, onOk: (data: T) => unknown) => {
    form.setErrors(errors);
    if (Object.keys(errors).length === 0) void run(call, onOk);
  };
  return { error, busy, run, runChecked };
}
