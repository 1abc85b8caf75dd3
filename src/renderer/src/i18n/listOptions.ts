import type { Translate } from '../forms/validate';

/** Select options for a fixed list, labelled from locales/<lng>/lists.json (`lists:<name>.<value>`). */
export function listOptions(t: Translate, values: readonly (string | number)[], name: string): { value: string; label: string }[] {
  return values.map((value) => ({ value: String(value), label: String(t(`lists:${name}.${value}`)) }));
}
