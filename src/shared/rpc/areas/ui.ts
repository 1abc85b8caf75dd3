import { z } from 'zod';
import { UI_LANGUAGES } from '../../i18n';
import { ALL_ROLES } from '../../roles';
import { defineMethod } from '../define';

export const uiPreferencesSchema = z.object({ language: z.enum(UI_LANGUAGES) });
export type UiPreferences = z.infer<typeof uiPreferencesSchema>;

/** Preferences of this PC's interface; they hold nothing personal and work while locked. */
export const uiMethods = {
  'ui.preferences': defineMethod({
    input: z.object({}).strict().optional(),
    output: uiPreferencesSchema,
    roles: ALL_ROLES,
    writes: false,
    whenLocked: true,
  }),
  'ui.setLanguage': defineMethod({
    input: z.object({ language: z.enum(UI_LANGUAGES) }).strict(),
    output: uiPreferencesSchema,
    roles: ALL_ROLES,
    writes: false,
    whenLocked: true,
  }),
};
