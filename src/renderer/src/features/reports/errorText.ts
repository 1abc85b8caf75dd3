import type { RpcError } from '../../../../shared/errors';
import { errorText, fieldErrors, type Translate } from '../../forms/validate';

/** A refused report in words: the period's own message (more than ten years, end before start) where the core names one. */
export function reportErrorText(t: Translate, error: RpcError): string {
  return Object.values(fieldErrors(t, error) ?? {})[0] ?? errorText(t, error);
}
