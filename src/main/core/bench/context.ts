import type { MetricResult } from './report';

/** What every metric gets from the runner. */
export interface BenchContext {
  /** Progress line for humans (stderr, so stdout stays table + JSON). */
  progress(message: string): void;
  /**
   * A value several metrics share (e.g. a seeded data folder with its core),
   * made by the first metric that asks for it; later ones get the same value.
   */
  shared<T>(key: string, make: () => Promise<T>): Promise<T>;
  /** Cleanup after the last metric (close a core, remove a folder), run even when a metric fails. */
  onFinish(cleanup: () => Promise<void> | void): void;
}

/** A metric measures one thing and says how it compares with its target. */
export type Metric = (ctx: BenchContext) => Promise<MetricResult>;
