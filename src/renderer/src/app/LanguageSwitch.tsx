import { SegmentedControl } from '@mantine/core';
import type { UiLanguage } from '../../../shared/i18n';
import { useT } from '../i18n/useT';

export function LanguageSwitch({ language, onChange }: { language: UiLanguage; onChange: (language: UiLanguage) => void }) {
  const { t } = useT();
  return (
    <SegmentedControl
      aria-label={t('common:language.label')}
      size="xs"
      value={language}
      onChange={(value) => onChange(value as UiLanguage)}
      data={[
        { value: 'de', label: <span lang="de" title={t('common:language.de')}>DE</span> },
        { value: 'en', label: <span lang="en" title={t('common:language.en')}>EN</span> },
      ]}
    />
  );
}
