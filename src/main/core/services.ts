import type { BackupService } from './backup/service';
import type { Logger } from './log';
import type { LoginThrottle } from './session/throttle';
import type { CoreState } from './state';

/** What the domain areas share; built once in core.ts and handed to each app module. */
export interface CoreServices {
  state: CoreState;
  backups: BackupService;
  throttle: LoginThrottle;
  log: Logger;
  now: () => Date;
  emit: (event: string, payload?: unknown) => void;
  /** Runs work after the current call, in the core's queue (e.g. the daily backup). */
  defer: (work: () => Promise<void> | void) => void;
}
