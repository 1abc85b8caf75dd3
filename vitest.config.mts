import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const STATIC = ['tests/unit/{layers,locales,bundles,security-gate,bench-report}.test.ts'];

export default defineConfig({
  test: {
    // Two test files at a time: a file spends much of its time waiting on PostgreSQL, key derivation and disk,
    // so two share two cores well (vitest's default on two cores is one, which ran the suite in ~10 min, now ~5).
    maxWorkers: 2,
    projects: [
      {
        // Checks of the sources and builds that open no database (layering, locales, bundles, security gate, bench report).
        test: {
          name: 'static',
          environment: 'node',
          include: STATIC,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          exclude: STATIC,
          // One real PostgreSQL for the run: every core test runs on it as well as on SQLite.
          globalSetup: ['tests/support/postgres-global.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['tests/ui/**/*.test.tsx'],
          setupFiles: ['tests/ui/setup.ts'],
          css: false,
          testTimeout: 30_000,
        },
      },
    ],
  },
});
