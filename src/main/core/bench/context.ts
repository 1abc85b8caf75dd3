import type { MetricResult } from './report';

/** What every metric gets from the runner. */
export interface BenchContext {
  /** Progress line for humans (stderr, so stdout stays table + JSON). */
  progress(message: string): void;
}

/** A metric measures one thing and says how it compares with its target. */
export type Metric = (ctx: BenchContext) => Promise<MetricResult>;
