/**
 * `npm run bench`: measures the DESIGN.md targets in a plain Node process,
 * the way the core runs (never inside vitest). Prints a table; with --json
 * the last line of stdout is one JSON object { metric: { value, unit, target } }.
 * Exits 0 even when a target is missed: it measures, it does not test.
 */
import type { BenchContext } from './context';
import { machineFacts } from './machine';
import { METRICS } from './metrics';
import { formatFacts, formatSideBySide, formatTable, formatVerdict, toJsonLine, type MetricResult } from './report';

async function main(argv: readonly string[]): Promise<number> {
  // --only a,b: just those metrics (by function name, e.g. checkinMetric), for working on one figure.
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? new Set((argv[onlyAt + 1] ?? '').split(',')) : null;
  const unknown = argv.filter((arg, i) => arg !== '--json' && i !== onlyAt && i !== onlyAt + 1);
  if (unknown.length > 0 || (only && only.size === 0)) {
    process.stderr.write(`usage: node out/tools/bench.js [--json] [--only metricA,metricB]\nunknown argument: ${unknown.join(' ')}\n`);
    return 2;
  }
  const json = argv.includes('--json');
  const started = Date.now();
  const sharedValues = new Map<string, Promise<unknown>>();
  const cleanups: Array<() => Promise<void> | void> = [];
  const ctx: BenchContext = {
    progress: (message) => process.stderr.write(`  … ${message}\n`),
    shared: <T>(key: string, make: () => Promise<T>) => {
      if (!sharedValues.has(key)) sharedValues.set(key, make());
      return sharedValues.get(key) as Promise<T>;
    },
    onFinish: (cleanup) => {
      cleanups.push(cleanup);
    },
  };

  console.log(formatFacts(machineFacts()));
  const results: MetricResult[] = [];
  try {
    for (const metric of METRICS) if (!only || only.has(metric.name)) results.push(await metric(ctx));
  } finally {
    // Last registered, first cleaned up (a core closes before its folder goes).
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        process.stderr.write(`bench cleanup failed: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  }

  console.log('');
  console.log(formatTable(results));
  const sideBySide = formatSideBySide(results);
  if (sideBySide) console.log(`\nThe single PC and the office hub, same run:\n${sideBySide}`);
  console.log('');
  console.log(formatVerdict(results));
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (json) console.log(toJsonLine(results));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
