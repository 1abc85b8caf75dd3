import { createTheme } from '@mantine/core';

/** One place for the look; colours chosen for WCAG AA contrast in light and dark. */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 8, dark: 5 },
  defaultRadius: 'md',
  fontFamily: 'system-ui, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  focusRing: 'auto',
});
