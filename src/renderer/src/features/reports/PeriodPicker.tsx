import { Group, Select, Stack, Text } from '@mantine/core';
import { DateField } from '../../forms/DateField';
import { useT } from '../../i18n/useT';
import { isComplete, PERIOD_PRESETS, presetOf, presetPeriod, type PeriodPreset } from './period';
import { periodRange, periodWords } from './periodText';
import type { PeriodChoice } from './reportState';

/**
 * The period of a report: a preset (this month … the project period) or any
 * two days; whatever was chosen is said in words below, so nobody reports
 * the wrong quarter by a slip of the list.
 */
export function PeriodPicker({ value, onChange }: { value: PeriodChoice; onChange: (value: PeriodChoice) => void }) {
  const { t, i18n } = useT();
  const presets = PERIOD_PRESETS.map((p) => ({ value: p, label: t(`reports:periodPicker.presets.${p}`) }));
  const choosePreset = (preset: PeriodPreset) => onChange(preset === 'custom' ? { ...value, preset } : { preset, ...presetPeriod(preset) });
  const setDay = (key: 'from' | 'to', day: string | null) => {
    const next = { ...value, [key]: day };
    // Typed days that happen to make a preset show as that preset.
    onChange({ ...next, preset: isComplete(next) ? presetOf(next) : 'custom' });
  };
  return (
    <Stack gap={6}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select label={t('reports:period')} data={presets} value={value.preset} onChange={(p) => p && choosePreset(p as PeriodPreset)} allowDeselect={false} w={220} />
        <DateField label={t('reports:periodPicker.from')} value={value.from} onChange={(d) => setDay('from', d ? String(d) : null)} w={160} />
        <DateField label={t('reports:periodPicker.to')} value={value.to} onChange={(d) => setDay('to', d ? String(d) : null)} w={160} />
      </Group>
      <Text size="sm" aria-live="polite" data-testid="period-words">
        {isComplete(value)
          ? t('reports:periodPicker.shown', { words: periodWords(t, i18n.language, value), range: periodRange(t, i18n.language, value) })
          : value.from && value.to
            ? t('reports:periodPicker.endBeforeStart')
            : t('reports:periodPicker.incomplete')}
      </Text>
    </Stack>
  );
}
