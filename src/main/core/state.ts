import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionInfo } from './rpc/context';

/** The core's mutable state: where its data lives and who is logged in. */
export class CoreState {
  session: SessionInfo | null = null;
  officeName: string | null = null;

  constructor(readonly dataDir: string) {}

  /** The key-slot file exists once first-run setup has finished. */
  isSetUp(): boolean {
    return existsSync(join(this.dataDir, 'm3desk.keys'));
  }
}
