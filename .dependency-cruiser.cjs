/**
 * Layers import downward only (DESIGN.md, "Layers import downward only"):
 * shared ← core ← main; shared ← preload; shared ← renderer.
 * `npm run layers` fails on any violation; tests/unit/layers.test.ts proves
 * each rule bites on a fixture that breaks it.
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-only-shared',
      comment: 'src/shared is the contract: it imports nothing of ours outside src/shared.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^(src/(?!shared/)|tools/|tests/)' },
    },
    {
      name: 'shared-no-node-or-electron',
      comment: 'src/shared runs in all three processes: no Node built-ins, no electron.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-no-electron',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'core-no-electron',
      comment: 'The core is plain Node: it runs in a utilityProcess, under vitest and in the test bridge.',
      severity: 'error',
      from: { path: '^src/main/core/' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'core-imports-only-core-and-shared',
      comment: 'The core never reaches up into main, preload or renderer.',
      severity: 'error',
      from: { path: '^src/main/core/' },
      to: { path: '^(src/main/(?!core/)|src/preload/|src/renderer/|tools/)' },
    },
    {
      name: 'core-driver-only-in-sqlite-module',
      comment:
        'Domain code reaches the database only through Kysely; only src/main/core/db/sqlite knows the SQLite driver (the bench measures SQLite itself against a bare baseline).',
      severity: 'error',
      from: { path: '^src/main/core/', pathNot: '^src/main/core/(db/sqlite|bench)/' },
      to: { path: 'node_modules/better-sqlite3[^/]*/' },
    },
    {
      name: 'core-pg-driver-only-in-postgres-module',
      comment: 'Only src/main/core/db/postgres knows the PostgreSQL driver.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/main/core/db/postgres/' },
      to: { path: 'node_modules/pg[^/]*/' },
    },
    {
      name: 'core-dialect-modules-only-inside-db',
      comment:
        'One core, two databases: domain code (migrations included) sees Kysely and the small interfaces of db/dialect.ts; only db/dialects.ts picks db/sqlite or db/postgres (and db/hub.ts opens the hub server and enrolment). The bench alone measures SQLite directly.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/main/core/(db/dialects\\.ts$|db/hub\\.ts$|db/sqlite/|db/postgres/|bench/)' },
      to: { path: '^src/main/core/db/(sqlite|postgres)/' },
    },
    {
      name: 'main-not-into-preload-or-renderer',
      severity: 'error',
      from: { path: '^src/main/' },
      to: { path: '^(src/preload/|src/renderer/|tools/)' },
    },
    {
      name: 'preload-only-shared-and-electron',
      comment: 'The sandboxed preload may use only src/shared and electron.',
      severity: 'error',
      from: { path: '^src/preload/' },
      to: { path: '(^src/(?!shared/|preload/)|^tools/|(^|/)node_modules/(?!electron/))' },
    },
    {
      name: 'preload-no-node',
      severity: 'error',
      from: { path: '^src/preload/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-not-into-main-or-preload',
      comment: 'The renderer talks to the core only through its api client.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^(src/main/|src/preload/|tools/)' },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-no-electron-or-database',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^electron$|node_modules/(electron|better-sqlite3[^/]*|kysely)/' },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that cannot be resolved would hide a layer violation.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^out/' },
    tsConfig: { fileName: 'tsconfig.layers.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.json', '.d.ts'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
