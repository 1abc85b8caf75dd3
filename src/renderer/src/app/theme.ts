import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** One place for the look; colours chosen for WCAG AA contrast in light and dark. */
export const theme = createTheme({
  primaryColor: 'teal',
  // Shade 9 keeps white text on filled controls above 4.5:1 in both schemes.
  primaryShade: { light: 9, dark: 9 },
  defaultRadius: 'md',
  fontFamily: 'system-ui, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  focusRing: 'auto',
});

/** Mantine's default "dimmed" grey is below 4.5:1 on white; use one shade darker. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});
