import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { minimatch } from 'minimatch';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Strings only the loopback test bridge's server has. */
const BRIDGE_MARKERS = ['M3 web ready', 'text/event-stream', 'SIGUSR2'];

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

describe('installer contents (electron-builder.yml, after `npm run build`)', () => {
  /** electron-builder's `files`: a file ships when a pattern includes it and no "!" pattern excludes it. */
  function shipped(): string[] {
    const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { files: string[] };
    const include = config.files.filter((p) => !p.startsWith('!'));
    const exclude = config.files.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
    return files(join(root, 'out'))
      .map((file) => file.slice(root.length + 1))
      .filter((file) => include.some((p) => minimatch(file, p)) && !exclude.some((p) => minimatch(file, p)));
  }
  /** Names only the seed generator and the bench have (their code, or chunks of it, must not ship). */
  const TOOL_MARKERS = ['seedFamilies', 'generateFamily', 'unwrapMasterKey', 'search_vs_fts5_ratio'];

  it('the tool markers are really in the tools\' sources, so the check below can fail', () => {
    const source = [...files(join(root, 'src/main/core/seed')), ...files(join(root, 'src/main/core/bench'))].map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const marker of TOOL_MARKERS) expect(source).toContain(marker);
  });

  it('ships the app and its core, but nothing of the bench or the seed generator', () => {
    const list = shipped();
    expect(list).toEqual(expect.arrayContaining(['out/main/index.js', 'out/main/core.js', 'out/preload/index.js', 'out/renderer/index.html']));
    for (const file of list.filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const marker of TOOL_MARKERS) expect({ file, marker, has: text.includes(marker) }).toEqual({ file, marker, has: false });
    }
  });
});

describe('renderer chunks (after `npm run build`)', () => {
  const renderer = join(root, 'out/renderer');
  const entry = () => {
    const html = readFileSync(join(renderer, 'index.html'), 'utf8');
    const src = /<script[^>]+src="\.\/([^"]+)"/.exec(html)?.[1];
    if (!src) throw new Error('no entry script in out/renderer/index.html');
    return readFileSync(join(renderer, src), 'utf8');
  };
  /** Translation keys only the family page, the intake, the administration and the reports use: their code lives in area chunks. */
  const AREA_MARKERS = ['families:page.', 'families:intake.', 'admin:users.', 'reports:drill.'];

  it('keeps the entry chunk small: a fraction of the old 2 MB bundle', () => {
    expect(Buffer.byteLength(entry())).toBeLessThan(400 * 1024);
  });

  it('draws charts with a library that loads only with the report (recharts is the largest there is)', () => {
    const preloaded = [...readFileSync(join(renderer, 'index.html'), 'utf8').matchAll(/href="\.\/(assets\/[^"]+\.js)"/g)].map((m) => readFileSync(join(renderer, m[1]!), 'utf8'));
    const chunks = files(join(renderer, 'assets')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(f, 'utf8'));
    // recharts names its chart surface's class; some chunk has it, and nothing the first screen loads does.
    expect(chunks.some((c) => c.includes('recharts-surface'))).toBe(true);
    for (const code of [entry(), ...preloaded]) expect(code.includes('recharts-surface')).toBe(false);
  });

  it('loads the areas\' pages in chunks of their own, not with the entry', () => {
    const chunks = files(join(renderer, 'assets')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(f, 'utf8'));
    const code = entry();
    for (const marker of AREA_MARKERS) {
      expect({ marker, inSomeChunk: chunks.some((c) => c.includes(marker)) }).toEqual({ marker, inSomeChunk: true });
      expect({ marker, inEntry: code.includes(marker) }).toEqual({ marker, inEntry: false });
    }
  });
});
