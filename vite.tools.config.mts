import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The core's command-line developer tools — `npm run bench` and `npm run seed` —
 * built on their own into out/tools, apart from the app's bundles: nothing of
 * them (not even a chunk they share with the core) can reach the installer,
 * which ships out/main, out/preload and out/renderer only. Plain Node, CommonJS
 * like the core process; runtime dependencies stay in node_modules.
 */
export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(import.meta.dirname, 'out/tools'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: {
        bench: resolve(import.meta.dirname, 'src/main/core/bench/main.ts'),
        seed: resolve(import.meta.dirname, 'src/main/core/seed/main.ts'),
        'sqlite-worker': resolve(import.meta.dirname, 'src/main/core/db/sqlite/file-worker.ts'),
        'report-worker': resolve(import.meta.dirname, 'src/main/core/db/sqlite/report-worker.ts'),
      },
      // Chunks beside the entries: the core looks for its file worker (sqlite-worker.js) next to the
      // code that starts it (db/sqlite/file-jobs.ts); from out/tools/chunks it found none and ran
      // backups and page checks on the core's own thread, blocking every call meanwhile.
      output: { format: 'cjs', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});
