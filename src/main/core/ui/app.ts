import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LANGUAGE } from '../../../shared/i18n';
import type { Contract } from '../../../shared/rpc/contract';
import { uiPreferencesSchema, type UiPreferences } from '../../../shared/rpc/areas/ui';
import { writeFileAtomic } from '../files/atomic';
import type { Registry } from '../rpc/registry';

/** The `ui.*` area: this PC's interface language, kept beside the data. */
export function registerUiApp(
  registry: Registry<Contract>,
  dataDir: string,
  emit: (event: string, payload?: unknown) => void,
): void {
  const file = join(dataDir, 'preferences.json');
  const read = (): UiPreferences => {
    if (!existsSync(file)) return { language: DEFAULT_LANGUAGE };
    const parsed = uiPreferencesSchema.safeParse(safeJson(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : { language: DEFAULT_LANGUAGE };
  };

  registry.register('ui', {
    'ui.preferences': () => read(),
    'ui.setLanguage': ({ language }) => {
      const next = { ...read(), language };
      writeFileAtomic(file, JSON.stringify(next));
      emit('language-changed', language);
      return next;
    },
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
