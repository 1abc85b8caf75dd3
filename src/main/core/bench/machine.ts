import { cpus, platform, release, totalmem } from 'node:os';
import { openDatabase } from '../db/sqlite/open';
import type { MachineFacts } from './report';

/** Node, CPU and SQLite facts, so figures from different machines are not compared blindly. */
export function machineFacts(): MachineFacts {
  const db = openDatabase(':memory:', { key: null });
  try {
    const { sqlite } = db.prepare('SELECT sqlite_version() AS sqlite').get() as { sqlite: string };
    let cipher = 'cipher version unknown';
    try {
      cipher = (db.prepare('SELECT sqlite3mc_version() AS v').get() as { v: string }).v;
    } catch {
      // not a SQLite3 Multiple Ciphers build
    }
    const cpuList = cpus();
    return {
      node: process.version,
      platform: `${platform()} ${release()} ${process.arch}`,
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      sqlite,
      cipher,
    };
  } finally {
    db.close();
  }
}
