/**
 * What a core process starts on: this PC's own file, the office hub it
 * joined, or — on the hub PC — the hub it runs itself (started here, before
 * the core, and stopped by it). After "Make this PC the office hub" the PC's
 * former file is put aside here, at the first start on the hub, when nothing
 * holds it open any more.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseConfig } from '../db/dialect';
import { corePaths } from '../state';
import { hostedHubDir, hostsHub, startHub, type RunningHub } from './host';
import { joinedHub } from './join';

/** The single PC's database files (with their WAL) and its case-work files. */
const SINGLE_PC_FILE = /^m3desk(-casework-\d+)?\.db(-wal|-shm)?$/;

/** Puts the PC's former files into `before-hub-<time>/`, with the key file that opens them. Returns that folder, or null when nothing was left. */
export function putSinglePcAside(dataDir: string): string | null {
  const files = readdirSync(dataDir).filter((name) => SINGLE_PC_FILE.test(name));
  if (files.length === 0) return null;
  const aside = join(dataDir, `before-hub-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(aside, { mode: 0o700 });
  const { keysFile } = corePaths(dataDir);
  if (existsSync(keysFile)) copyFileSync(keysFile, join(aside, 'm3desk.keys'));
  for (const name of files) renameSync(join(dataDir, name), join(aside, name));
  return aside;
}

export interface Boot {
  database?: DatabaseConfig;
  host?: RunningHub;
}

export async function bootHub(dataDir: string, onError: (reason: string) => void = () => undefined): Promise<Boot> {
  let host: RunningHub | undefined;
  const database = joinedHub(dataDir);
  // Only a hub this PC went over to: a folder left by a move that never finished is not started (hub.make sets it aside).
  if (hostsHub(dataDir) && database) {
    try {
      // Nothing holds the former file now; a file in use (a virus scanner) is put aside at the next start.
      putSinglePcAside(dataDir);
    } catch (error) {
      onError(error instanceof Error ? error.name : 'unexpected');
    }
    try {
      host = await startHub(hostedHubDir(dataDir));
    } catch (error) {
      // The core still starts: it says the hub does not answer, and the hub's state shows it stopped.
      onError(error instanceof Error ? error.message : 'unexpected');
    }
  }
  return { ...(database ? { database } : {}), ...(host ? { host } : {}) };
}
