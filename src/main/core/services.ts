import type { AnchorStore } from './audit/anchor';
import type { AuditQueue } from './audit/queue';
import type { BackupService } from './backup/service';
import type { RunningHub } from './hub/host';
import type { Logger } from './log';
import type { LoginThrottle } from './session/throttle';
import type { CoreState } from './state';

/** What the domain areas share; built once in core.ts and handed to each app module. */
export interface CoreServices {
  state: CoreState;
  backups: BackupService;
  throttle: LoginThrottle;
  /** Audit entries of the locked app, appended at the next unlock. */
  auditQueue: AuditQueue;
  /** The audit chain's head, kept outside the data folder. */
  anchor: AnchorStore;
  /** Writes the chain's current head to the anchor (idle, lock, close). */
  saveAnchor: () => Promise<void>;
  log: Logger;
  now: () => Date;
  emit: (event: string, payload?: unknown) => void;
  /** Hears what `emit` sends (an area that keeps something until it changes); returns the way to stop. */
  listen: (listener: (event: string, payload?: unknown) => void) => () => void;
  /** Runs work after the current call, in the core's queue (e.g. a key change at login). */
  defer: (work: () => Promise<void> | void) => void;
  /**
   * Runs long work beside the calls, not in their queue (the daily backup and
   * page check, made by a worker thread): nobody waits for it. One at a time.
   */
  background: (work: () => Promise<void>) => void;
  /** Resolves when background work is done: anything that swaps or closes the database file waits for it. */
  settled: () => Promise<void>;
  /** The office hub this PC runs itself (it is the hub PC); null elsewhere. */
  hubHost: RunningHub | null;
  /** Ends the core process after this answer so that its host starts it again (after joining the hub); absent in tests. */
  restart?: () => void;
}
