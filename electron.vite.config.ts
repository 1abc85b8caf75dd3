import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * Three bundles, as in the electron-vite React-TS template:
 * - main: Electron glue (index) plus the plain-Node core process (core).
 *   Runtime dependencies stay external and ship in node_modules. (The
 *   developer tools bench and seed build apart: vite.tools.config.mts.)
 * - preload: one self-contained CommonJS file, because a sandboxed preload
 *   cannot require third-party modules.
 * - renderer: the React app, minified (electron-vite leaves it unminified
 *   unless told). React and Mantine are vendor chunks of their own; each area
 *   of the navigation is a lazily loaded chunk (src/renderer/src/app/pages.ts).
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          core: resolve(__dirname, 'src/main/core/process.ts'),
          // The core's worker thread for copies and page checks of the database file (db/sqlite/file-jobs.ts).
          'sqlite-worker': resolve(__dirname, 'src/main/core/db/sqlite/file-worker.ts'),
          // The reports' worker thread (db/sqlite/report-worker.ts): reads for reports beside the core.
          'report-worker': resolve(__dirname, 'src/main/core/db/sqlite/report-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      // electron-vite copies rolldownOptions over rollupOptions, so only rolldownOptions counts here.
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
        output: {
          codeSplitting: {
            groups: [
              // Each group takes its modules' dependencies along; React's own group comes first so Mantine's does not absorb it.
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
              // Only the Mantine parts the first screen needs ($initial); components only an area uses load with that area.
              { name: 'mantine', test: /node_modules[\\/]@mantine[\\/](core|hooks|notifications)[\\/]/, tags: ['$initial'], priority: 1 },
              // Only screens with a date field need the date picker; it loads with the first of them.
              { name: 'dates', test: /node_modules[\\/](@mantine[\\/]dates|dayjs)[\\/]/ },
            ],
          },
        },
      },
    },
  },
});
