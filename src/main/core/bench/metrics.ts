import type { Metric } from './context';
import { encryptionOverheadMetric } from './encryption';
import { unlockMetric } from './unlock';

/** Every metric `npm run bench` measures, in order. Adding one is one line here. */
export const METRICS: readonly Metric[] = [unlockMetric, encryptionOverheadMetric];
