import type { Settings } from '../../../../shared/rpc/areas/settings';

/**
 * The settings form's values: the stored settings without what the core only
 * reports (whether a pseudonym key is set), plus the pseudonym key as typed —
 * never prefilled, because the core never reads it back.
 */
export type SettingsFormValues = Omit<Settings, 'pseudonymKeySet'> & { pseudonymKey: string };

export function formValues(settings: Settings): SettingsFormValues {
  const { pseudonymKeySet: _set, ...rest } = settings;
  return { ...rest, pseudonymKey: '' };
}

/** What settings.update gets: an empty pseudonym key field means "keep the one entered", so it is sent only when typed. */
export function toUpdate(values: SettingsFormValues) {
  const { pseudonymKey, ...rest } = values;
  return pseudonymKey.trim() ? { ...rest, pseudonymKey } : rest;
}
