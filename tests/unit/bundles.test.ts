import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Strings only the loopback test bridge's server has. */
const BRIDGE_MARKERS = ['M3 web ready', 'text/event-stream', 'timingSafeEqual', 'SIGUSR2'];

describe('built bundles (run after `npm run build`)', () => {
  it('the markers are really in the bridge source, so the check below can fail', () => {
    const source = files(join(root, 'tools/web-bridge')).map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const marker of BRIDGE_MARKERS) expect(source).toContain(marker);
  });

  it.each(['out/main', 'out/preload', 'out/renderer'])('%s does not contain the test bridge', (dir) => {
    const bundle = files(join(root, dir));
    expect(bundle.length).toBeGreaterThan(0);
    for (const file of bundle) {
      const text = readFileSync(file, 'latin1');
      for (const marker of BRIDGE_MARKERS) expect({ file, has: text.includes(marker) }).toEqual({ file, has: false });
    }
  });

  it('the sandboxed preload requires nothing but electron', () => {
    const preload = readFileSync(join(root, 'out/preload/index.js'), 'utf8');
    const requires = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['electron']);
  });

  it('the core bundle never loads electron', () => {
    const core = readFileSync(join(root, 'out/main/core.js'), 'utf8');
    expect(core).not.toMatch(/require\(["']electron["']\)/);
  });
});
