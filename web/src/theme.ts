import { createTheme } from '@mantine/core';

// One theme for light and dark. The focus ring shows for keyboard focus on every control
// ('auto'), drawn by Mantine's global styles (see also index.css for non-Mantine elements).
export const theme = createTheme({
  primaryColor: 'blue',
  // White on the default shade (6) is under WCAG AA contrast; shade 8 passes in both schemes.
  primaryShade: { light: 8, dark: 8 },
  focusRing: 'auto',
  defaultRadius: 'sm',
});
