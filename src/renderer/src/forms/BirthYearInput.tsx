import { NumberInput, type NumberInputProps } from '@mantine/core';

/** A four-digit year of birth: no thousands separator, no spinner, 1900 up to this year. */
export function BirthYearInput(props: NumberInputProps) {
  return <NumberInput min={1900} max={new Date().getFullYear()} allowDecimal={false} thousandSeparator={false} hideControls {...props} />;
}
