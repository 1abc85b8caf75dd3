/** What a metric returns, and how the results are shown (table) and handed on (JSON line). Pure. */
import { median, percentile } from './measure';

export interface MetricResult {
  /** snake_case key, also the key in the JSON line. */
  name: string;
  value: number;
  /** e.g. 'ms', 'ratio', 'MB' */
  unit: string;
  /** null: a figure for information, with no target of its own (never "MISSED"). */
  target: number | null;
  better: 'lower' | 'higher';
  /** Extra figures for the table only, e.g. 'p95 341.2 ms'. */
  details?: string[];
}

export interface MachineFacts {
  node: string;
  platform: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  sqlite: string;
  cipher: string;
}

/** Decimals shown and reported per unit. */
export function decimalsFor(unit: string): number {
  switch (unit) {
    case 'ratio':
      return 2;
    case 'ms':
    case 'MB':
      return 1;
    default:
      return 2;
  }
}

export function roundFor(value: number, unit: string): number {
  const factor = 10 ** decimalsFor(unit);
  return Math.round(value * factor) / factor;
}

export function formatValue(value: number, unit: string): string {
  return roundFor(value, unit).toFixed(decimalsFor(unit));
}

/** Whether the (rounded, as shown) value meets its target. */
export function meetsTarget(result: MetricResult): boolean {
  if (result.target === null) return true;
  const value = roundFor(result.value, result.unit);
  return result.better === 'lower' ? value <= result.target : value >= result.target;
}

function targetText(result: MetricResult): string {
  if (result.target === null) return 'none';
  return `${result.better === 'lower' ? '<=' : '>='} ${result.target}`;
}

/** A plain-text table with one row per metric. */
export function formatTable(results: readonly MetricResult[]): string {
  const header = ['metric', 'value', 'unit', 'target', 'result', 'details'];
  const rows = results.map((r) => [
    r.name,
    formatValue(r.value, r.unit),
    r.unit,
    targetText(r),
    r.target === null ? 'info' : meetsTarget(r) ? 'pass' : 'MISSED',
    (r.details ?? []).join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const numeric = new Set([1]);
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * The single PC and the office hub side by side: each `hub_<name>` beside
 * `<name>` from the same run (empty when either is missing).
 */
export function formatSideBySide(results: readonly MetricResult[]): string {
  const byName = new Map(results.map((r) => [r.name, r]));
  const rows = results.flatMap((hub) => {
    const single = hub.name.startsWith('hub_') ? byName.get(hub.name.slice(4)) : undefined;
    return single ? [[single.name, formatValue(single.value, single.unit), formatValue(hub.value, hub.unit), single.unit, targetText(hub)]] : [];
  });
  if (rows.length === 0) return '';
  const header = ['metric', 'single PC', 'hub', 'unit', 'hub target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 1 || i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** One sentence naming every missed target, or saying that all were met. */
export function formatVerdict(results: readonly MetricResult[]): string {
  const targeted = results.filter((r) => r.target !== null);
  const missed = targeted.filter((r) => !meetsTarget(r));
  if (missed.length === 0) return `All ${targeted.length} targets met.`;
  const items = missed.map((r) => `${r.name} = ${formatValue(r.value, r.unit)} ${r.unit} (target ${targetText(r)} ${r.unit})`);
  return `MISSED ${missed.length} of ${targeted.length} targets: ${items.join('; ')}`;
}

/** A latency metric: its p95 against a target in ms, with p50 first in the details. */
export function p95Metric(name: string, times: number[], target: number, details: string[]): MetricResult {
  return { name, value: percentile(times, 95), unit: 'ms', target, better: 'lower', details: [`p50 ${median(times).toFixed(2)} ms`, ...details] };
}

/** The machine-readable line: { name: { value, unit, target } } with rounded values. */
export function toJsonLine(results: readonly MetricResult[]): string {
  const out: Record<string, { value: number; unit: string; target: number | null }> = {};
  for (const r of results) out[r.name] = { value: roundFor(r.value, r.unit), unit: r.unit, target: r.target };
  return JSON.stringify(out);
}

export function formatFacts(facts: MachineFacts): string {
  return [
    `node ${facts.node} on ${facts.platform}, ${facts.cpus} CPUs (${facts.cpuModel}), ${facts.memoryGiB} GiB RAM`,
    `SQLite ${facts.sqlite}, ${facts.cipher}`,
  ].join('\n');
}
