import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic';

const fileSchema = z.record(z.string(), z.object({ failures: z.number().int(), until: z.number() }));

/** Free attempts before delays start, and the longest delay. */
const FREE_ATTEMPTS = 3;
const MAX_DELAY_S = 300;

/**
 * Failed logins per (hashed) username, with a delay that doubles after each
 * failure beyond the first few. Kept in a file so a restart does not reset it.
 * Unknown usernames are throttled exactly like real ones.
 */
export class LoginThrottle {
  private cache: z.infer<typeof fileSchema> | null = null;

  constructor(
    private readonly file: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Seconds to wait before this name may try again; 0 when it may try now. */
  waitSeconds(tag: string): number {
    const entry = this.read()[tag];
    if (!entry) return 0;
    return Math.max(0, Math.ceil((entry.until - this.now()) / 1000));
  }

  recordFailure(tag: string): number {
    const all = this.read();
    const failures = (all[tag]?.failures ?? 0) + 1;
    const delay = failures <= FREE_ATTEMPTS ? 0 : Math.min(2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_S);
    all[tag] = { failures, until: this.now() + delay * 1000 };
    this.write(all);
    return delay;
  }

  reset(tag: string): void {
    const all = this.read();
    if (!(tag in all)) return;
    delete all[tag];
    this.write(all);
  }

  private read(): z.infer<typeof fileSchema> {
    if (this.cache) return this.cache;
    this.cache = {};
    if (existsSync(this.file)) {
      try {
        const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
        if (parsed.success) this.cache = parsed.data;
      } catch {
        // An unreadable file starts a fresh count.
      }
    }
    return this.cache;
  }

  private write(data: z.infer<typeof fileSchema>): void {
    this.cache = data;
    try {
      writeFileAtomic(this.file, JSON.stringify(data));
    } catch {
      // A full disk must not turn a failed login into a crash; the delay is then in memory only.
    }
  }
}
