import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/**
 * Runs a test child script (under tsx) and SIGKILLs it `afterMs` after it
 * printed "ready"; answers the complete lines it printed (a line cut off
 * mid-write was not reported). Rejects if the child ended on its own.
 */
export function runUntilKilled(script: string, args: string[], afterMs: number): Promise<string[]> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, script), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (!out.includes('ready') && (out + chunk.toString()).includes('ready')) setTimeout(() => child.kill('SIGKILL'), afterMs);
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended without being killed: ${err}`));
      const lines = out.split('\n');
      lines.pop();
      done(lines);
    });
  });
}
