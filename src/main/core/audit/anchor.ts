/**
 * The audit chain's head (file id, entry number, link) kept outside the data
 * folder: in the app by Electron's safeStorage (the OS keystore), under the
 * test bridge in a file beside the data folder. An older copy of the database
 * or a backup put over the live file has a shorter or different chain, which
 * the next unlock notices (DESIGN.md: data must stay correct).
 */
import { existsSync, readFileSync } from 'node:fs';
import { anchorSchema, type Anchor } from '../../../shared/rpc/channel';
import type { Tx } from '../db/schema';
import { writeFileAtomic } from '../files/atomic';
import { auditHead, linkAt } from './chain';

export type { Anchor };

export interface AnchorStore {
  read(): Anchor | null;
  write(anchor: Anchor): void;
}

/** A file beside the data folder (the test bridge, tests, a PC without an OS keystore). */
export function fileAnchorStore(file: string): AnchorStore {
  return {
    read() {
      if (!existsSync(file)) return null;
      try {
        return anchorSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      } catch {
        return null;
      }
    },
    write(anchor) {
      try {
        writeFileAtomic(file, JSON.stringify(anchor));
      } catch {
        // Best effort: an anchor a step behind is no false alarm (the database is then ahead of it).
      }
    },
  };
}

/** In the app: main keeps the anchor in the OS keystore; the core gets it at start and sends each new one. */
export function relayAnchorStore(initial: Anchor | null, send: (anchor: Anchor) => void): AnchorStore {
  let current = initial;
  return {
    read: () => current,
    write(anchor) {
      current = anchor;
      send(anchor);
    },
  };
}

export type AnchorCheck = 'ok' | 'rolled_back';

/**
 * 'rolled_back' when the database's chain ends before the anchored entry or
 * holds another link there: an older copy was put in place of the live file.
 * A missing anchor or one of another office (a new PC, a new setup) passes.
 */
export async function checkAnchor(db: Tx, fileId: string, anchor: Anchor | null): Promise<AnchorCheck> {
  if (!anchor || anchor.fileId !== fileId) return 'ok';
  const head = await auditHead(db);
  if (head.seq < anchor.seq) return 'rolled_back';
  return (await linkAt(db, anchor.seq)) === anchor.hash || anchor.seq === 0 ? 'ok' : 'rolled_back';
}
