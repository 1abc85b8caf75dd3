/**
 * The office hub for e2e runs: `npm run hub -- init` on loopback as an
 * office's IT would run it, stopped whole at the end, and frozen on demand
 * (a pulled cable).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { OFFICE } from './office';

const root = resolve(__dirname, '../..');

export interface Hub {
  process: ChildProcess;
  dir: string;
  joinCode: string;
  /** The office's recovery key, printed once by `init`. */
  recoveryKey: string;
}

/** `npm run hub -- init` on loopback, as an office's IT would run it on a server. */
export async function startHub(): Promise<Hub> {
  const dir = mkdtempSync(join(tmpdir(), 'm3-e2e-hub-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tools/hub/main.ts', 'init', '--dir', dir, '--office', OFFICE.officeName, '--location', OFFICE.officeLocation, '--display-name', OFFICE.displayName, '--username', OFFICE.username, '--password', OFFICE.password, '--port', String(20000 + Math.floor(Math.random() * 20000)), '--listen', '127.0.0.1', '--address', '127.0.0.1'],
    // Its own process group, so that it can be stopped whole at the end.
    { cwd: root, env: { ...process.env, LANG: 'en' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let out = '';
  const joinCode = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`hub did not start: ${out}`)), 90_000);
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /M3 hub ready: (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => fail(new Error(`hub exited ${code}: ${out}`)));
  });
  const recoveryKey = /\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){7}\b/.exec(out)?.[0];
  if (!recoveryKey) throw new Error(`hub printed no recovery key: ${out}`);
  return { process: child, dir, joinCode, recoveryKey };
}

export async function stopHub(hub: Hub): Promise<void> {
  try {
    freezeHub(hub, 'SIGCONT');
  } catch {
    // already gone
  }
  await new Promise<void>((done) => {
    if (hub.process.exitCode !== null) return done();
    const timer = setTimeout(() => {
      try {
        process.kill(-hub.process.pid!, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
      done();
    }, 15_000);
    hub.process.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    hub.process.kill('SIGTERM');
  });
  rmSync(hub.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}

/**
 * A pulled cable, as the PCs see it: the hub's PostgreSQL — its postmaster and
 * every backend (each runs in a session of its own) — stops answering, without
 * closing a single connection. Found through /proc (the e2e run is on Linux).
 */
export function freezeHub(hub: Hub, signal: 'SIGSTOP' | 'SIGCONT'): void {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = new Set([hub.process.pid!]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (tree.has(parent) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  tree.delete(hub.process.pid!);
  for (const pid of tree) process.kill(pid, signal);
}

