import { describe } from 'vitest';

/**
 * Every core test runs on both databases the core supports: the PC's own
 * encrypted SQLite file and the office hub's PostgreSQL. The test's name says
 * which ("[sqlite] families …", "[postgres] families …").
 */
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

export function describeEachDialect(name: string, body: (dialect: TestDialect) => void): void {
  for (const dialect of DIALECTS) describe(`[${dialect}] ${name}`, () => body(dialect));
}
