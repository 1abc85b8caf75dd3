/**
 * PostgreSQL does not encrypt its files: the hub's data directory must lie on
 * an encrypted volume (LUKS/dm-crypt, BitLocker, FileVault). This tells what
 * it can; 'unknown' means the coordinator has to confirm it themselves.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { parse, resolve } from 'node:path';

export type VolumeState = 'encrypted' | 'not_encrypted' | 'unknown';

/** Linux: the mount holding `dir`, then its block device and everything beneath it (LVM on LUKS) for a dm-crypt layer. */
function linuxVolume(dir: string): VolumeState {
  const path = realpathSync(dir);
  let best: { point: string; device: string } | null = null;
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const fields = line.split(' ');
    const point = fields[4]?.replace(/\\040/g, ' ');
    const device = fields[2];
    if (!point || !device) continue;
    if ((path === point || path.startsWith(point.endsWith('/') ? point : `${point}/`)) && (!best || point.length >= best.point.length)) best = { point, device };
  }
  if (!best) return 'unknown';
  const seen = new Set<string>();
  const isCrypt = (sysPath: string): boolean | null => {
    if (seen.has(sysPath) || !existsSync(sysPath)) return null;
    seen.add(sysPath);
    const uuid = `${sysPath}/dm/uuid`;
    if (existsSync(uuid) && readFileSync(uuid, 'utf8').startsWith('CRYPT-')) return true;
    const slaves = `${sysPath}/slaves`;
    if (!existsSync(slaves)) return false;
    const below = readdirSync(slaves).map((name) => isCrypt(realpathSync(`${slaves}/${name}`)));
    return below.length > 0 && below.every((b) => b === true);
  };
  const block = `/sys/dev/block/${best.device}`;
  // Device 0:x is no block device (overlay, tmpfs, a network share): nothing to tell from here.
  if (best.device.startsWith('0:') || !existsSync(block)) return 'unknown';
  const found = isCrypt(realpathSync(block));
  return found === true ? 'encrypted' : found === false ? 'not_encrypted' : 'unknown';
}

/** Windows: the shell's BitLocker property of the drive (1 = on; needs no administrator rights). */
function windowsVolume(dir: string): VolumeState {
  const drive = parse(resolve(dir)).root.slice(0, 2);
  const out = execFileSync(
    'powershell.exe',
    ['-NoProfile', '-NonInteractive', '-Command', `(New-Object -ComObject Shell.Application).NameSpace('${drive}').Self.ExtendedProperty('System.Volume.BitLockerProtection')`],
    { encoding: 'utf8', timeout: 15_000, windowsHide: true },
  ).trim();
  if (out === '1' || out === '3' || out === '5') return 'encrypted';
  if (out === '2' || out === '0') return 'not_encrypted';
  return 'unknown';
}

/** macOS: FileVault on the system volume (the hub's folder lives in the user's data). */
function macVolume(): VolumeState {
  const out = execFileSync('fdesetup', ['isactive'], { encoding: 'utf8', timeout: 15_000 }).trim();
  return out === 'true' ? 'encrypted' : out === 'false' ? 'not_encrypted' : 'unknown';
}

export function volumeState(dir: string): VolumeState {
  try {
    if (process.platform === 'linux') return linuxVolume(dir);
    if (process.platform === 'win32') return windowsVolume(dir);
    if (process.platform === 'darwin') return macVolume();
  } catch {
    // A tool that is missing or answers oddly tells nothing.
  }
  return 'unknown';
}
