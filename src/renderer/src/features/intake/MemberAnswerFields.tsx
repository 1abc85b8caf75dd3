import { Group, Select } from '@mantine/core';
import { MIGRATION_BACKGROUND } from '../../../../shared/domain/lists';
import { listOptions } from '../../i18n/listOptions';
import { useT } from '../../i18n/useT';
import type { InputProps } from './HouseholdFields';
import { AS_FAMILY } from './intakeForm';

/**
 * A person's own migration background and Einwanderungsgeschichte (intake and
 * the family record). The first option keeps the family's answer, named, so
 * nobody has to answer twice for a household that answers as one.
 */
export function MemberAnswerFields({
  inputProps,
  prefix = '',
  family,
  withDefinitions = true,
  mt,
}: {
  inputProps: InputProps;
  /** Where the member's fields sit in the form, e.g. `members.0.`. */
  prefix?: string;
  family: { migrationBackground: string; immigrationHistory: string };
  /** The intake's person cards say the definitions once, on the first card, not on every one. */
  withDefinitions?: boolean;
  mt?: number;
}) {
  const { t } = useT();
  const options = (familyAnswer: string) => [
    { value: AS_FAMILY, label: t('families:members.asFamily', { answer: t(`lists:migration.${familyAnswer}` as never) }) },
    ...listOptions(t, MIGRATION_BACKGROUND, 'migration'),
  ];
  return (
    <Group grow align="flex-start" mt={mt}>
      <Select
        label={t('families:members.migration')}
        description={withDefinitions ? t('families:members.migrationHint') : undefined}
        data={options(family.migrationBackground)}
        allowDeselect={false}
        {...inputProps(`${prefix}migrationBackground`)}
      />
      <Select
        label={t('families:members.immigration')}
        description={withDefinitions ? t('families:members.immigrationHint') : undefined}
        data={options(family.immigrationHistory)}
        allowDeselect={false}
        {...inputProps(`${prefix}immigrationHistory`)}
      />
    </Group>
  );
}
