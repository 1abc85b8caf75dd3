/**
 * Keeps the audit chain's head for the core, outside the data folder: sealed
 * with Electron's safeStorage (the OS keystore) so that someone who copies an
 * older database into the data folder cannot also roll the anchor back
 * unnoticed. Without a keystore (some Linux desktops) it is a plain file in
 * userData, still outside what a backup or a copied data folder holds.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { anchorSchema, type Anchor } from '../shared/rpc/channel';

export class AnchorKeeper {
  private readonly sealedFile: string;
  private readonly plainFile: string;
  private current: Anchor | null;

  constructor(userData: string) {
    this.sealedFile = join(userData, 'audit-anchor.bin');
    this.plainFile = join(userData, 'audit-anchor.json');
    this.current = this.read();
  }

  /** For the core's environment at each (re)start, so a restarted core sees the newest anchor. */
  env(): Record<string, string> {
    return { M3_AUDIT_ANCHOR_RELAY: '1', M3_AUDIT_ANCHOR: JSON.stringify(this.current) };
  }

  /** A new head from the core; anything not shaped like an anchor is dropped. */
  write(payload: unknown): void {
    const parsed = anchorSchema.safeParse(payload);
    if (!parsed.success) return;
    this.current = parsed.data;
    const text = JSON.stringify(parsed.data);
    try {
      if (safeStorage.isEncryptionAvailable()) writeAtomic(this.sealedFile, safeStorage.encryptString(text));
      else writeAtomic(this.plainFile, Buffer.from(text, 'utf8'));
    } catch {
      // Best effort: an anchor a step behind raises no false alarm.
    }
  }

  private read(): Anchor | null {
    try {
      if (existsSync(this.sealedFile) && safeStorage.isEncryptionAvailable()) {
        return anchorSchema.parse(JSON.parse(safeStorage.decryptString(readFileSync(this.sealedFile))));
      }
      if (existsSync(this.plainFile)) return anchorSchema.parse(JSON.parse(readFileSync(this.plainFile, 'utf8')));
    } catch {
      // Unreadable (another OS account, a damaged file): start without one; the next lock writes a fresh head.
    }
    return null;
  }
}

function writeAtomic(file: string, data: Buffer): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, data, { mode: 0o600 });
  renameSync(temp, file);
}
